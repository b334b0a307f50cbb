import type { Tx } from '../store/db.js';

/** The categories a citizen picks a report's kind from, in the campaign's order. */
export async function listWasteCategories(tx: Tx, options: { campaignId: string }) {
  return tx.wasteCategory.findMany({ where: { campaignId: options.campaignId, active: true }, orderBy: { sortOrder: 'asc' } });
}
