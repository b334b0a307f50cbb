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

/** Puts the answers to a person's own request in the outbox, in the caller's transaction. */
export async function queueReplies(tx: Tx, options: QueueRepliesOptions): Promise<OutboxRow[]> {
  const { identity, now } = options;
  const rows: OutboxRow[] = [];
  let index = 0;
  const claim = options.claim?.(identity.channel, now);
  for (const r of options.replies) {
    for (const message of options.render(options.locale, r, identity.channel)) {
      const row = await tx.outboxMessage.create({
        data: {
          identityId: identity.id,
          channel: identity.channel,
          chatId: identity.chatId,
          kind: 'reply',
          payloadJson: JSON.stringify(message),
          ...(options.dedupeKey ? { dedupeKey: `${options.dedupeKey}:${index++}` } : {}),
          createdAt: now,
          nextAttemptAt: now,
          ...(claim ? { status: 'sending', attempts: 1, lockedBy: claim.lockedBy, lockedUntil: claim.lockedUntil } : {}),
        },
      });
      rows.push({ ...row, message });
    }
  }
  return rows;
}
