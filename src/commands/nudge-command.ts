import { recordAudit } from '../audit/record-audit.js';
import { getCampaignSchedule } from '../campaign/get-campaign-schedule.js';
import { daysUntil, localDate, vietnamDayStart } from '../domain/period.js';
import { bilingual, msg, reply, type TButton } from '../core/message.js';
import { cyclePeriods } from '../cycles/cycle-periods.js';
import { unitsDone } from '../cycles/find-done-units.js';
import { reminderMessage } from '../cycles/reminder-message.js';
import { defineCommand } from './command.js';

/**
 * /nhacnho [UNIT|*]: remind one unit, or every overdue unit, now. Without an argument it lists
 * the overdue units of the annual report with a button each.
 */
export const nudgeCommand = defineCommand({
  names: ['nhacnho', 'nudge'],
  allow: ['official'],
  descriptionKey: 'commands.nudge',
  menuLabelKey: 'menu.nudge',
  run: async (args, ctx) => {
    const now = ctx.clock.now();
    const schedule = await getCampaignSchedule(ctx.tx, ctx.campaignId);
    const cycle = schedule.cycles.find((c) => c.kind === 'annual_report');
    if (!cycle) return { replies: [reply(msg('nudge.noCycle'))] };
    const year = localDate(now).year;
    const { period, due } = cyclePeriods(cycle, now).find((p) => p.period === String(year))!;
    const units = await ctx.tx.unit.findMany({ where: { campaignId: ctx.campaignId, active: true, kind: { code: { in: cycle.appliesTo } } }, orderBy: { sortOrder: 'asc' } });
    const done = await unitsDone(ctx.tx, cycle, period, units.map((u) => u.id));
    const pending = units.filter((u) => !done.has(u.id));
    const target = args.trim().toUpperCase();
    if (!target) {
      if (!pending.length) return { replies: [reply(msg('nudge.allDone', { year }))] };
      const buttons: TButton[][] = pending.slice(0, 30).map((u) => [{ label: bilingual(u.shortName ?? u.nameVi, u.nameEn), data: `m:nhacnho ${u.code}` }]);
      buttons.unshift([{ label: msg('nudge.all', { count: pending.length }), data: 'm:nhacnho *' }]);
      return { replies: [{ lines: [msg('nudge.choose', { year, count: pending.length })], buttons }] };
    }
    const chosen = target === '*' ? pending : pending.filter((u) => u.code === target);
    if (!chosen.length) return { replies: [reply(msg('nudge.nothing'))] };
    const daysLeft = daysUntil(now, due);
    const rung = `manual-${now.toISOString().slice(0, 16)}`;
    let contacts = 0;
    for (const unit of chosen) {
      const existing = await ctx.tx.reminder.findUnique({ where: { cycleCode_unitId_period_rung: { cycleCode: cycle.code, unitId: unit.id, period, rung } } });
      if (existing) continue;
      const reminder = await ctx.tx.reminder.create({ data: { cycleCode: cycle.code, unitId: unit.id, period, rung, dueAt: vietnamDayStart(due.year, due.month, due.day), sentAt: now, createdAt: now } });
      const roles = await ctx.tx.roleAssignment.findMany({ where: { unitId: unit.id, role: 'unit_contact', revokedAt: null } });
      for (const personId of new Set(roles.map((r) => r.personId))) {
        contacts++;
        await ctx.notify(personId, reminderMessage({ reminderId: reminder.id, cycle, period, due, daysLeft, unit, manual: true }), `reminder:${reminder.id}:${personId}`);
      }
    }
    await recordAudit(ctx.tx, { actorId: ctx.person.id, action: 'reminder.nudge', details: { units: chosen.map((u) => u.code), period }, at: now });
    return { replies: [reply(msg('nudge.sent', { units: chosen.length, contacts }))] };
  },
});
