import { storeFile } from '../reports/store-file.js';
import type { Tx } from '../store/db.js';
import { consolidatedCsv, type consolidatedList } from './phase-review.js';

/** The accepted proposals of the consolidated list as a stored CSV file, to send. */
export async function storeConsolidatedList(tx: Tx, options: { rows: Awaited<ReturnType<typeof consolidatedList>>['rows'] }): Promise<{ id: string }> {
  return storeFile(tx, await consolidatedCsv(options.rows), 'text/csv');
}
