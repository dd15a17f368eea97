/**
 * A mailbox for the sandbox: the smallest SMTP server n8n's Send Email node (nodemailer) talks to, on
 * 127.0.0.1, without TLS or authentication. It keeps every message instead of delivering it, so the playground
 * shows what a workflow sent and the suite can assert on it.
 */
import net from 'node:net';

export interface MailMessage {
	from: string;
	to: string[];
	subject: string;
	/** The message as received: headers, blank line, body. */
	raw: string;
	receivedAt: string;
}

/** Lines longer than this, or messages bigger, end the session: the sink is for small test messages. */
const MAX_MESSAGE_BYTES = 1_000_000;

export class SmtpSink {
	readonly messages: MailMessage[] = [];
	private readonly server = net.createServer((socket) => this.session(socket));
	private readonly sockets = new Set<net.Socket>();

	async start(port = 0): Promise<number> {
		await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
		return (this.server.address() as net.AddressInfo).port;
	}

	async stop(): Promise<void> {
		this.sockets.forEach((socket) => socket.destroy());
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private session(socket: net.Socket): void {
		this.sockets.add(socket);
		socket.on('close', () => this.sockets.delete(socket));
		socket.on('error', () => socket.destroy());
		socket.setEncoding('utf8');
		const reply = (line: string) => socket.write(`${line}\r\n`);

		let envelope = { from: '', to: [] as string[] };
		let data: string[] | undefined;
		let buffered = '';
		reply('220 sandbox ESMTP ready');

		socket.on('data', (chunk: string) => {
			buffered += chunk;
			if (buffered.length > MAX_MESSAGE_BYTES) return void socket.destroy();
			let end: number;
			while ((end = buffered.indexOf('\r\n')) >= 0) {
				const line = buffered.slice(0, end);
				buffered = buffered.slice(end + 2);
				if (data) {
					if (line !== '.') {
						// A leading dot is doubled on the wire ("dot-stuffing").
						data.push(line.startsWith('..') ? line.slice(1) : line);
						continue;
					}
					this.keep(envelope, data.join('\r\n'));
					data = undefined;
					envelope = { from: '', to: [] };
					reply('250 2.0.0 kept in the sandbox mailbox');
					continue;
				}
				const command = line.slice(0, 4).toUpperCase();
				if (command === 'EHLO' || command === 'HELO') reply('250 sandbox');
				else if (command === 'MAIL') {
					envelope.from = addressIn(line);
					reply('250 2.1.0 OK');
				} else if (command === 'RCPT') {
					envelope.to.push(addressIn(line));
					reply('250 2.1.5 OK');
				} else if (command === 'DATA') {
					data = [];
					reply('354 End data with <CR><LF>.<CR><LF>');
				} else if (command === 'RSET') {
					envelope = { from: '', to: [] };
					reply('250 2.0.0 OK');
				} else if (command === 'NOOP') reply('250 2.0.0 OK');
				else if (command === 'QUIT') {
					reply('221 2.0.0 Bye');
					socket.end();
				} else reply('502 5.5.1 Not implemented');
			}
		});
	}

	private keep(envelope: { from: string; to: string[] }, raw: string): void {
		const subject = /^Subject: (.*)$/im.exec(raw)?.[1]?.trim() ?? '';
		this.messages.push({ ...envelope, subject, raw, receivedAt: new Date().toISOString() });
	}
}

/** `MAIL FROM:<a@b.c> SIZE=12` → `a@b.c`. */
function addressIn(line: string): string {
	return /<([^>]*)>/.exec(line)?.[1] ?? line.slice(line.indexOf(':') + 1).trim();
}
