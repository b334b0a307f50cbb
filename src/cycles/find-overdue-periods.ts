import { getCampaignSchedule, getGoLive } from '../campaign/get-campaign-schedule.js';
import type { Tx } from '../store/db.js';
import { cyclePeriods, dueEnd, type CyclePeriod, type TCycle } from './cycle-periods.js';
import { findCycleUnits, type CycleUnit } from './find-cycle-units.js';
import { findDoneUnits } from './find-done-units.js';
import { findReminderDelivery, type TReminderDelivery } from './find-reminder-delivery.js';

export interface FindOverduePeriodsOptions {
  campaignId: string;
  now: Date;
}

export interface OverduePeriod extends CyclePeriod {
  cycle: TCycle;
  /**
   * Units not done, in the campaign's order, with when one of their contacts was last seen
   * (null: no contact) and how their latest reminder fared (undefined: none was sent).
   */
  late: (CycleUnit & { lastSeenAt: Date | null; reminder?: TReminderDelivery })[];
}

/**
 * The open periods past their deadline that some units have not done, cycle by cycle.
 * Periods due before the campaign went live are not counted: nobody was asked for them.
 */
export async function findOverduePeriods(tx: Tx, { campaignId, now }: FindOverduePeriodsOptions): Promise<OverduePeriod[]> {
  const schedule = await getCampaignSchedule(tx, campaignId);
  const goLiveAt = await getGoLive(tx, campaignId);
  const found: { cycle: TCycle; period: string; due: CyclePeriod['due']; late: CycleUnit[]; reminders: Map<string, TReminderDelivery> }[] = [];
  for (const cycle of schedule.cycles) {
    const units = await findCycleUnits(tx, { campaignId, cycle });
    for (const { period, due } of cyclePeriods(cycle, now, goLiveAt)) {
      if (now < dueEnd(due)) continue;
      const done = await findDoneUnits(tx, { cycle, period, unitIds: units.map((u) => u.id) });
      const late = units.filter((u) => !done.has(u.id));
      if (!late.length) continue;
      const reminders = await findReminderDelivery(tx, { cycleCode: cycle.code, period, unitIds: late.map((u) => u.id) });
      found.push({ cycle, period, due, late, reminders });
    }
  }
  const lateIds = [...new Set(found.flatMap((p) => p.late.map((u) => u.id)))];
  const contacts = lateIds.length
    ? await tx.roleAssignment.findMany({ where: { unitId: { in: lateIds }, role: 'unit_contact', revokedAt: null }, select: { unitId: true, person: { select: { lastSeenAt: true } } } })
    : [];
  const lastSeen = new Map<string, Date>();
  for (const c of contacts) {
    const seen = lastSeen.get(c.unitId!);
    if (!seen || c.person.lastSeenAt > seen) lastSeen.set(c.unitId!, c.person.lastSeenAt);
  }
  return found.map(({ reminders, ...p }) => ({
    ...p,
    late: p.late.map((u) => {
      const reminder = reminders.get(u.id);
      return { ...u, lastSeenAt: lastSeen.get(u.id) ?? null, ...(reminder ? { reminder } : {}) };
    }),
  }));
}
