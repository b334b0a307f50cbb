import type { Tx } from '../store/db.js';

/**
 * A unit of the campaign by the code a person typed (any case, spaces around), with its kind;
 * ended units too unless `activeOnly` (a new invite or a unit picked now must be one that exists).
 */
export async function findUnitOfCampaign(tx: Tx, options: { campaignId: string; code: string; activeOnly?: boolean }) {
  return tx.unit.findFirst({
    where: { campaignId: options.campaignId, code: options.code.trim().toUpperCase(), ...(options.activeOnly ? { active: true } : {}) },
    include: { kind: true },
  });
}
