import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { OperationTable } from '../../core/operation';
import { routeOperation } from '../../core/operation';
import type { ApiClient } from '../../core/request';
import { openStempApi } from '../transport';
import * as stamp from './stamp/Stamp.resource';

const operations: OperationTable<ApiClient> = {
	stamp: {
		add: stamp.add,
		get: stamp.get,
		getHistory: stamp.getHistory,
		remove: stamp.remove,
		reset: stamp.reset,
		set: stamp.set,
	},
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation(this, operations, async () => await openStempApi(this));
}
