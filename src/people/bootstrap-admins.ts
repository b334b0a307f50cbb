import type { TAdminEntry } from '../config.js';
import type { Db } from '../store/db.js';
import { grantRole } from './grant-role.js';
import { resolveIdentity } from './resolve-identity.js';

/**
 * Makes the accounts listed in ADMINS administrators, creating Telegram and Zalo accounts before
 * their first message. A web visitor id only exists once the visitor has used the chat: an
 * entry naming none is skipped (an old entry may be a cookie value from before visitor ids, which
 * must not become an id). Returns how many entries were skipped.
 */
export async function bootstrapAdmins(db: Db, admins: readonly TAdminEntry[], now: Date): Promise<number> {
  let skipped = 0;
  for (const admin of admins) {
    await db.$transaction(async (tx) => {
      const existing = await tx.identity.findUnique({
        where: { channel_externalId: { channel: admin.channel, externalId: admin.externalId } },
      });
      if (!existing && admin.channel === 'web') {
        skipped++;
        return;
      }
      const personId = existing
        ? existing.personId
        : (
            await resolveIdentity(
              tx,
              admin.channel,
              { externalId: admin.externalId, chatId: admin.externalId, displayName: 'Admin' },
              now,
            )
          ).personId;
      await grantRole(tx, { personId, role: 'admin', at: now });
    });
  }
  return skipped;
}
