/**
 * Ready-to-paste shell commands that send a published trigger example a delivery the way its vendor would, with
 * the sandbox's secrets: the playground prints one per trigger example, and the e2e suite runs them.
 */
import { SANDBOX_KEYS } from '../../test/fake-api/sandbox';
import type { ExampleWorkflow } from './examples';

/** Quotes a value for a POSIX shell. */
const shellQuoted = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

/** The trigger of ours an example starts from, if any. */
export function triggerOf(example: Pick<ExampleWorkflow, 'nodes'>): string | undefined {
	return example.nodes
		.map((node) => /^n8n-nodes-stamped-stemp\.(\w+Trigger)$/.exec(node.type)?.[1])
		.find(Boolean);
}

/**
 * A `curl` command (bash) delivering a sample event to `url`, or undefined for a trigger without a sample.
 *
 * - Stamped Trigger: a tier change (Jane moves to Gold), with the webhook secret in X-Stamped-Webhook-Secret, as
 *   Stamped sends it. Stamped sends no delivery id, so the trigger recognises a repeat by its content: the same
 *   command again starts nothing; change a value (e.g. the points) to send a new one.
 * - stemp Trigger: Jane's card completed, signed with HMAC-SHA256 (openssl) over a body with a fresh id and
 *   the current time, so each run is a new delivery (the trigger refuses old signed timestamps).
 */
export function sampleDeliveryCommand(trigger: string, url: string): string | undefined {
	if (trigger === 'stampedTrigger') {
		const body = JSON.stringify({
			email: 'jane@example.com',
			oldTier: 'Silver',
			newTier: 'Gold',
			points: 1200,
		});
		return [
			`curl -sS -X POST ${shellQuoted(url)} -H 'Content-Type: application/json'`,
			`-H 'X-Stamped-Topic: Rewards VIP'`,
			`-H ${shellQuoted(`X-Stamped-Webhook-Secret: ${SANDBOX_KEYS.stampedWebhookSecret}`)}`,
			`-d ${shellQuoted(body)}`,
		].join(' ');
	}
	if (trigger === 'stempTrigger') {
		const secret = shellQuoted(SANDBOX_KEYS.stempWebhookSigningSecret);
		return [
			`body="{\\"id\\":\\"evt_$(date +%s%N)\\",\\"type\\":\\"stamp.card_completed\\",\\"timestamp\\":\\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\\",\\"data\\":{\\"walletPassId\\":\\"wp_jane_0001\\"}}";`,
			`curl -sS -X POST ${shellQuoted(url)} -H 'Content-Type: application/json'`,
			`-H "X-Stemp-Signature: sha256=$(printf %s "$body" | openssl dgst -sha256 -hmac ${secret} | sed 's/^.* //')"`,
			`-d "$body"`,
		].join(' ');
	}
	return undefined;
}
