import { recordAudit } from '../audit/record-audit.js';
import { campaignButton } from '../core/campaigns.js';
import { bilingual, concat, msg, verbatim, type TButton, type TMsg } from '../core/message.js';
import { dueEnd, dueStart } from '../cycles/cycle-periods.js';
import { findOverduePeriods } from '../cycles/find-overdue-periods.js';
import { waiveOverduePeriod } from '../cycles/waive-overdue-period.js';
import { formatDateTime, formatDay } from '../domain/format-date.js';
import { periodMsg } from '../unit-reporting/criterion-view.js';
import { defineCommand } from './command.js';

const DAY = 86_400_000;

/**
 * /quahan: for each open cycle, the units past their due day that have not submitted, how
 * late they are, when their contacts were last seen, and a button to nudge each now. Periods
 * due before the campaign went live are not listed; `/quahan bo CYCLE PERIOD` (a button under
 * each period) marks a period as not required of its late units.
 */
/** Nudge buttons under the list: more would bury the message on a phone. */
const NUDGE_BUTTONS = 20;

export const overdueCommand = defineCommand({
  names: ['quahan', 'overdue'],
  allow: ['official'],
  namesCampaign: 'writes',
  descriptionKey: 'commands.overdue',
  menuLabelKey: 'menu.overdue',
  run: async (args, ctx) => {
    const now = ctx.clock.now();
    const waive = /^(bo|waive)\s+(\w+)\s+(\d{4}(?:-Q[1-4])?)$/i.exec(args.trim());
    if (waive) {
      // Periods are stored as "2025-Q1": "2025-q1" typed is the same period.
      const waived = await ctx.run(waiveOverduePeriod, { campaignId: ctx.campaignId, cycleCode: waive[2]!, period: waive[3]!.toUpperCase(), actorId: ctx.person.id, now });
      if (!waived) return { replies: [{ lines: [msg('overdue.notPast')] }] };
      const { cycle, period } = waived;
      await ctx.run(recordAudit, { actorId: ctx.person.id, action: 'cycle.not_required', subjectType: 'cycle', subjectId: `${cycle.code}/${period}`, details: { units: waived.waived }, at: now });
      return { replies: [{ lines: [concat(msg('overdue.waived', { count: waived.waived }), bilingual(cycle.nameVi, cycle.nameEn), verbatim(' — '), periodMsg(period))] }] };
    }
    const overdue = await ctx.run(findOverduePeriods, { campaignId: ctx.campaignId, now });
    if (!overdue.length) return { replies: [{ lines: [msg('overdue.none')] }] };
    const lines: TMsg[] = [msg('overdue.title')];
    const buttons: TButton[][] = [];
    const waivers: TButton[][] = [];
    let nudgeable = 0;
    for (const { cycle, period, due, late } of overdue) {
      const days = Math.floor((now.getTime() - dueEnd(due).getTime()) / DAY) + 1;
      lines.push(verbatim(''), concat(bilingual(cycle.nameVi, cycle.nameEn), verbatim(' — '), periodMsg(period), verbatim(' — '), msg('overdue.dueWas', { date: formatDay(dueStart(due)), days })));
      waivers.push([campaignButton(ctx.campaigns, ctx.campaignId, concat(msg('overdue.waive'), periodMsg(period)), 'quahan', 'bo', cycle.code, period)]);
      for (const unit of late) {
        lines.push(
          concat(
            verbatim('• '),
            bilingual(unit.shortName ?? unit.nameVi, unit.nameEn),
            verbatim(' — '),
            unit.lastSeenAt ? msg('overdue.lastSeen', { time: formatDateTime(unit.lastSeenAt) }) : msg('overdue.noContact'),
            // A reminder that never reached anyone is the Board's to know: a nudge would not help.
            ...(unit.reminder === 'waiting' || unit.reminder === 'failed' ? [verbatim(' — '), msg(`overdue.reminder.${unit.reminder}`)] : []),
          ),
        );
        if (cycle.kind === 'annual_report') nudgeable++;
        if (cycle.kind === 'annual_report' && buttons.length < NUDGE_BUTTONS) {
          buttons.push([campaignButton(ctx.campaigns, ctx.campaignId, concat(msg('overdue.nudge'), bilingual(unit.shortName ?? unit.nameVi, unit.nameEn)), 'nhacnho', unit.code)]);
        }
      }
    }
    // A list with fewer buttons than units says so, and how to nudge the others.
    if (nudgeable > buttons.length) lines.push(verbatim(''), msg('overdue.moreToNudge', { shown: buttons.length, count: nudgeable }));
    const rows = [...buttons, ...waivers];
    return { replies: [{ lines, ...(rows.length ? { buttons: rows } : {}) }] };
  },
});
