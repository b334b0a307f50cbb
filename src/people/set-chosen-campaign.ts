import type { Tx } from '../store/db.js';

export interface SetChosenCampaignOptions {
  personId: string;
  campaignId: string;
}

/** The campaign an official's turns work in from now on (see turnCampaign). */
export async function setChosenCampaign(tx: Tx, options: SetChosenCampaignOptions): Promise<void> {
  await tx.person.update({ where: { id: options.personId }, data: { campaignId: options.campaignId } });
}
