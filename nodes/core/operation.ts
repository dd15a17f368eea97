import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ApiClient } from './request';

/**
 * One operation of an action node, in two steps: `prepare` reads and checks an item's parameters without
 * sending anything; `execute` sends what `prepare` returned. Keeping them apart lets the router check every
 * item before the first request, so a bad item stops the run before anything changed.
 */
export interface Operation<Input = unknown> {
	prepare(this: IExecuteFunctions, itemIndex: number): Input | Promise<Input>;
	execute(
		this: IExecuteFunctions,
		api: ApiClient,
		input: Input,
		itemIndex: number,
	): Promise<IDataObject | IDataObject[]>;
	/**
	 * What an item acts on (a customer's e-mail, a wallet pass). Operations that name it run several items at
	 * once; items for the same subject still run one after another, in input order. Without it, items run one
	 * at a time.
	 */
	subjectOf?(input: Input): string;
	/**
	 * Sends several items in one request, for endpoints that take a list. When declared, items are sent in
	 * batches of up to `batchSize` (one batch at a time, in input order) instead of one by one. It returns one
	 * entry per input, in the same order: the item's output, or an Error for that item alone. A thrown error
	 * fails every item of the batch.
	 */
	executeBatch?(
		this: IExecuteFunctions,
		api: ApiClient,
		inputs: Input[],
		itemIndexes: number[],
	): Promise<Array<IDataObject | IDataObject[] | Error>>;
	batchSize?: number;
}

/** Items sent at once by operations that name their subject. */
export const ITEMS_AT_ONCE = 4;

type Prepared<Input> = { input: Input } | { error: Error };

/**
 * An API answer as one output item's JSON. Objects pass through; anything else is kept under `response`, so
 * the user sees exactly what arrived instead of an empty or mangled item.
 */
export function asJsonObject(body: unknown): IDataObject {
	if (body !== null && typeof body === 'object' && !Array.isArray(body)) return body as IDataObject;
	return { response: body === undefined || body === '' ? null : (body as IDataObject) };
}

/** What an unexpected answer held, for the error message: its type, or its keys. */
export function describeAnswer(body: unknown): string {
	if (body === null || body === undefined || body === '') return 'an empty answer';
	if (Array.isArray(body)) return `a list of ${body.length}`;
	if (typeof body === 'object')
		return `an object with ${
			Object.keys(body)
				.map((key) => `"${key}"`)
				.join(', ') || 'no keys'
		}`;
	return `${typeof body} ${JSON.stringify(body).slice(0, 80)}`;
}

/**
 * Runs an operation over every input item. All items are prepared (checked) first, so that a bad item stops the
 * run before anything is sent. Then they are executed: up to ITEMS_AT_ONCE at a time when the operation names
 * each item's subject (items for the same subject wait for each other), else one by one. Output items keep the
 * input order, each paired with the input item it came from. With "Continue On Fail" a failing item becomes an
 * item carrying the error and the run goes on; without it the first failure starts no further item and, once
 * the items already sent have answered, stops the run with the failure of the earliest item.
 */
export async function runOperation<Input>(
	ctx: IExecuteFunctions,
	operation: Operation<Input>,
	openApi: () => Promise<ApiClient>,
): Promise<INodeExecutionData[]> {
	const itemCount = ctx.getInputData().length;
	const continueOnFail = ctx.continueOnFail();

	const prepared: Array<Prepared<Input>> = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			prepared.push({ input: await operation.prepare.call(ctx, itemIndex) });
		} catch (error) {
			if (!continueOnFail) throw asItemError(ctx, error, itemIndex);
			prepared.push({ error: asItemError(ctx, error, itemIndex) });
		}
	}

	const results: INodeExecutionData[][] = new Array(itemCount);
	const failures: Array<{ itemIndex: number; error: Error }> = [];
	let api: ApiClient | undefined;
	const run = async (itemIndex: number, input: Input): Promise<void> => {
		const pairedItem = { item: itemIndex };
		try {
			api ??= await openApi();
			const result = await operation.execute.call(ctx, api, input, itemIndex);
			results[itemIndex] = (Array.isArray(result) ? result : [result]).map((json) => ({
				json,
				pairedItem,
			}));
		} catch (error) {
			const itemError = asItemError(ctx, error, itemIndex);
			if (continueOnFail) results[itemIndex] = [errorItem(itemError, itemIndex)];
			else failures.push({ itemIndex, error: itemError });
		}
	};

	if (operation.executeBatch) {
		let opened: Promise<ApiClient> | undefined;
		const batchResults = await runBatches(
			ctx,
			operation,
			prepared,
			async () => await (opened ??= openApi()),
		);
		for (const [itemIndex, result] of batchResults.entries()) {
			if ('error' in result) {
				if (continueOnFail) results[itemIndex] = [errorItem(result.error, itemIndex)];
				else failures.push({ itemIndex, error: result.error });
			} else if (result.output) {
				results[itemIndex] = result.output.map((json) => ({
					json,
					pairedItem: { item: itemIndex },
				}));
			}
		}
		return finish(results, failures);
	}

	const atOnce = operation.subjectOf ? ITEMS_AT_ONCE : 1;
	const running = new Map<Promise<void>, string>();
	for (let itemIndex = 0; itemIndex < itemCount && failures.length === 0; itemIndex++) {
		const entry = prepared[itemIndex];
		if ('error' in entry) {
			results[itemIndex] = [errorItem(entry.error, itemIndex)];
			continue;
		}
		const subject = operation.subjectOf?.(entry.input) ?? '';
		// Wait for a free slot, and for any earlier item on the same subject.
		while (running.size >= atOnce || [...running.values()].includes(subject))
			await Promise.race(running.keys());
		if (failures.length > 0) break;
		const task: Promise<void> = run(itemIndex, entry.input).finally(() => running.delete(task));
		running.set(task, subject);
	}
	await Promise.all(running.keys());
	return finish(results, failures);
}

function finish(
	results: INodeExecutionData[][],
	failures: Array<{ itemIndex: number; error: Error }>,
): INodeExecutionData[] {
	if (failures.length > 0) {
		const { itemIndex: failed, error } = failures.sort((a, b) => a.itemIndex - b.itemIndex)[0];
		throw withLaterItemsDone(error, results, failed);
	}
	return results.flat();
}

type BatchResult = { output?: IDataObject[] } | { error: Error };

/**
 * Runs `executeBatch` over the prepared items, `batchSize` at a time in input order. Items that failed to
 * prepare are reported as they are; once an item has failed (without Continue On Fail), no further batch starts.
 * Returns what happened to each item that was prepared or sent; items never sent are absent.
 */
async function runBatches<Input>(
	ctx: IExecuteFunctions,
	operation: Operation<Input>,
	prepared: Array<Prepared<Input>>,
	openApi: () => Promise<ApiClient>,
): Promise<Map<number, BatchResult>> {
	const continueOnFail = ctx.continueOnFail();
	const size = Math.max(1, Math.floor(operation.batchSize ?? 1));
	const outcomes = new Map<number, BatchResult>();
	const failed = () =>
		!continueOnFail && [...outcomes.values()].some((outcome) => 'error' in outcome);
	let batch: number[] = [];
	const send = async () => {
		if (batch.length === 0 || failed()) return;
		const itemIndexes = batch;
		batch = [];
		const inputs = itemIndexes.map((itemIndex) => (prepared[itemIndex] as { input: Input }).input);
		try {
			const api = await openApi();
			const answers = await operation.executeBatch!.call(ctx, api, inputs, itemIndexes);
			itemIndexes.forEach((itemIndex, position) => {
				const answer = answers[position];
				if (answer instanceof Error)
					outcomes.set(itemIndex, { error: asItemError(ctx, answer, itemIndex) });
				else
					outcomes.set(itemIndex, {
						output: answer === undefined ? [] : Array.isArray(answer) ? answer : [answer],
					});
			});
		} catch (error) {
			for (const itemIndex of itemIndexes)
				outcomes.set(itemIndex, { error: asItemError(ctx, error, itemIndex) });
		}
	};
	for (const [itemIndex, entry] of prepared.entries()) {
		if ('error' in entry) {
			outcomes.set(itemIndex, { error: entry.error });
			continue;
		}
		batch.push(itemIndex);
		if (batch.length >= size) await send();
	}
	await send();
	return outcomes;
}

/**
 * Items after the failed one that were sent alongside it and succeeded are done on the server, though the run
 * failed: the error says which, so that running the same items again does not repeat them.
 */
function withLaterItemsDone(error: Error, results: INodeExecutionData[][], failed: number): Error {
	const done = results
		.map((result, itemIndex) => (result && itemIndex > failed ? itemIndex : -1))
		.filter((itemIndex) => itemIndex >= 0);
	if (done.length === 0) return error;
	const described = error as { description?: string | null };
	const note = `Item${done.length > 1 ? 's' : ''} ${done.join(', ')}, sent at the same time, succeeded before the run stopped: leave ${done.length > 1 ? 'them' : 'it'} out when you run these items again.`;
	described.description = described.description ? `${described.description} ${note}` : note;
	return error;
}

function asItemError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) {
		const context = (error as { context?: IDataObject }).context;
		if (context && context.itemIndex === undefined) context.itemIndex = itemIndex;
		return error as Error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	const { description, httpCode } = error as {
		description?: string | null;
		httpCode?: string | null;
	};
	const json: IDataObject = { error: error.message };
	if (description) json.errorDescription = description;
	if (httpCode) json.httpCode = httpCode;
	return { json, pairedItem: { item: itemIndex } };
}
