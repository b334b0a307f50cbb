import { formatDateTime } from '../domain/format-date.js';
import { msg, verbatim, type TMsg } from '../core/message.js';
import { listDeliveryFailures } from '../outbox/list-delivery-failures.js';
import { defineCommand } from './command.js';
import { listWaitingMessages } from '../outbox/list-waiting-messages.js';

/** /guiloi: messages the bot gave up on, accounts it can no longer reach, and updates it could not handle. */
export const failuresCommand = defineCommand({
  names: ['guiloi', 'failures'],
  allow: ['admin'],
  descriptionKey: 'commands.failures',
  run: async (_args, ctx) => {
    const failures = await ctx.run(listDeliveryFailures, { messages: 20, updates: 10 });
    const lines: TMsg[] = [msg('failures.title', { failed: failures.failedCount, unreachable: failures.unreachable })];
    for (const row of failures.failedMessages) {
      lines.push(verbatim(`• ${formatDateTime(row.createdAt)} ${row.channel} → ${row.identity.person.displayName} (${row.identity.status}): ${row.lastError ?? ''}`));
    }
    const waiting = await ctx.run(listWaitingMessages, { take: 10 });
    if (waiting.count) {
      lines.push(msg('failures.waiting', { count: waiting.count }));
      for (const row of waiting.rows) {
        lines.push(verbatim(`• ${formatDateTime(row.createdAt)} ${row.channel} → ${row.identity.person.displayName}: ${row.lastError ?? ''}`));
      }
    }
    // Incoming updates the bot could not handle and let go after several attempts.
    if (failures.givenUpCount) {
      lines.push(msg('failures.updates', { count: failures.givenUpCount }));
      for (const u of failures.givenUpUpdates) {
        lines.push(verbatim(`• ${formatDateTime(u.gaveUpAt!)} ${u.channel} #${u.updateId} (${u.attempts}×): ${u.lastError}`));
      }
    }
    return { replies: [{ lines }] };
  },
});
