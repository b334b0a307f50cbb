import type { TLocale } from '../domain/locale.js';
import type { TIdentityView } from '../core/person-view.js';
import type { TReply } from '../core/message.js';
import type { Tx } from '../store/db.js';
import { placeholders } from '../store/placeholders.js';
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

const COLUMNS = ['identityId', 'channel', 'chatId', 'kind', 'payloadJson', 'dedupeKey', 'status', 'attempts', 'nextAttemptAt', 'lockedBy', 'lockedUntil', 'createdAt'] as const;

/**
 * Puts the answers to a person's own request in the outbox, in the caller's transaction, in
 * one statement however many messages they make.
 *
 * Written as SQL (the same in both dialects but for the placeholders): Prisma compiles a
 * `createMany` anew on every call, never from its plan cache, and that compilation cost more
 * CPU than the rest of a plain turn's statements together.
 */
export async function queueReplies(tx: Tx, options: QueueRepliesOptions): Promise<OutboxRow[]> {
  const { identity, now } = options;
  const claim = options.claim?.(identity.channel, now);
  const messages = options.replies.flatMap((r) => options.render(options.locale, r, identity.channel));
  if (!messages.length) return [];
  const rows = messages.map((message, index) => ({
    identityId: identity.id,
    channel: identity.channel,
    chatId: identity.chatId,
    kind: 'reply',
    payloadJson: JSON.stringify(message),
    dedupeKey: options.dedupeKey ? `${options.dedupeKey}:${index}` : null,
    status: claim ? 'sending' : 'pending',
    attempts: claim ? 1 : 0,
    nextAttemptAt: now,
    lockedBy: claim?.lockedBy ?? null,
    lockedUntil: claim?.lockedUntil ?? null,
    createdAt: now,
  }));
  const next = placeholders(tx);
  const values = rows.map(() => `(${COLUMNS.map(next).join(', ')})`).join(', ');
  const ids = await tx.$queryRawUnsafe<{ id: number | bigint }[]>(
    `INSERT INTO "OutboxMessage" (${COLUMNS.map((c) => `"${c}"`).join(', ')}) VALUES ${values} RETURNING "id"`,
    ...rows.flatMap((row) => COLUMNS.map((c) => row[c])),
  );
  // Ids are given in the order of the values; the rows come back in no promised order.
  const sorted = ids.map((r) => Number(r.id)).sort((a, b) => a - b);
  return rows.map((row, index) => ({
    id: sorted[index]!,
    identityId: row.identityId,
    channel: row.channel,
    chatId: row.chatId,
    kind: row.kind,
    attempts: row.attempts,
    payloadJson: row.payloadJson,
    partsSent: 0,
    lockedBy: row.lockedBy,
    lockedUntil: row.lockedUntil,
    message: messages[index]!,
  }));
}
