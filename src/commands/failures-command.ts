import { formatDateTime } from '../domain/format-date.js';
import { msg, verbatim, type TMsg } from '../flows/engine/message.js';
import { defineCommand } from './command.js';

/** /guiloi: messages the bot gave up on, and accounts it can no longer reach. */
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
    return { replies: [{ lines }] };
  },
});
