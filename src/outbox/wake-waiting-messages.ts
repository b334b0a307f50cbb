import type { Tx } from '../store/db.js';

export interface WakeWaitingMessagesOptions {
  channel: string;
  chatId: string;
  now: Date;
}

/**
 * A person who writes opens the platform's interaction window again: the messages that waited
 * for it (status `waiting`, see the outbox's `out_of_window`) go back to the queue.
 */
export async function wakeWaitingMessages(tx: Tx, { channel, chatId, now }: WakeWaitingMessagesOptions): Promise<number> {
  const { count } = await tx.outboxMessage.updateMany({
    where: { channel, chatId, status: 'waiting' },
    data: { status: 'pending', nextAttemptAt: now },
  });
  return count;
}
