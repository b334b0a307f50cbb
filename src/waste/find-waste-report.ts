import type { Tx } from '../store/db.js';

/** A report by its id, or by the tracking code its reporter and officials type (normalized). */
export async function findWasteReport(tx: Tx, options: { reportId: string } | { code: string }) {
  return tx.wasteReport.findUnique({ where: 'code' in options ? { code: options.code } : { id: options.reportId } });
}
