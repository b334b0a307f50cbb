import type { Tx } from '../store/db.js';

/** The award forms a unit may propose or report this campaign, in its order. */
export async function listAwardForms(tx: Tx, options: { campaignId: string }) {
  return tx.awardForm.findMany({ where: { campaignId: options.campaignId, active: true }, orderBy: { sortOrder: 'asc' } });
}
