import type { Tx } from '../store/db.js';
import { ZCampaignSchedule, type TCampaignSchedule } from './campaign-file.js';

export async function getCampaignSchedule(tx: Tx, campaignId: string): Promise<TCampaignSchedule> {
  const campaign = await tx.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { scheduleJson: true } });
  return ZCampaignSchedule.parse(JSON.parse(campaign.scheduleJson));
}

/** The phase a year belongs to (the last one when the campaign is over). */
export async function getPhaseOf(tx: Tx, campaignId: string, year: number) {
  const phases = await tx.phase.findMany({ where: { campaignId }, orderBy: { startYear: 'asc' } });
  return phases.find((p) => p.startYear <= year && year <= p.endYear) ?? phases.at(-1)!;
}

/** From when the campaign expects reports (see Campaign.goLiveAt). */
export async function getGoLive(tx: Tx, campaignId: string): Promise<Date | null> {
  const campaign = await tx.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { goLiveAt: true } });
  return campaign.goLiveAt;
}
