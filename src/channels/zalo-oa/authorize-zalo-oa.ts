import type { Db } from '../../store/db.js';
import { guardZaloOaTokenStore } from './guard-zalo-oa-token-store.js';
import { requestZaloOaTokens } from './request-zalo-oa-tokens.js';
import { saveZaloOaTokens } from './save-zalo-oa-tokens.js';

export interface AuthorizeZaloOaOptions {
  db: Db;
  oauthRoot: string;
  appId: string;
  appSecret: string;
  /** The `code` Zalo put on the callback URL after the OA admin granted the app access. */
  code: string;
  codeVerifier?: string;
  now: Date;
}

/**
 * The first set-up, and the way back after a refresh token was lost: the authorization code is
 * exchanged for the first pair, which replaces whatever was stored. Returns when the access
 * token runs out.
 */
export async function authorizeZaloOa({ db, oauthRoot, appId, appSecret, code, codeVerifier, now }: AuthorizeZaloOaOptions): Promise<Date> {
  const tokens = await requestZaloOaTokens({ oauthRoot, appId, appSecret, grant: { code, ...(codeVerifier ? { codeVerifier } : {}) } });
  await guardZaloOaTokenStore('store the tokens', () => saveZaloOaTokens(db, { appId, tokens, now }));
  return new Date(now.getTime() + tokens.expiresInSeconds * 1000);
}
