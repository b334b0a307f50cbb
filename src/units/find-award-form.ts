import type { Tx } from '../store/db.js';

/** An award form by code, active or not: a proposal names the form it was made for. */
export async function findAwardForm(tx: Tx, options: { campaignId: string; code: string }) {
  return tx.awardForm.findFirst({ where: { campaignId: options.campaignId, code: options.code } });
}
