import { getCampaignSchedule, getGoLive } from '../campaign/get-campaign-schedule.js';
import type { Tx } from '../store/db.js';
import { cyclePeriods, dueEnd, type TCycle } from './cycle-periods.js';
import { findCycleUnits } from './find-cycle-units.js';
import { findDoneUnits } from './find-done-units.js';

export interface WaiveOverduePeriodOptions {
  campaignId: string;
  cycleCode: string;
  period: string;
  /** The official who says the period is not required. */
  actorId: string;
  now: Date;
}

/**
 * Marks an open period past its deadline as not required of the units that have not done it,
 * so it stops counting against them. Null when the cycle has no such period past due.
 */
export async function waiveOverduePeriod(tx: Tx, o: WaiveOverduePeriodOptions): Promise<{ cycle: TCycle; period: string; waived: number } | null> {
  const schedule = await getCampaignSchedule(tx, o.campaignId);
  const goLiveAt = await getGoLive(tx, o.campaignId);
  const cycle = schedule.cycles.find((c) => c.code === o.cycleCode);
  const open = cycle ? cyclePeriods(cycle, o.now, goLiveAt).find((p) => p.period === o.period) : undefined;
  if (!cycle || !open || o.now < dueEnd(open.due)) return null;
  const units = await findCycleUnits(tx, { campaignId: o.campaignId, cycle });
  const done = await findDoneUnits(tx, { cycle, period: open.period, unitIds: units.map((u) => u.id) });
  const late = units.filter((u) => !done.has(u.id));
  for (const u of late) {
    await tx.cycleStatus.upsert({
      where: { cycleCode_unitId_period: { cycleCode: cycle.code, unitId: u.id, period: open.period } },
      create: { cycleCode: cycle.code, unitId: u.id, period: open.period, notRequiredAt: o.now, notRequiredById: o.actorId },
      update: { notRequiredAt: o.now, notRequiredById: o.actorId },
    });
  }
  return { cycle, period: open.period, waived: late.length };
}
