import type { Tx } from '../store/db.js';

/** Whether an official's block, not yet lifted, stops this person from filing reports. */
export async function isReportingBlocked(tx: Tx, options: { personId: string }): Promise<boolean> {
  return (await tx.reportingBlock.count({ where: { personId: options.personId, liftedAt: null } })) > 0;
}
