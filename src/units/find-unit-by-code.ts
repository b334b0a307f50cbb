import type { Tx } from '../store/db.js';

/** An active unit of the campaign by its code, as an official types it (any case, spaces around). */
export async function findUnitByCode(tx: Tx, options: { campaignId: string; code: string }) {
  return tx.unit.findFirst({
    where: { campaignId: options.campaignId, active: true, code: { equals: options.code.trim().toUpperCase() } },
  });
}
