import type { Tx } from '../store/db.js';

/**
 * The year's annual reports of one campaign's units waiting for review, first submitted first,
 * with their units: the buttons name units by code, which only that campaign resolves.
 */
export async function listSubmittedAnnualReports(tx: Tx, options: { campaignId: string; year: number }) {
  return tx.annualReport.findMany({
    where: { year: options.year, state: 'submitted', unit: { campaignId: options.campaignId } },
    include: { unit: true },
    orderBy: { submittedAt: 'asc' },
  });
}
