/**
 * The export without n8n, for reference: `node plain-client.js '<json PlainExportSpec>'` reads every page of a
 * Stamped v2 customer list from the sandbox with Node's own HTTP client, `concurrency` pages at a time after
 * the first (as the Stamped node does), a new connection per request (as n8n makes them). What it takes is
 * what the machine and the sandbox allow before any n8n work; it prints one JSON line.
 */
import http from 'node:http';

export interface PlainExportSpec {
	/** The list's URL without `page` and `limit`. */
	url: string;
	authorization: string;
	pageSize: number;
	concurrency: number;
}

export interface PlainExportResult {
	elapsedMs: number;
	requests: number;
	records: number;
	duplicates: number;
}

function getPage(
	spec: PlainExportSpec,
	page: number,
): Promise<{ data: Array<{ email: string }>; total: number }> {
	const url = `${spec.url}?page=${page}&limit=${spec.pageSize}`;
	return new Promise((resolve, reject) => {
		const request = http.get(
			url,
			{ agent: false, headers: { Authorization: spec.authorization } },
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () => {
					if (response.statusCode !== 200)
						return reject(new Error(`${url}: HTTP ${response.statusCode}`));
					resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
				});
			},
		);
		request.setTimeout(60_000, () => request.destroy(new Error(`${url}: timed out`)));
		request.on('error', reject);
	});
}

export async function plainExport(spec: PlainExportSpec): Promise<PlainExportResult> {
	const started = Date.now();
	const first = await getPage(spec, 1);
	const pages = new Map([[1, first.data]]);
	const lastPage = Math.ceil(first.total / spec.pageSize);
	let next = 2;
	const worker = async () => {
		while (next <= lastPage) {
			const page = next++;
			pages.set(page, (await getPage(spec, page)).data);
		}
	};
	await Promise.all(Array.from({ length: spec.concurrency }, worker));
	const elapsedMs = Date.now() - started;
	const records = [...pages.values()].flat();
	return {
		elapsedMs,
		requests: pages.size,
		records: records.length,
		duplicates: records.length - new Set(records.map((record) => record.email)).size,
	};
}

if (require.main === module) {
	plainExport(JSON.parse(process.argv[2]) as PlainExportSpec)
		.then((result) => console.log(JSON.stringify(result)))
		.catch((error) => {
			console.error(error instanceof Error ? error.message : error);
			process.exit(1);
		});
}
