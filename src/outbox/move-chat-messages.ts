import type { Tx } from '../store/db.js';

export interface MoveChatMessagesOptions {
  channel: string;
  fromChatId: string;
  toChatId: string;
}

/** Re-addresses a chat's messages, sent or waiting, when the chat's id changes. */
export async function moveChatMessages(tx: Tx, { channel, fromChatId, toChatId }: MoveChatMessagesOptions): Promise<void> {
  await tx.outboxMessage.updateMany({ where: { channel, chatId: fromChatId }, data: { chatId: toChatId } });
}
