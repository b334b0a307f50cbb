import type { Tx } from '../store/db.js';

/** The campaign's active unit kinds that have active units, by code. */
export async function listUnitKinds(tx: Tx, options: { campaignId: string }) {
  return tx.unitKind.findMany({
    where: { campaignId: options.campaignId, active: true, units: { some: { active: true } } },
    orderBy: { code: 'asc' },
  });
}
