import { recordAudit } from '../audit/record-audit.js';
import { formatDateTime } from '../domain/format-date.js';
import { localDate, vietnamDayStart } from '../domain/period.js';
import { DELIVERY_HOUR, nextAllowed } from '../domain/reminder-schedule.js';
import { msg, reply } from '../core/message.js';
import { loadDeliveryRules } from '../cycles/delivery-rules.js';
import type { TurnContext } from '../core/turn-context.js';
import { defineCommand } from './command.js';

/** The reminder a button refers to, if it is for one of the person's units, and its cycle key. */
async function reminderOfMine(ctx: TurnContext, id: string) {
  const reminder = await ctx.tx.reminder.findUnique({ where: { id: id.trim() } });
  if (!reminder || !ctx.person.unitIds.includes(reminder.unitId)) return null;
  return { reminder, key: { cycleCode: reminder.cycleCode, unitId: reminder.unitId, period: reminder.period } };
}

/** "Remind me tomorrow": no reminder for this cycle until 08:00 on the next working day. */
export const snoozeCommand = defineCommand({
  names: ['nhacsau', 'snooze'],
  allow: ['unit_contact'],
  descriptionKey: 'commands.snooze',
  hidden: true,
  keepsFlow: true,
  run: async (args, ctx) => {
    const mine = await reminderOfMine(ctx, args);
    if (!mine) return { replies: [reply(msg('reminder.notYours'))] };
    const { key } = mine;
    const today = localDate(ctx.clock.now());
    const until = nextAllowed(new Date(vietnamDayStart(today.year, today.month, today.day + 1).getTime() + DELIVERY_HOUR * 3_600_000), await loadDeliveryRules(ctx.tx, ctx.campaignId));
    await ctx.tx.cycleStatus.upsert({ where: { cycleCode_unitId_period: key }, create: { ...key, snoozedUntil: until }, update: { snoozedUntil: until } });
    return { replies: [reply(msg('reminder.snoozed', { time: formatDateTime(until) }))] };
  },
});

/** "Submitted on paper": recorded for the board to see, and no more reminders this cycle. */
export const paperCommand = defineCommand({
  names: ['bangiay', 'paper'],
  allow: ['unit_contact'],
  descriptionKey: 'commands.paper',
  hidden: true,
  keepsFlow: true,
  run: async (args, ctx) => {
    const mine = await reminderOfMine(ctx, args);
    if (!mine) return { replies: [reply(msg('reminder.notYours'))] };
    const { key } = mine;
    const now = ctx.clock.now();
    await ctx.tx.cycleStatus.upsert({
      where: { cycleCode_unitId_period: key },
      create: { ...key, paperAt: now, paperById: ctx.person.id },
      update: { paperAt: now, paperById: ctx.person.id, snoozedUntil: null },
    });
    await recordAudit(ctx.tx, { actorId: ctx.person.id, action: 'reminder.paper', subjectType: 'unit', subjectId: key.unitId, details: key, at: now });
    return { replies: [reply(msg('reminder.paperRecorded'))] };
  },
});
