import type { Db, Tx } from '../store/db.js';

/**
 * Removes the bot's replies delivered before `before`: a conversation's messages are not kept
 * for ever (CHAT_HISTORY_DAYS), least of all text a stranger typed to fill the database and the
 * bot quoted back. Only replies: a notice keeps its row, whose key stops it from being queued
 * twice; what was not delivered stays for the admins (`/guiloi`). A sent row's nextAttemptAt is
 * when it was last due, never before it was queued, so the status index finds them.
 */
export async function pruneDeliveredReplies(tx: Tx | Db, options: { before: Date }): Promise<number> {
  const { count } = await tx.outboxMessage.deleteMany({ where: { status: 'sent', kind: 'reply', dedupeKey: null, nextAttemptAt: { lt: options.before } } });
  return count;
}
