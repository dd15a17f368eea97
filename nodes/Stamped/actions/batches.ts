import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ItemOutcome, ItemRunner } from '../../core/operation';
import type { ApiClient } from '../../core/request';

/**
 * Sends several items in one request, for endpoints that take a list: one entry per input, in the same order,
 * the item's output or an Error for that item alone. A thrown error fails every item of the batch.
 */
type SendBatch<Input> = (
	this: IExecuteFunctions,
	api: ApiClient,
	inputs: Input[],
	itemIndexes: number[],
) => Promise<Array<IDataObject | IDataObject[] | Error>>;

/**
 * An operation's `runItems` that sends the items in batches of up to `size`, one batch at a time in input
 * order; after a failure (without Continue On Fail) no further batch starts.
 */
export function inBatches<Input>(size: number, sendBatch: SendBatch<Input>): ItemRunner<Input> {
	const run: ItemRunner<Input> = async function (items, openApi, stopAtFailure) {
		const outcomes = new Map<number, ItemOutcome>();
		const failed = () =>
			stopAtFailure && [...outcomes.values()].some((outcome) => 'error' in outcome);
		for (let start = 0; start < items.length && !failed(); start += size) {
			const batch = items.slice(start, start + size);
			const itemIndexes = batch.map((item) => item.itemIndex);
			try {
				const api = await openApi();
				const answers = await sendBatch.call(
					this,
					api,
					batch.map((item) => item.input),
					itemIndexes,
				);
				itemIndexes.forEach((itemIndex, position) => {
					const answer = answers[position];
					outcomes.set(
						itemIndex,
						answer instanceof Error
							? { error: answer }
							: { output: answer === undefined ? [] : Array.isArray(answer) ? answer : [answer] },
					);
				});
			} catch (error) {
				for (const itemIndex of itemIndexes) outcomes.set(itemIndex, { error: error as Error });
			}
		}
		return outcomes;
	};
	return Object.assign(run, { itemsPerRequest: size });
}
