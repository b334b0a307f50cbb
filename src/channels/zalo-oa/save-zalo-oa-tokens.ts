import type { Tx } from '../../store/db.js';
import { ZALO_OA_REFRESH_TOKEN_DAYS, type ZaloOaTokens } from './request-zalo-oa-tokens.js';

export interface SaveZaloOaTokensOptions {
  appId: string;
  tokens: ZaloOaTokens;
  now: Date;
  /**
   * The lease the refresh was made under: the pair is written only while it still holds it. The
   * first set-up (an authorization code) has none and replaces whatever is stored.
   */
  leaseOwner?: string;
}

/** Stores a new token pair and frees the lease; false when the lease was lost meanwhile. */
export async function saveZaloOaTokens(tx: Tx, { appId, tokens, now, leaseOwner }: SaveZaloOaTokensOptions): Promise<boolean> {
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
  if (leaseOwner === undefined) {
    await tx.zaloOaToken.upsert({ where: { appId }, create: { appId, ...data }, update: data });
    return true;
  }
  const { count } = await tx.zaloOaToken.updateMany({ where: { appId, leaseOwner }, data });
  return count === 1;
}
