import { msg, reply } from '../core/message.js';
import { findReminderOfUnits } from '../cycles/find-reminder-of-units.js';
import { recordPaperSubmission } from '../cycles/record-paper-submission.js';
import { defineCommand } from './command.js';

/** "Submitted on paper" under a reminder: recorded for the board to see, and no more reminders this cycle. */
export const paperCommand = defineCommand({
  names: ['bangiay', 'paper'],
  allow: ['unit_contact'],
  descriptionKey: 'commands.paper',
  hidden: true,
  keepsFlow: true,
  run: async (args, ctx) => {
    const cycle = await ctx.run(findReminderOfUnits, { reminderId: args, unitIds: ctx.person.unitIds });
    if (!cycle) return { replies: [reply(msg('reminder.notYours'))] };
    await ctx.run(recordPaperSubmission, { cycle, personId: ctx.person.id, now: ctx.clock.now() });
    return { replies: [reply(msg('reminder.paperRecorded'))] };
  },
});
