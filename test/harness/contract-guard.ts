/**
 * Runs after every unit test (jest's setupFilesAfterEnv): a Stamped v3 or stemp request or answer of any fake API
 * in this process that differed from the vendor's published reference (test/contract/check.ts,
 * test/contract/stemp-contract.ts) fails the test that caused it, naming the operation and the difference.
 */
import { FakeApi } from '../fake-api/server';

afterEach(() => {
	const violations = [...FakeApi.running].flatMap((api) =>
		api.contractViolations.splice(0, api.contractViolations.length),
	);
	if (violations.length === 0) return;
	const unique = [...new Set(violations)];
	throw new Error(
		`Traffic outside the vendor's published reference (Stamped v3: test/contract/stamped-v3-contract.json; stemp: test/contract/openapi/stemp/openapi.json):\n- ${unique.join('\n- ')}`,
	);
});

/**
 * For tests that send something outside the reference on purpose (a misconfigured credential, a hostile input):
 * asserts the differences recorded so far match `expected`, one each, and forgets them so the test passes.
 */
export function expectContractViolations(api: FakeApi, expected: RegExp[]): void {
	const recorded = api.contractViolations.splice(0, api.contractViolations.length);
	expect(recorded).toHaveLength(expected.length);
	expected.forEach((pattern, index) => expect(recorded[index]).toMatch(pattern));
}
