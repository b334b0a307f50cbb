import type { Db, Tx } from '../../store/db.js';

/** Removes what people typed into the web chat before `before` (CHAT_HISTORY_DAYS), as their replies go. */
export async function pruneWebChatEntries(tx: Tx | Db, options: { before: Date }): Promise<number> {
  const { count } = await tx.webChatEntry.deleteMany({ where: { createdAt: { lt: options.before } } });
  return count;
}
