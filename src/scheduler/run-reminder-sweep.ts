import { getCampaignSchedule, getGoLive } from '../campaign/get-campaign-schedule.js';
import type { Clock } from '../clock.js';
import type { CampaignDirectory, TCampaignView } from '../core/campaigns.js';
import { listOfficials } from '../people/list-officials.js';
import type { TLocale } from '../domain/locale.js';
import { daysUntil } from '../domain/period.js';
import { currentRung, escalationAt, isAllowed, ladderRungs, type Rung } from '../domain/reminder-schedule.js';
import { bilingual, concat, msg, verbatim, type TMsg } from '../core/message.js';
import type { Logger } from '../logger.js';
import { queueMessage } from '../outbox/queue-message.js';
import type { RenderReply } from '../outbox/render-reply.js';
import type { Db } from '../store/db.js';
import { isUniqueViolation } from '../store/is-unique-violation.js';
import { periodMsg } from '../unit-reporting/criterion-view.js';
import { cyclePeriods, type DueDay, type TCycle } from '../cycles/cycle-periods.js';
import { loadDeliveryRules } from '../cycles/delivery-rules.js';
import { findCycleUnits } from '../cycles/find-cycle-units.js';
import { findDoneUnits } from '../cycles/find-done-units.js';
import { sendReminder } from '../cycles/send-reminder.js';

export interface SweepDeps {
  db: Db;
  clock: Clock;
  campaigns: CampaignDirectory;
  render: RenderReply;
  defaultLocale: TLocale;
  logger: Logger;
}

const DAY = 86_400_000;

/**
 * One pass over every active campaign's cycles, periods and units: the reminder due now is
 * recorded and queued in one transaction, keyed by (cycle, unit, period, rung). Whoever inserts
 * that key first sends it; a restart or a second instance finds it taken. Returns the outbox
 * rows queued. Each campaign keeps its own calendar, ladders and quiet hours.
 */
export async function runReminderSweep(deps: SweepDeps): Promise<number[]> {
  const queued: number[] = [];
  for (const campaign of deps.campaigns.active) queued.push(...(await sweepCampaign(deps, campaign)));
  return queued;
}

async function sweepCampaign(deps: SweepDeps, campaign: TCampaignView): Promise<number[]> {
  const { db, clock } = deps;
  const campaignId = campaign.id;
  const now = clock.now();
  const schedule = await getCampaignSchedule(db, campaignId);
  const goLiveAt = await getGoLive(db, campaignId);
  const rules = await loadDeliveryRules(db, campaignId, schedule);
  if (!isAllowed(now, rules)) return [];
  const queued: number[] = [];
  for (const cycle of schedule.cycles) {
    const units = await findCycleUnits(db, { campaignId, cycle });
    if (!units.length) continue;
    for (const { period, due } of cyclePeriods(cycle, now, goLiveAt)) {
      const rungs = ladderRungs(cycle.ladder, due, rules);
      const last = rungs.at(-1);
      if (!rungs.length || rungs[0]!.at > now || (last && now.getTime() - last.at.getTime() > cycle.ladder.overdueEveryDays * DAY)) continue;
      const done = await findDoneUnits(db, { cycle, period, unitIds: units.map((u) => u.id) });
      const statuses = new Map(
        (await db.cycleStatus.findMany({ where: { cycleCode: cycle.code, period } })).map((s) => [s.unitId, s]),
      );
      const sent = new Set((await db.reminder.findMany({ where: { cycleCode: cycle.code, period }, select: { unitId: true, rung: true } })).map((r) => `${r.unitId}:${r.rung}`));
      for (const unit of units) {
        if (done.has(unit.id)) continue;
        let rung: Rung | null = currentRung(rungs, now);
        const snoozed = statuses.get(unit.id)?.snoozedUntil;
        if (snoozed) {
          if (snoozed > now) continue;
          // The snooze has run out: one reminder for it, unless the ladder moved on since.
          if (!rung || rung.at <= snoozed) rung = { rung: `s-${snoozed.getTime()}`, at: snoozed, daysLeft: daysUntil(now, due) };
        }
        if (!rung || sent.has(`${unit.id}:${rung.rung}`)) continue;
        try {
          queued.push(...(await queueReminder(deps, { cycle, period, due, rung: rung.rung, daysLeft: daysUntil(now, due), unit, now })));
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
        }
      }
      queued.push(...(await escalate(deps, { campaign, cycle, period, due, units, done, now, rules })));
    }
  }
  return queued;
}

/** One reminder in its own transaction, queued to the outbox; returns the rows it queued. */
export async function queueReminder(
  deps: Pick<SweepDeps, 'db' | 'render' | 'defaultLocale'>,
  reminder: { cycle: TCycle; period: string; due: DueDay; rung: string; daysLeft: number; unit: { id: string; nameVi: string; nameEn: string }; now: Date },
): Promise<number[]> {
  return deps.db.$transaction(async (tx) => {
    const ids: number[] = [];
    await sendReminder(tx, {
      ...reminder,
      notify: async (personId, message, dedupeKey) => {
        const rows = await queueMessage(tx, { personId, reply: message, dedupeKey, render: deps.render, defaultLocale: deps.defaultLocale, now: reminder.now });
        ids.push(...rows.map((row) => row.id));
      },
    });
    return ids;
  });
}

async function escalate(
  deps: SweepDeps,
  o: { campaign: TCampaignView; cycle: TCycle; period: string; due: DueDay; units: { id: string; nameVi: string; nameEn: string; shortName: string | null }[]; done: Set<string>; now: Date; rules: Parameters<typeof escalationAt>[2] },
): Promise<number[]> {
  const at = escalationAt(o.cycle.ladder, o.due, o.rules);
  if (o.now < at || o.now.getTime() - at.getTime() > 30 * DAY) return [];
  const overdue = o.units.filter((u) => !o.done.has(u.id));
  if (!overdue.length) return [];
  const lines: TMsg[] = [
    msg('reminder.escalationTitle', { count: overdue.length }),
    concat(bilingual(o.cycle.nameVi, o.cycle.nameEn), verbatim(' — '), periodMsg(o.period)),
    ...overdue.slice(0, 60).map((u) => concat(verbatim('• '), bilingual(u.shortName ?? u.nameVi, u.nameEn))),
    ...(overdue.length > 60 ? [msg('reminder.andMore', { count: overdue.length - 60 })] : []),
    verbatim(''),
    msg('reminder.escalationHint'),
  ];
  const officials = await listOfficials(deps.db, { lineage: o.campaign.lineage });
  // Another movement may have a cycle of the same code; the main one keeps the key it always had.
  const key = o.campaign === deps.campaigns.main ? `${o.cycle.code}:${o.period}` : `${o.campaign.code}:${o.cycle.code}:${o.period}`;
  const ids: number[] = [];
  for (const personId of officials) {
    try {
      ids.push(
        ...(await deps.db.$transaction((tx) =>
          queueMessage(tx, { personId, reply: { lines }, dedupeKey: `escalation:${key}:${personId}`, render: deps.render, defaultLocale: deps.defaultLocale, now: o.now }),
        )).map((row) => row.id),
      );
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return ids;
}
