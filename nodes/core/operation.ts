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
	 * Runs the prepared items some other way than one `execute` each, e.g. several in one request (see
	 * `ItemRunner`). Without it, items run through `execute` as `subjectOf` allows.
	 */
	runItems?: ItemRunner<Input>;
}

/**
 * Runs prepared items: resolves to what became of each item it ran, by item index. With `stopAtFailure` (no
 * Continue On Fail) it starts no further request once an item failed; items it never ran are left out.
 */
export type ItemRunner<Input> = ((
	this: IExecuteFunctions,
	items: Array<{ itemIndex: number; input: Input }>,
	openApi: () => Promise<ApiClient>,
	stopAtFailure: boolean,
) => Promise<Map<number, ItemOutcome>>) & {
	/** How many items one request carries, where a runner sends several in one (the docs say it). */
	itemsPerRequest?: number;
};

/** What became of one item: its output records, or the error it failed with. */
export type ItemOutcome = { output: IDataObject[] } | { error: Error };

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
 * run before anything is sent. Then they are executed by the operation's `runItems`, or `itemByItem`: up to
 * ITEMS_AT_ONCE at a time when the operation names each item's subject (items for the same subject wait for
 * each other), else one by one. Output items keep the
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
	const settle = (itemIndex: number, outcome: ItemOutcome) => {
		if ('output' in outcome) results[itemIndex] = outputItems(ctx, outcome.output, itemIndex);
		else if (continueOnFail) results[itemIndex] = errorItem(ctx, outcome.error, itemIndex);
		else failures.push({ itemIndex, error: outcome.error });
	};
	let opened: Promise<ApiClient> | undefined;
	const api = async () => await (opened ??= openApi());

	const items = prepared.flatMap((entry, itemIndex) =>
		'input' in entry ? [{ itemIndex, input: entry.input }] : [],
	);
	const runItems = operation.runItems ?? itemByItem(operation);
	const outcomes = await runItems.call(ctx, items, api, !continueOnFail);
	for (const [itemIndex, entry] of prepared.entries()) {
		const outcome = 'error' in entry ? entry : outcomes.get(itemIndex);
		if (outcome && 'error' in outcome)
			settle(itemIndex, { error: asItemError(ctx, outcome.error, itemIndex) });
		else if (outcome) settle(itemIndex, outcome);
	}
	return finish(results, failures);
}

/**
 * How items run unless an operation says otherwise: one `execute` each, up to ITEMS_AT_ONCE at a time when the
 * operation names each item's subject (items on the same subject one after another, in input order), else one
 * by one. With `stopAtFailure`, no further item starts once one has failed.
 */
export function itemByItem<Input>(
	operation: Pick<Operation<Input>, 'execute' | 'subjectOf'>,
): ItemRunner<Input> {
	return async function (items, openApi, stopAtFailure) {
		const outcomes = new Map<number, ItemOutcome>();
		let failed = false;
		const atOnce = operation.subjectOf ? ITEMS_AT_ONCE : 1;
		const running = new Map<Promise<void>, string>();
		for (const { itemIndex, input } of items) {
			if (failed && stopAtFailure) break;
			const subject = operation.subjectOf?.(input) ?? '';
			// Wait for a free slot, and for any earlier item on the same subject.
			while (running.size >= atOnce || [...running.values()].includes(subject))
				await Promise.race(running.keys());
			if (failed && stopAtFailure) break;
			const task: Promise<void> = (async () => {
				try {
					const result = await operation.execute.call(this, await openApi(), input, itemIndex);
					outcomes.set(itemIndex, { output: Array.isArray(result) ? result : [result] });
				} catch (error) {
					failed = true;
					outcomes.set(itemIndex, { error: error as Error });
				}
			})().finally(() => running.delete(task));
			running.set(task, subject);
		}
		await Promise.all(running.keys());
		return outcomes;
	};
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

/**
 * An item's output, each record paired with the input item by n8n's own helper. The records are wrapped here
 * rather than by n8n's `returnJsonArray`, which takes a record that has a `json` key for an item of its own: an
 * answer carrying `json` and `binary` would then become binary data, or change the pairing.
 */
function outputItems(
	ctx: IExecuteFunctions,
	records: IDataObject[],
	itemIndex: number,
): INodeExecutionData[] {
	return ctx.helpers.constructExecutionMetaData(
		records.map((json) => ({ json })),
		{ itemData: { item: itemIndex } },
	);
}

/** The item Continue On Fail outputs for a failed item: the error's message, description and status. */
function errorItem(ctx: IExecuteFunctions, error: Error, itemIndex: number): INodeExecutionData[] {
	const { description, httpCode } = error as {
		description?: string | null;
		httpCode?: string | null;
	};
	const json: IDataObject = { error: error.message };
	if (description) json.errorDescription = description;
	if (httpCode) json.httpCode = httpCode;
	return outputItems(ctx, [json], itemIndex);
}
