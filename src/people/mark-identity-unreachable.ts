import type { TChannel } from '../domain/channel.js';
import type { Tx } from '../store/db.js';

export interface MarkIdentityUnreachableOptions {
  channel: TChannel;
  externalId: string;
  now: Date;
}

/**
 * The platform said the person left (a Zalo OA unfollow): nothing is sent to them until they
 * write again, which makes the identity active (resolveIdentity).
 */
export async function markIdentityUnreachable(tx: Tx, { channel, externalId, now }: MarkIdentityUnreachableOptions): Promise<boolean> {
  const { count } = await tx.identity.updateMany({ where: { channel, externalId, status: 'active' }, data: { status: 'unreachable', statusAt: now } });
  return count === 1;
}
