/** Fixtures the points and reward tests share: a points card with a pending redemption, a stamp card with a pending reward. */
import type { Stemp } from '../fake-api/stemp';
import { POINTS_TEMPLATE_ID, STEMP_TOKEN } from '../fake-api/stemp';

/** Sends a request to the fake's stemp handler directly (to set up state as stemp would have made it). */
export function seedRequest(stemp: Stemp, method: string, path: string, body?: unknown) {
	const segments = path.split('/').filter(Boolean);
	return stemp.handle({
		method,
		path,
		segments,
		query: {},
		queryAll: {},
		headers: { authorization: `Bearer ${STEMP_TOKEN}` },
		body,
	});
}

/** A points card `wp_pts` (300 points) with a pending redemption of the croissant tier; returns its ID. */
export function pendingRedemption(stemp: Stemp): string {
	stemp.addPass({ walletPassId: 'wp_pts', templateId: POINTS_TEMPLATE_ID, currentPoints: 300 });
	const reply = seedRequest(stemp, 'POST', '/walletpasses/wp_pts/points/redeem', {
		rewardTierId: 'rt_croissant',
	});
	return (reply.body as { id: string }).id;
}

/** A stamp card `wp_full` completed once: its pending reward's ID. */
export function pendingReward(stemp: Stemp): string {
	stemp.addPass({ walletPassId: 'wp_full', currentStamps: 9 });
	seedRequest(stemp, 'POST', '/walletpasses/wp_full/stamps/add', {});
	return [...stemp.stampRewards.values()].find((reward) => reward.walletPassId === 'wp_full')!.id;
}
