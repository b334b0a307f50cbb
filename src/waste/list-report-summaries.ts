import type { Tx } from '../store/db.js';

/** These reports with their category and locality, enough for a public summary of each. */
export async function listReportSummaries(tx: Tx, options: { reportIds: readonly string[] }) {
  return tx.wasteReport.findMany({ where: { id: { in: [...options.reportIds] } }, include: { category: true, localityUnit: true } });
}
