import { getCampaignSchedule, getGoLive } from '../campaign/get-campaign-schedule.js';
import { recordAudit } from '../audit/record-audit.js';
import { formatDateTime, formatDay } from '../domain/format-date.js';
import { vietnamDayStart } from '../domain/period.js';
import { bilingual, concat, msg, verbatim, type TButton, type TMsg } from '../core/message.js';
import { periodMsg } from '../unit-reporting/criterion-view.js';
import { cyclePeriods } from '../cycles/cycle-periods.js';
import { unitsDone } from '../cycles/find-done-units.js';
import { defineCommand } from './command.js';

const DAY = 86_400_000;

/**
 * /quahan: for each open cycle, the units past their due day that have not submitted, how
 * late they are, when their contacts were last seen, and a button to nudge each now. Periods
 * due before the campaign went live are not listed; `/quahan bo CYCLE PERIOD` (a button under
 * each period) marks a period as not required of its late units.
 */
export const overdueCommand = defineCommand({
  names: ['quahan', 'overdue'],
  allow: ['official'],
  descriptionKey: 'commands.overdue',
  menuLabelKey: 'menu.overdue',
  run: async (args, ctx) => {
    const now = ctx.clock.now();
    const schedule = await getCampaignSchedule(ctx.tx, ctx.campaignId);
    const goLiveAt = await getGoLive(ctx.tx, ctx.campaignId);
    const waive = /^(bo|waive)\s+(\w+)\s+(\d{4}(?:-Q[1-4])?)$/i.exec(args.trim());
    if (waive) {
      const [, , cycleCode] = waive;
      // Periods are stored as "2025-Q1": "2025-q1" typed is the same period.
      const period = waive[3]!.toUpperCase();
      const cycle = schedule.cycles.find((c) => c.code === cycleCode);
      const open = cycle ? cyclePeriods(cycle, now, goLiveAt).find((p) => p.period === period) : undefined;
      if (!cycle || !open || now < vietnamDayStart(open.due.year, open.due.month, open.due.day + 1)) return { replies: [{ lines: [msg('overdue.notPast')] }] };
      const units = await ctx.tx.unit.findMany({ where: { campaignId: ctx.campaignId, active: true, kind: { code: { in: cycle.appliesTo } } }, select: { id: true } });
      const done = await unitsDone(ctx.tx, cycle, open.period, units.map((u) => u.id));
      const late = units.filter((u) => !done.has(u.id));
      for (const u of late) {
        await ctx.tx.cycleStatus.upsert({
          where: { cycleCode_unitId_period: { cycleCode: cycle.code, unitId: u.id, period: open.period } },
          create: { cycleCode: cycle.code, unitId: u.id, period: open.period, notRequiredAt: now, notRequiredById: ctx.person.id },
          update: { notRequiredAt: now, notRequiredById: ctx.person.id },
        });
      }
      await recordAudit(ctx.tx, { actorId: ctx.person.id, action: 'cycle.not_required', subjectType: 'cycle', subjectId: `${cycle.code}/${open.period}`, details: { units: late.length }, at: now });
      return { replies: [{ lines: [concat(msg('overdue.waived', { count: late.length }), bilingual(cycle.nameVi, cycle.nameEn), verbatim(' — '), periodMsg(open.period))] }] };
    }
    const lines: TMsg[] = [msg('overdue.title')];
    const buttons: TButton[][] = [];
    const waivers: TButton[][] = [];
    let any = false;
    for (const cycle of schedule.cycles) {
      const units = await ctx.tx.unit.findMany({
        where: { campaignId: ctx.campaignId, active: true, kind: { code: { in: cycle.appliesTo } } },
        include: { roles: { where: { role: 'unit_contact', revokedAt: null }, include: { person: true } } },
        orderBy: { sortOrder: 'asc' },
      });
      for (const { period, due } of cyclePeriods(cycle, now, goLiveAt)) {
        const end = vietnamDayStart(due.year, due.month, due.day + 1);
        if (now < end) continue;
        const done = await unitsDone(ctx.tx, cycle, period, units.map((u) => u.id));
        const late = units.filter((u) => !done.has(u.id));
        if (!late.length) continue;
        any = true;
        const days = Math.floor((now.getTime() - end.getTime()) / DAY) + 1;
        lines.push(verbatim(''), concat(bilingual(cycle.nameVi, cycle.nameEn), verbatim(' — '), periodMsg(period), verbatim(' — '), msg('overdue.dueWas', { date: formatDay(vietnamDayStart(due.year, due.month, due.day)), days })));
        waivers.push([{ label: concat(msg('overdue.waive'), periodMsg(period)), data: `m:quahan bo ${cycle.code} ${period}`.slice(0, 64) }]);
        for (const unit of late) {
          const seen = unit.roles.map((r) => r.person.lastSeenAt).sort((a, b) => b.getTime() - a.getTime())[0];
          lines.push(
            concat(
              verbatim('• '),
              bilingual(unit.shortName ?? unit.nameVi, unit.nameEn),
              verbatim(' — '),
              unit.roles.length ? msg('overdue.lastSeen', { time: formatDateTime(seen!) }) : msg('overdue.noContact'),
            ),
          );
          if (cycle.kind === 'annual_report' && buttons.length < 20) {
            buttons.push([{ label: concat(msg('overdue.nudge'), bilingual(unit.shortName ?? unit.nameVi, unit.nameEn)), data: `m:nhacnho ${unit.code}`.slice(0, 64) }]);
          }
        }
      }
    }
    if (!any) return { replies: [{ lines: [msg('overdue.none')] }] };
    const rows = [...buttons, ...waivers];
    return { replies: [{ lines, ...(rows.length ? { buttons: rows } : {}) }] };
  },
});
