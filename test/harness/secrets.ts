/** Asserting that no credential value, in any form, reached what a user or a log can see. */
import type { INodeExecutionData } from 'n8n-workflow';

import { logLines } from './engine';

export function secretForms(...values: string[]): string[] {
	const forms = new Set<string>();
	for (const value of values) {
		forms.add(value);
		forms.add(Buffer.from(value).toString('base64'));
	}
	return [...forms];
}

/** Everything a user or an operator could read after a run: output items, the error, and the log. */
export function visibleText(items: INodeExecutionData[], error?: unknown): string {
	const errorParts = error
		? JSON.stringify({
				message: (error as Error).message,
				description: (error as { description?: unknown }).description,
				context: (error as { context?: unknown }).context,
				messages: (error as { messages?: unknown }).messages,
				cause: (error as { cause?: unknown }).cause,
				errorResponse: (error as { errorResponse?: unknown }).errorResponse,
				stack: (error as Error).stack,
			})
		: '';
	return [JSON.stringify(items), errorParts, logLines.join('\n')].join('\n');
}

export function expectNoSecrets(text: string, secrets: string[]): void {
	for (const secret of secrets) {
		const at = text.indexOf(secret);
		if (at >= 0) {
			const around = text
				.slice(Math.max(0, at - 80), at + secret.length + 20)
				.split(secret)
				.join('<SECRET>');
			throw new Error(`a credential value leaked: …${around}…`);
		}
	}
}
