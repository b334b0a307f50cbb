import type { Tx } from '../store/db.js';

/** Whether a block made from this report is in force (its sender may not file reports). */
export async function isReportSenderBlocked(tx: Tx, options: { reportId: string }): Promise<boolean> {
  return (await tx.reportingBlock.count({ where: { reportId: options.reportId, liftedAt: null } })) > 0;
}
