import { z } from 'zod';

/** A refresh token is good for three months after it is issued (Zalo gives no date with it). */
export const ZALO_OA_REFRESH_TOKEN_DAYS = 90;

export interface ZaloOaTokens {
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token lasts (Zalo says 90000: 25 hours). */
  expiresInSeconds: number;
}

export interface RequestZaloOaTokensOptions {
  oauthRoot: string;
  appId: string;
  appSecret: string;
  /** An authorization code from the OA's consent page, or the current refresh token (single-use). */
  grant: { code: string; codeVerifier?: string } | { refreshToken: string };
  timeoutMs?: number;
}

/** Zalo refused the grant (`error` and its description), or could not be reached (`code` absent). */
export class ZaloOaOAuthError extends Error {
  override name = 'ZaloOaOAuthError';
  constructor(
    message: string,
    readonly code?: number,
  ) {
    super(message);
  }
}

const ZTokens = z.object({ access_token: z.string().min(10), refresh_token: z.string().min(10), expires_in: z.coerce.number().int().positive() });
const ZRefusal = z.object({ error: z.coerce.number(), error_name: z.string().optional(), error_description: z.string().optional(), message: z.string().optional() }).loose();

/**
 * OAuth v4 for an Official Account (developers.zalo.me, Official Account → "Xác thực và ủy quyền
 * cho ứng dụng"): POST https://oauth.zaloapp.com/v4/oa/access_token with the app secret in the
 * `secret_key` header and a form body: `code`, `app_id`, `grant_type=authorization_code`
 * (and `code_verifier` when the consent used PKCE), or `refresh_token`, `app_id`,
 * `grant_type=refresh_token`. It answers `{ access_token, refresh_token, expires_in }`, or
 * `{ error, error_name, error_description }`. Each refresh returns a new refresh token and spends
 * the old one. Nothing here is logged: the answer is the secrets.
 */
export async function requestZaloOaTokens({ oauthRoot, appId, appSecret, grant, timeoutMs = 15_000 }: RequestZaloOaTokensOptions): Promise<ZaloOaTokens> {
  const form = new URLSearchParams({ app_id: appId });
  if ('code' in grant) {
    form.set('code', grant.code);
    form.set('grant_type', 'authorization_code');
    if (grant.codeVerifier) form.set('code_verifier', grant.codeVerifier);
  } else {
    form.set('refresh_token', grant.refreshToken);
    form.set('grant_type', 'refresh_token');
  }
  let res: Response;
  try {
    res = await fetch(`${oauthRoot}/v4/oa/access_token`, {
      method: 'POST',
      headers: { secret_key: appSecret, 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new ZaloOaOAuthError(`could not reach Zalo OAuth (${(error as Error).name})`);
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new ZaloOaOAuthError(`Zalo OAuth answered ${res.status} without a readable body`);
  }
  const tokens = ZTokens.safeParse(body);
  if (tokens.success) return { accessToken: tokens.data.access_token, refreshToken: tokens.data.refresh_token, expiresInSeconds: tokens.data.expires_in };
  const refusal = ZRefusal.safeParse(body);
  if (refusal.success) {
    const why = refusal.data.error_description ?? refusal.data.error_name ?? refusal.data.message ?? '';
    throw new ZaloOaOAuthError(`Zalo OAuth refused the grant (${refusal.data.error}: ${why.slice(0, 200)})`, refusal.data.error);
  }
  throw new ZaloOaOAuthError(`Zalo OAuth answered ${res.status} without tokens`);
}
