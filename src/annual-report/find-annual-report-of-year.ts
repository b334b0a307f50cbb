import type { Tx } from '../store/db.js';

/** A unit's annual report for a year, if it was begun. */
export async function findAnnualReportOfYear(tx: Tx, options: { unitId: string; year: number }) {
  return tx.annualReport.findUnique({ where: { unitId_year: { unitId: options.unitId, year: options.year } } });
}
