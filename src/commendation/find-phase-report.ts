import type { Tx } from '../store/db.js';

/** The unit's phase report for a review, once it has written one. */
export async function findPhaseReport(tx: Tx, options: { reviewId: string; unitId: string }) {
  return tx.phaseReport.findUnique({ where: { reviewId_unitId: { reviewId: options.reviewId, unitId: options.unitId } } });
}
