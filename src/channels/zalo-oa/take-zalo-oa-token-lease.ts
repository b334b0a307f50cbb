import type { Tx } from '../../store/db.js';

export interface TakeZaloOaTokenLeaseOptions {
  appId: string;
  /** The refresh token the caller means to spend: if it changed, someone already refreshed. */
  refreshToken: string;
  owner: string;
  now: Date;
  leaseMs: number;
}

/**
 * One conditional update decides which instance may spend the refresh token: the row must still
 * hold that token and no live lease. Whoever gets count 1 refreshes; the others wait and read.
 */
export async function takeZaloOaTokenLease(tx: Tx, { appId, refreshToken, owner, now, leaseMs }: TakeZaloOaTokenLeaseOptions): Promise<boolean> {
  const { count } = await tx.zaloOaToken.updateMany({
    where: { appId, refreshToken, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    data: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs) },
  });
  return count === 1;
}
