import { recordAudit } from '../audit/record-audit.js';
import { campaignButton } from '../core/campaigns.js';
import { bilingual, msg, reply, type TButton } from '../core/message.js';
import { findAnnualReportStatus } from '../cycles/find-annual-report-status.js';
import { sendReminder } from '../cycles/send-reminder.js';
import { daysUntil } from '../domain/period.js';
import { defineCommand } from './command.js';

/**
 * /nhacnho [UNIT|*]: remind one unit, or every overdue unit, now. Without an argument it lists
 * the overdue units of the annual report with a button each.
 */
export const nudgeCommand = defineCommand({
  names: ['nhacnho', 'nudge'],
  allow: ['official'],
  namesCampaign: 'writes',
  descriptionKey: 'commands.nudge',
  menuLabelKey: 'menu.nudge',
  run: async (args, ctx) => {
    const now = ctx.clock.now();
    const status = await ctx.run(findAnnualReportStatus, { campaignId: ctx.campaignId, now });
    if (!status) return { replies: [reply(msg('nudge.noCycle'))] };
    const { cycle, period, due, pending } = status;
    const year = Number(period);
    const target = args.trim().toUpperCase();
    if (!target) {
      if (!pending.length) return { replies: [reply(msg('nudge.allDone', { year }))] };
      const buttons: TButton[][] = pending.slice(0, 30).map((u) => [campaignButton(ctx.campaigns, ctx.campaignId, bilingual(u.shortName ?? u.nameVi, u.nameEn), 'nhacnho', u.code)]);
      buttons.unshift([campaignButton(ctx.campaigns, ctx.campaignId, msg('nudge.all', { count: pending.length }), 'nhacnho', '*')]);
      return { replies: [{ lines: [msg('nudge.choose', { year, count: pending.length })], buttons }] };
    }
    const chosen = target === '*' ? pending : pending.filter((u) => u.code === target);
    if (!chosen.length) return { replies: [reply(msg('nudge.nothing'))] };
    const daysLeft = daysUntil(now, due);
    let contacts = 0;
    for (const unit of chosen) {
      const sent = await ctx.run(sendReminder, { cycle, period, due, daysLeft, unit, now, manual: true, notify: ctx.notify });
      contacts += sent?.contacts ?? 0;
    }
    await ctx.run(recordAudit, { actorId: ctx.person.id, action: 'reminder.nudge', details: { units: chosen.map((u) => u.code), period }, at: now });
    return { replies: [reply(msg('nudge.sent', { units: chosen.length, contacts }))] };
  },
});
