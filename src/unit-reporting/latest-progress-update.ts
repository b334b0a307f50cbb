import type { Tx } from '../store/db.js';

/** The figure a unit last gave for a criterion and that still stands, of any period. */
export async function latestProgressUpdate(tx: Tx, options: { unitId: string; criterionId: string }) {
  return tx.progressUpdate.findFirst({
    where: { unitId: options.unitId, criterionId: options.criterionId, supersededAt: null },
    orderBy: { createdAt: 'desc' },
  });
}
