import type { Tx } from '../store/db.js';

/** A phase of the campaign the caller knows exists (the one a review was opened for). */
export async function findPhaseByCode(tx: Tx, options: { campaignId: string; code: string }) {
  return tx.phase.findFirstOrThrow({ where: { campaignId: options.campaignId, code: options.code } });
}
