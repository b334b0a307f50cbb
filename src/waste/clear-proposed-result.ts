import type { Tx } from '../store/db.js';

/** Nothing waits for the board any more: the result it confirmed now speaks through the report's status. */
export async function clearProposedResult(tx: Tx, options: { reportId: string }): Promise<void> {
  await tx.wasteReport.update({ where: { id: options.reportId }, data: { proposedResult: null, proposedAt: null, proposedById: null } });
}
