/** Ports for servers this code starts, picked where nothing else is likely to take them first. */
import fs from 'node:fs';
import net from 'node:net';

/** Whether nothing listens on `port` on 127.0.0.1 yet. */
export function isFree(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/**
 * `count` ports on 127.0.0.1, each with its neighbour free too (n8n puts its task broker there), none
 * overlapping. Picked below the range the system hands out to outgoing connections: the processes of a cluster
 * open many (Postgres, Redis) while others start, and one of them could take a port picked from that range
 * before its server listens.
 */
export async function freePortPairsBelowEphemeral(count: number): Promise<number[]> {
	const range = fs.existsSync('/proc/sys/net/ipv4/ip_local_port_range')
		? fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
		: '';
	const ephemeralLow = Number(range.trim().split(/\s+/)[0]) || 32768;
	const low = 20_000;
	const high = Math.min(ephemeralLow, 32768) - 2;
	const ports: number[] = [];
	for (let attempt = 0; ports.length < count && attempt < 200; attempt++) {
		const port = low + Math.floor(Math.random() * (high - low));
		if (ports.some((taken) => Math.abs(taken - port) <= 1)) continue;
		if ((await isFree(port)) && (await isFree(port + 1))) ports.push(port);
	}
	if (ports.length < count)
		throw new Error(`Could not find ${count} free port pairs between ${low} and ${high}`);
	return ports;
}
