import type { Tx } from '../../store/db.js';

export interface RecordZaloOaRefreshFailureOptions {
  appId: string;
  owner: string;
  error: string;
}

/**
 * Notes why the refresh failed and frees the lease, keeping the tokens: a refresh that failed
 * in transit left the refresh token unspent, so the next attempt may still succeed with it.
 */
export async function recordZaloOaRefreshFailure(tx: Tx, { appId, owner, error }: RecordZaloOaRefreshFailureOptions): Promise<void> {
  await tx.zaloOaToken.updateMany({ where: { appId, leaseOwner: owner }, data: { leaseOwner: null, leaseUntil: null, lastError: error.slice(0, 500) } });
}
