import type { Db, Tx } from '../store/db.js';
import { ZOutMessage, type TOutMessage } from './out-message.js';

export interface ListMessagesAfterOptions {
  identityId: string;
  /** The id of the last message already shown; 0 for all. */
  after: number;
  take: number;
}

/** Messages queued to an identity after a given one, oldest first: a chat page's history. */
export async function listMessagesAfter(db: Db | Tx, { identityId, after, take }: ListMessagesAfterOptions): Promise<(TOutMessage & { id: number })[]> {
  const rows = await db.outboxMessage.findMany({
    where: { identityId, id: { gt: after } },
    orderBy: { id: 'asc' },
    take,
    select: { id: true, payloadJson: true },
  });
  return rows.map((row) => ({ id: row.id, ...ZOutMessage.parse(JSON.parse(row.payloadJson)) }));
}
