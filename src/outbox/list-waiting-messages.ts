import type { Tx } from '../store/db.js';

export interface ListWaitingMessagesOptions {
  take: number;
}

/**
 * Messages held for a platform's interaction window (status `waiting`): how many, and the latest
 * with whom they wait for, so officials can see why a message has not arrived.
 */
export async function listWaitingMessages(tx: Tx, { take }: ListWaitingMessagesOptions) {
  const count = await tx.outboxMessage.count({ where: { status: 'waiting' } });
  const rows = await tx.outboxMessage.findMany({ where: { status: 'waiting' }, orderBy: { id: 'desc' }, take, include: { identity: { include: { person: true } } } });
  return { count, rows };
}
