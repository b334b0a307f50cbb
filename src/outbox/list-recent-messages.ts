import type { Db, Tx } from '../store/db.js';
import { ZOutMessage, type TOutMessage } from './out-message.js';

export interface ListRecentMessagesOptions {
  /** Whose messages: one chat on a channel, or every chat of an identity. */
  to: { channel: string; chatId: string } | { identityId: string };
  take: number;
  /** Reads the messages themselves (their buttons) too; without it, only their ids. */
  withMessages?: boolean;
}

export interface RecentMessage {
  id: number;
  /** Undefined when not asked for, or when a stored payload no longer reads as a message. */
  message?: TOutMessage;
}

/** The latest messages queued to someone, newest first, whatever became of their delivery. */
export async function listRecentMessages(db: Db | Tx, { to, take, withMessages = false }: ListRecentMessagesOptions): Promise<RecentMessage[]> {
  const rows = await db.outboxMessage.findMany({
    where: 'identityId' in to ? { identityId: to.identityId } : { channel: to.channel, chatId: to.chatId },
    orderBy: { id: 'desc' },
    take,
    select: { id: true, payloadJson: withMessages },
  });
  return rows.map((row) => {
    const message = row.payloadJson ? parseMessage(row.payloadJson) : undefined;
    return message ? { id: row.id, message } : { id: row.id };
  });
}

function parseMessage(payloadJson: string): TOutMessage | undefined {
  try {
    const parsed = ZOutMessage.safeParse(JSON.parse(payloadJson));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
