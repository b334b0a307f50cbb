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

/** What a turn needs of a stored account to keep it current. */
export interface StoredIdentity {
  id: string;
  personId: string;
  chatId: string;
  username: string | null;
  displayName: string | null;
  status: string;
  lastSeenAt: Date;
}

/** Finds the person behind a channel account, creating both on first contact. */
export async function resolveIdentity(tx: Tx, channel: TChannel, user: ChannelUser, now: Date): Promise<ResolvedIdentity> {
  const existing = await tx.identity.findUnique({ where: { channel_externalId: { channel, externalId: user.externalId } } });
  if (existing) return touchIdentity(tx, existing, user, now);
  return createIdentity(tx, channel, user, now);
}

/** Brings a stored account up to date with what the platform says of it now. */
export async function touchIdentity(tx: Tx, existing: StoredIdentity, user: ChannelUser, now: Date): Promise<ResolvedIdentity> {
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

/** A person and their first account, on first contact: two inserts, nothing read back. */
export async function createIdentity(tx: Tx, channel: TChannel, user: ChannelUser, now: Date): Promise<ResolvedIdentity> {
  const person = await tx.person.create({
    data: { displayName: user.displayName, createdAt: now, lastSeenAt: now },
    select: { id: true },
  });
  const identity = await tx.identity.create({
    data: {
      personId: person.id,
      channel,
      externalId: user.externalId,
      chatId: user.chatId,
      username: user.username ?? null,
      displayName: user.displayName,
      createdAt: now,
      lastSeenAt: now,
    },
    select: { id: true },
  });
  return { identityId: identity.id, personId: person.id, isNew: true };
}
