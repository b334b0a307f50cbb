import { formatDateTime } from '../domain/format-date.js';
import { msg, verbatim, type TMsg } from '../core/message.js';
import { defineCommand } from './command.js';
import { listWaitingMessages } from '../channels/zalo-oa/list-waiting-messages.js';

/** /guiloi: messages the bot gave up on, accounts it can no longer reach, and updates it could not handle. */
export const failuresCommand = defineCommand({
  names: ['guiloi', 'failures'],
  allow: ['admin'],
  descriptionKey: 'commands.failures',
  run: async (_args, ctx) => {
    const failed = await ctx.tx.outboxMessage.findMany({
      where: { status: 'failed' },
      orderBy: { id: 'desc' },
      take: 20,
      include: { identity: { include: { person: true } } },
    });
    const unreachable = await ctx.tx.identity.count({ where: { status: { not: 'active' } } });
    const lines: TMsg[] = [msg('failures.title', { failed: await ctx.tx.outboxMessage.count({ where: { status: 'failed' } }), unreachable })];
    for (const row of failed) {
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
    const givenUp = await ctx.tx.failedUpdate.count({ where: { gaveUpAt: { not: null } } });
    if (givenUp) {
      lines.push(msg('failures.updates', { count: givenUp }));
      const updates = await ctx.tx.failedUpdate.findMany({ where: { gaveUpAt: { not: null } }, orderBy: { gaveUpAt: 'desc' }, take: 10 });
      for (const u of updates) {
        lines.push(verbatim(`• ${formatDateTime(u.gaveUpAt!)} ${u.channel} #${u.updateId} (${u.attempts}×): ${u.lastError}`));
      }
    }
    return { replies: [{ lines }] };
  },
});
