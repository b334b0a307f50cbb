import type { Tx } from '../store/db.js';

/** A unit of the campaign by the code an official typed (any case), active or not, with its kind. */
export async function findUnitOfCampaign(tx: Tx, options: { campaignId: string; code: string }) {
  return tx.unit.findFirst({ where: { campaignId: options.campaignId, code: options.code.toUpperCase() }, include: { kind: true } });
}
