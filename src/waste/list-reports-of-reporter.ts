import type { Tx } from '../store/db.js';

/** A person's own latest reports, newest first. */
export async function listReportsOfReporter(tx: Tx, options: { reporterId: string; take: number }) {
  return tx.wasteReport.findMany({ where: { reporterId: options.reporterId }, orderBy: { createdAt: 'desc' }, take: options.take });
}
