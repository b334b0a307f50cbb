import { getCampaignSchedule } from '../campaign/get-campaign-schedule.js';
import { annualReportDeadline } from '../cycles/reporting-calendar.js';
import type { Tx } from '../store/db.js';

/** A submitted report of `year` may be taken back to edit until the year's deadline. */
export async function canReopenAnnualReport(tx: Tx, options: { campaignId: string; year: number; now: Date }): Promise<boolean> {
  const deadline = annualReportDeadline(await getCampaignSchedule(tx, options.campaignId), options.year);
  return !deadline || options.now < deadline;
}
