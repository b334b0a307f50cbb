import type { TCampaignSchedule } from '../campaign/campaign-file.js';
import { getCampaignSchedule } from '../campaign/get-campaign-schedule.js';
import type { DeliveryRules } from '../domain/reminder-schedule.js';
import type { Tx } from '../store/db.js';

export async function loadDeliveryRules(tx: Tx, campaignId: string, known?: TCampaignSchedule): Promise<DeliveryRules> {
  const schedule = known ?? (await getCampaignSchedule(tx, campaignId));
  const holidays = await tx.holiday.findMany({ where: { campaignId }, select: { day: true } });
  return {
    quietStart: schedule.quietHours.start,
    quietEnd: schedule.quietHours.end,
    skipWeekends: schedule.skipWeekends,
    holidays: new Set(holidays.map((h) => h.day)),
  };
}
