import type { Tx } from '../../store/db.js';
import { ZALO_OA_REFRESH_TOKEN_DAYS, type ZaloOaTokens } from './request-zalo-oa-tokens.js';

export interface SaveZaloOaTokensOptions {
  appId: string;
  tokens: ZaloOaTokens;
  now: Date;
  /**
   * The refresh token spent to get this pair: the pair is written only over it. Zalo has already
   * spent it, so the new pair is the only one that works, whether or not the lease ran out
   * meanwhile; only a pair stored since from elsewhere (a new authorization) wins over it. The
   * first set-up (an authorization code) has none and replaces whatever is stored.
   */
  spentRefreshToken?: string;
}

/** Stores a new token pair and frees the lease; false when the spent refresh token was replaced meanwhile. */
export async function saveZaloOaTokens(tx: Tx, { appId, tokens, now, spentRefreshToken }: SaveZaloOaTokensOptions): Promise<boolean> {
  const data = {
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    accessExpiresAt: new Date(now.getTime() + tokens.expiresInSeconds * 1000),
    refreshExpiresAt: new Date(now.getTime() + ZALO_OA_REFRESH_TOKEN_DAYS * 86_400_000),
    leaseOwner: null,
    leaseUntil: null,
    lastError: null,
    updatedAt: now,
  };
  if (spentRefreshToken === undefined) {
    await tx.zaloOaToken.upsert({ where: { appId }, create: { appId, ...data }, update: data });
    return true;
  }
  const { count } = await tx.zaloOaToken.updateMany({ where: { appId, refreshToken: spentRefreshToken }, data });
  return count === 1;
}
