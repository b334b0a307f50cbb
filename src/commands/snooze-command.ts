import { formatDateTime } from '../domain/format-date.js';
import { msg, reply } from '../core/message.js';
import { findReminderOfUnits } from '../cycles/find-reminder-of-units.js';
import { snoozeReminderCycle } from '../cycles/snooze-reminder-cycle.js';
import { defineCommand } from './command.js';

/** "Remind me tomorrow" under a reminder: no reminder for this cycle until 08:00 on the next working day. */
export const snoozeCommand = defineCommand({
  names: ['nhacsau', 'snooze'],
  allow: ['unit_contact'],
  descriptionKey: 'commands.snooze',
  hidden: true,
  keepsFlow: true,
  run: async (args, ctx) => {
    const cycle = await ctx.run(findReminderOfUnits, { reminderId: args, unitIds: ctx.person.unitIds });
    if (!cycle) return { replies: [reply(msg('reminder.notYours'))] };
    const until = await ctx.run(snoozeReminderCycle, { cycle, now: ctx.clock.now() });
    return { replies: [reply(msg('reminder.snoozed', { time: formatDateTime(until) }))] };
  },
});
