import { getCampaignSchedule } from '../campaign/get-campaign-schedule.js';
import type { Tx } from '../store/db.js';
import { annualPeriod, type CyclePeriod, type TCycle } from './cycle-periods.js';
import { findCycleUnits, type CycleUnit } from './find-cycle-units.js';
import { findDoneUnits } from './find-done-units.js';

export interface FindAnnualReportStatusOptions {
  campaignId: string;
  now: Date;
}

export interface AnnualReportStatus extends CyclePeriod {
  cycle: TCycle;
  /** Every unit the annual report applies to, in the campaign's order. */
  units: CycleUnit[];
  done: Set<string>;
  /** The units not done yet, in the same order. */
  pending: CycleUnit[];
}

/** Where this year's annual report stands; null when the campaign asks for none. */
export async function findAnnualReportStatus(tx: Tx, { campaignId, now }: FindAnnualReportStatusOptions): Promise<AnnualReportStatus | null> {
  const schedule = await getCampaignSchedule(tx, campaignId);
  const cycle = schedule.cycles.find((c) => c.kind === 'annual_report');
  const current = cycle ? annualPeriod(cycle, now) : null;
  if (!cycle || !current) return null;
  const units = await findCycleUnits(tx, { campaignId, cycle });
  const done = await findDoneUnits(tx, { cycle, period: current.period, unitIds: units.map((u) => u.id) });
  return { cycle, ...current, units, done, pending: units.filter((u) => !done.has(u.id)) };
}
