import type { Tx } from '../store/db.js';

/** A report with its unit, without its sections (see loadAnnualReport for the whole). */
export async function findAnnualReport(tx: Tx, options: { reportId: string }) {
  return tx.annualReport.findUnique({ where: { id: options.reportId }, include: { unit: true } });
}
