import type { Tx } from '../store/db.js';

/** The year's annual reports waiting for review, first submitted first, with their units. */
export async function listSubmittedAnnualReports(tx: Tx, options: { year: number }) {
  return tx.annualReport.findMany({ where: { year: options.year, state: 'submitted' }, include: { unit: true }, orderBy: { submittedAt: 'asc' } });
}
