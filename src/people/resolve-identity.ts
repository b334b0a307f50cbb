import type { TChannel } from '../domain/channel.js';
import type { Tx } from '../store/db.js';

export interface ChannelUser {
  externalId: string;
  chatId: string;
  displayName: string;
  username?: string;
}

export interface ResolvedIdentity {
  identityId: string;
  personId: string;
  isNew: boolean;
}

/** How stale a stored "last seen" may get before a message refreshes it. */
export const LAST_SEEN_PRECISION_MS = 60_000;

/** Finds the person behind a channel account, creating both on first contact. */
export async function resolveIdentity(tx: Tx, channel: TChannel, user: ChannelUser, now: Date): Promise<ResolvedIdentity> {
  const existing = await tx.identity.findUnique({ where: { channel_externalId: { channel, externalId: user.externalId } } });
  if (existing) {
    const profileChanged = existing.chatId !== user.chatId || existing.username !== (user.username ?? null) || existing.displayName !== user.displayName;
    // "Last seen" is shown to the minute in the overdue list; writing it on every message
    // would add two writes to each turn for nothing.
    const seenLongAgo = now.getTime() - existing.lastSeenAt.getTime() >= LAST_SEEN_PRECISION_MS;
    // Someone who writes to the bot again has unblocked it.
    const unblocked = existing.status !== 'active';
    if (profileChanged || seenLongAgo || unblocked) {
      await tx.identity.update({
        where: { id: existing.id },
        data: {
          chatId: user.chatId,
          username: user.username ?? null,
          displayName: user.displayName,
          lastSeenAt: now,
          ...(unblocked ? { status: 'active', statusAt: now } : {}),
        },
      });
    }
    if (seenLongAgo) await tx.person.update({ where: { id: existing.personId }, data: { lastSeenAt: now } });
    return { identityId: existing.id, personId: existing.personId, isNew: false };
  }
  const person = await tx.person.create({
    data: {
      displayName: user.displayName,
      createdAt: now,
      lastSeenAt: now,
      identities: {
        create: {
          channel,
          externalId: user.externalId,
          chatId: user.chatId,
          username: user.username ?? null,
          displayName: user.displayName,
          createdAt: now,
          lastSeenAt: now,
        },
      },
    },
    include: { identities: true },
  });
  return { identityId: person.identities[0]!.id, personId: person.id, isNew: true };
}
