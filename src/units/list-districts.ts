import type { Tx } from '../store/db.js';

/** The campaign's active districts, in its order: the places a citizen may pick a report's locality from. */
export async function listDistricts(tx: Tx, options: { campaignId: string }) {
  return tx.unit.findMany({
    where: { campaignId: options.campaignId, active: true, kind: { code: 'district' } },
    orderBy: { sortOrder: 'asc' },
  });
}
