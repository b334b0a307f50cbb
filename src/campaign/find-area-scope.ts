import type { Tx } from '../store/db.js';

/** An area of the campaign by its code (any case), with the units leading it and its criteria. */
export async function findAreaScope(tx: Tx, options: { campaignId: string; code: string }) {
  return tx.area.findFirst({ where: { campaignId: options.campaignId, code: options.code.toLowerCase() }, include: { leads: true, criteria: true } });
}
