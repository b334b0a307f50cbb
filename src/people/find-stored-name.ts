import type { TChannel } from '../domain/channel.js';
import type { Tx } from '../store/db.js';

export interface FindStoredNameOptions {
  channel: TChannel;
  externalId: string;
}

/** The name stored for a platform account, or null for an account not seen before. */
export async function findStoredName(tx: Tx, { channel, externalId }: FindStoredNameOptions): Promise<string | null> {
  const identity = await tx.identity.findUnique({ where: { channel_externalId: { channel, externalId } }, select: { displayName: true } });
  return identity?.displayName ?? null;
}
