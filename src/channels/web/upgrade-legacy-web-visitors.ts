import { moveChatMessages } from '../../outbox/move-chat-messages.js';
import type { Db } from '../../store/db.js';
import { hashVisitorToken, newVisitorPublicId } from './web-visitor-token.js';

const LEGACY = 'legacy:';

/**
 * Finishes the web_visitor_tokens migration, which could not hash in SQL (SQLite has no
 * SHA-256): web identities from before used the cookie value itself as their id. Each one
 * gets a new random public id, and only the hash of its old cookie value is kept, so the
 * visitor's cookie, history, roles and pending messages all stay theirs. Idempotent, and each
 * visitor is moved in one transaction, so instances starting together or a crash halfway are
 * harmless. Returns how many visitors were moved.
 */
export async function upgradeLegacyWebVisitors(db: Db): Promise<number> {
  const legacy = await db.webVisitor.findMany({ where: { tokenHash: { startsWith: LEGACY } }, select: { publicId: true } });
  let moved = 0;
  for (const { publicId: oldId } of legacy) {
    const publicId = newVisitorPublicId();
    const done = await db.$transaction(async (tx) => {
      // Another instance may have moved it meanwhile.
      const claimed = await tx.webVisitor.deleteMany({ where: { publicId: oldId, tokenHash: `${LEGACY}${oldId}` } });
      if (claimed.count === 0) return false;
      await tx.webVisitor.create({ data: { publicId, tokenHash: hashVisitorToken(oldId) } });
      await tx.identity.updateMany({ where: { channel: 'web', externalId: oldId }, data: { externalId: publicId, chatId: publicId } });
      await moveChatMessages(tx, { channel: 'web', fromChatId: oldId, toChatId: publicId });
      // Update ids were `<old cookie>:<message id>`; they keep their message id, so a retried
      // message is still recognised.
      const prefix = `${oldId}:`;
      await tx.$executeRaw`UPDATE "ProcessedUpdate" SET "updateId" = CAST(${publicId} AS TEXT) || substr("updateId", CAST(${oldId.length + 1} AS INTEGER)) WHERE "channel" = 'web' AND substr("updateId", 1, CAST(${prefix.length} AS INTEGER)) = ${prefix}`;
      return true;
    });
    if (done) moved++;
  }
  return moved;
}
