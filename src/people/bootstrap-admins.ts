import type { TAdminEntry } from '../config.js';
import type { Db } from '../store/db.js';
import { grantRole } from './grant-role.js';
import { resolveIdentity } from './resolve-identity.js';

/** Makes the accounts listed in ADMINS administrators, creating them before their first message. */
export async function bootstrapAdmins(db: Db, admins: readonly TAdminEntry[], now: Date): Promise<void> {
  for (const admin of admins) {
    await db.$transaction(async (tx) => {
      const existing = await tx.identity.findUnique({
        where: { channel_externalId: { channel: admin.channel, externalId: admin.externalId } },
      });
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
}
