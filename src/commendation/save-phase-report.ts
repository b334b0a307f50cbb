import type { Tx } from '../store/db.js';

/** The unit's phase report for a review; written again, the newer text replaces it. */
export async function savePhaseReport(tx: Tx, options: { reviewId: string; unitId: string; summary: string; personId: string; now: Date }): Promise<void> {
  const fields = { summary: options.summary, submittedAt: options.now, submittedById: options.personId };
  await tx.phaseReport.upsert({
    where: { reviewId_unitId: { reviewId: options.reviewId, unitId: options.unitId } },
    create: { reviewId: options.reviewId, unitId: options.unitId, ...fields },
    update: fields,
  });
}
