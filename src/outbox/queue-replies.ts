import type { TLocale } from '../domain/locale.js';
import type { TIdentityView } from '../core/person-view.js';
import type { TReply } from '../core/message.js';
import type { Tx } from '../store/db.js';
import type { ClaimAtQueueing, OutboxRow } from './out-message.js';
import type { RenderReply } from './render-reply.js';

export interface QueueRepliesOptions {
  identity: TIdentityView;
  locale: TLocale;
  replies: TReply[];
  render: RenderReply;
  now: Date;
  /** Makes queueing idempotent for work that may be finished twice (a job after a crash). */
  dedupeKey?: string;
  /** Inserts the rows already claimed, for the dispatcher's immediate delivery. */
  claim?: ClaimAtQueueing;
}

/**
 * Puts the answers to a person's own request in the outbox, in the caller's transaction, in
 * one statement however many messages they make.
 */
export async function queueReplies(tx: Tx, options: QueueRepliesOptions): Promise<OutboxRow[]> {
  const { identity, now } = options;
  const claim = options.claim?.(identity.channel, now);
  const messages = options.replies.flatMap((r) => options.render(options.locale, r, identity.channel));
  if (!messages.length) return [];
  const rows = await tx.outboxMessage.createManyAndReturn({
    data: messages.map((message, index) => ({
      identityId: identity.id,
      channel: identity.channel,
      chatId: identity.chatId,
      kind: 'reply',
      payloadJson: JSON.stringify(message),
      ...(options.dedupeKey ? { dedupeKey: `${options.dedupeKey}:${index}` } : {}),
      createdAt: now,
      nextAttemptAt: now,
      ...(claim ? { status: 'sending', attempts: 1, lockedBy: claim.lockedBy, lockedUntil: claim.lockedUntil } : {}),
    })),
  });
  // Ids are given in the order of the values; the rows come back in no promised order.
  rows.sort((a, b) => a.id - b.id);
  return rows.map((row, index) => ({ ...row, message: messages[index]! }));
}
