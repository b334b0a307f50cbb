import type { TurnContext } from '../core/turn-context.js';
import type { TReply } from '../core/message.js';

/**
 * Tells every official (admins are officials too) through the outbox. One message per person
 * however many roles they hold; `dedupeKey` names the event, the person is added to it.
 */
export async function notifyOfficials(ctx: Pick<TurnContext, 'tx' | 'notify'>, message: TReply, dedupeKey: string): Promise<void> {
  const rows = await ctx.tx.roleAssignment.findMany({ where: { role: { in: ['official', 'admin'] }, revokedAt: null }, select: { personId: true } });
  for (const personId of new Set(rows.map((r) => r.personId))) await ctx.notify(personId, message, `${dedupeKey}:${personId}`);
}
