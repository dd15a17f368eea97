import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runOperation } from '../../core/operation';
import { requireOperation } from '../../core/registry';
import { openStempApi } from '../transport';
import { stempRegistry } from './registry';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = requireOperation(this, stempRegistry);
	return [await runOperation(this, operation, async () => await openStempApi(this))];
}
