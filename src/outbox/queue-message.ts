import { ZLocale, type TLocale } from '../domain/locale.js';
import type { TReply } from '../core/message.js';
import type { Tx } from '../store/db.js';
import type { OutboxRow } from './out-message.js';
import type { RenderReply } from './render-reply.js';

export interface QueueMessageOptions {
  personId: string;
  reply: TReply;
  /** Unique per message: queueing the same key again does nothing. */
  dedupeKey: string;
  render: RenderReply;
  defaultLocale: TLocale;
  now: Date;
}

/**
 * Puts a proactive message in the outbox for every reachable account of a person, rendered
 * in their language. Runs in the caller's transaction, so it is queued exactly when the
 * change it announces is committed.
 */
export async function queueMessage(tx: Tx, options: QueueMessageOptions): Promise<OutboxRow[]> {
  const person = await tx.person.findUnique({
    where: { id: options.personId },
    include: { identities: { where: { status: 'active' } } },
  });
  if (!person) return [];
  const locale = ZLocale.safeParse(person.locale);
  const rows: OutboxRow[] = [];
  for (const identity of person.identities) {
    const messages = options.render(locale.success ? locale.data : options.defaultLocale, options.reply, identity.channel);
    for (const [i, message] of messages.entries()) {
      const dedupeKey = `${options.dedupeKey}:${identity.id}:${i}`;
      const existing = await tx.outboxMessage.findUnique({ where: { dedupeKey }, select: { id: true } });
      if (existing) continue;
      const row = await tx.outboxMessage.create({
        data: {
          identityId: identity.id,
          channel: identity.channel,
          chatId: identity.chatId,
          kind: 'notice',
          payloadJson: JSON.stringify(message),
          dedupeKey,
          createdAt: options.now,
          nextAttemptAt: options.now,
        },
      });
      rows.push(row);
    }
  }
  return rows;
}
