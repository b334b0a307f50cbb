import type { Tx } from '../store/db.js';

/** The reporter's answer to "resolved": whether the report was resolved to their satisfaction. */
export async function recordResolutionRating(tx: Tx, options: { reportId: string; ok: boolean }): Promise<void> {
  await tx.wasteReport.update({ where: { id: options.reportId }, data: { resolutionOk: options.ok } });
}
