import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.js';
import { DeliveryError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { Db } from '../../store/db.js';
import { findZaloOaToken } from './find-zalo-oa-token.js';
import { guardZaloOaTokenStore } from './guard-zalo-oa-token-store.js';
import { recordZaloOaRefreshFailure } from './record-zalo-oa-refresh-failure.js';
import { requestZaloOaTokens, type ZaloOaTokens } from './request-zalo-oa-tokens.js';
import { saveZaloOaTokens } from './save-zalo-oa-tokens.js';
import { takeZaloOaTokenLease } from './take-zalo-oa-token-lease.js';

export interface ZaloOaTokenKeeperOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  appId: string;
  appSecret: string;
  oauthRoot: string;
  /** Renew this long before the access token runs out (it lasts 25 hours). */
  refreshAheadMs?: number;
  /** How long the instance refreshing holds the row; longer than one OAuth call may take. */
  leaseMs?: number;
  /** Tells admins that the OA cannot send any more; called once per failure streak. */
  alert?: (problem: string) => Promise<void>;
}

/** How long a message waits before trying again while the OA has no usable token. */
const SUSPENDED_RETRY_SECONDS = 60;

/**
 * After a refresh that failed, or one forced by a refused token, the next waits this long:
 * every send asks for a token, and without a pause a lasting failure (Zalo's OAuth down, a
 * revoked app) would cost one OAuth call per message instead of one a minute.
 */
const REFRESH_RETRY_MS = 60_000;

/**
 * Once Zalo has answered a refresh, the old refresh token is spent and the new pair exists only
 * here: a database blip while storing it must not lose it, so the store is tried a few times.
 */
const SAVE_ATTEMPTS = 4;
const SAVE_RETRY_MS = 500;

/**
 * Keeps the OA's access token fresh across instances. Each instance reads the stored pair; when
 * it is due, one instance (the one whose conditional update takes the lease) spends the
 * single-use refresh token and stores the new pair over it; the others keep using the current token,
 * which is still valid, and read the new one afterwards. A failed refresh is logged and told to
 * admins; messages wait (a `suspended` DeliveryError does not spend their attempts).
 */
export class ZaloOaTokenKeeper {
  private readonly owner = randomUUID();
  private readonly refreshAheadMs: number;
  private readonly leaseMs: number;
  private cached: { token: string; expiresAt: number; refreshAt: number } | undefined;
  private refreshing: Promise<void> | undefined;
  private alerted = false;
  /** No refresh is tried before this time (ms): see REFRESH_RETRY_MS. */
  private retryAfter = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: ZaloOaTokenKeeperOptions) {
    this.refreshAheadMs = options.refreshAheadMs ?? 60 * 60_000;
    this.leaseMs = options.leaseMs ?? 60_000;
  }

  /** Renews ahead of time on a timer, so no message ever waits for a refresh. */
  start(intervalMs = 60_000): void {
    this.timer = setInterval(() => void this.refreshIfDue().catch(() => undefined), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * The token to call the OA API with; throws a `suspended` DeliveryError when there is none,
   * a `transient` one when the database fails.
   */
  async accessToken(): Promise<string> {
    const now = this.options.clock.now().getTime();
    if (this.cached && now < this.cached.refreshAt) return this.cached.token;
    let row;
    try {
      await this.refreshIfDue();
      row = await guardZaloOaTokenStore('read the token', () => findZaloOaToken(this.options.db, { appId: this.options.appId }));
    } catch (error) {
      // The database is away: the message is tried again, later, like any transient failure.
      throw new DeliveryError((error as Error).message, 'transient');
    }
    if (!row) throw new DeliveryError('Zalo OA is not authorised: run npm run zalo-oa -- --code <code>', 'suspended', SUSPENDED_RETRY_SECONDS);
    this.see(row.accessToken, row.refreshToken);
    if (row.accessExpiresAt.getTime() <= this.options.clock.now().getTime()) {
      throw new DeliveryError('the Zalo OA access token has expired and could not be renewed', 'suspended', SUSPENDED_RETRY_SECONDS);
    }
    this.remember(row.accessToken, row.accessExpiresAt);
    return row.accessToken;
  }

  /**
   * The OA refused this token before its time: the next call reads the stored one again, and
   * renews it if it is still the refused one (not if another instance has renewed it since).
   */
  forget(refusedToken: string): void {
    this.cached = undefined;
    this.refused = refusedToken;
  }

  private refused: string | undefined;

  private readonly seen: string[] = [];
  private watcher: ((tokens: readonly string[]) => void) | undefined;

  /**
   * Hands the tokens seen lately (the live pair and the one before it) to the listener now and
   * whenever they change, so a logger can scrub them: unlike the app secret, they change while
   * the bot runs.
   */
  watchTokens(listener: (tokens: readonly string[]) => void): void {
    this.watcher = listener;
    listener([...this.seen]);
  }

  private see(...tokens: string[]): void {
    const fresh = tokens.filter((token) => !this.seen.includes(token));
    if (!fresh.length) return;
    this.seen.unshift(...fresh);
    this.seen.length = Math.min(this.seen.length, 4);
    this.watcher?.([...this.seen]);
  }

  /** Renews the pair when it is due; one refresh at a time in this instance. */
  refreshIfDue(): Promise<void> {
    return (this.refreshing ??= this.refreshOnce().finally(() => {
      this.refreshing = undefined;
    }));
  }

  private async refreshOnce(): Promise<void> {
    const { db, clock, logger, appId } = this.options;
    const row = await guardZaloOaTokenStore('read the token', () => findZaloOaToken(db, { appId }));
    if (!row) return;
    this.see(row.accessToken, row.refreshToken);
    const now = clock.now();
    const forced = row.accessToken === this.refused;
    const due = forced || row.accessExpiresAt.getTime() - now.getTime() <= this.refreshAheadMs;
    if (!due) {
      this.remember(row.accessToken, row.accessExpiresAt);
      return;
    }
    if (now.getTime() < this.retryAfter) return;
    if (!(await guardZaloOaTokenStore('take the lease', () => takeZaloOaTokenLease(db, { appId, refreshToken: row.refreshToken, owner: this.owner, now, leaseMs: this.leaseMs })))) {
      // Another instance is renewing (or just has): the current token stays valid meanwhile.
      return;
    }
    this.refused = undefined;
    // Set before the call, so a failure anywhere below (or a refused token again) waits too.
    this.retryAfter = now.getTime() + REFRESH_RETRY_MS;
    try {
      const tokens = await requestZaloOaTokens({ oauthRoot: this.options.oauthRoot, appId, appSecret: this.options.appSecret, grant: { refreshToken: row.refreshToken } });
      this.see(tokens.accessToken, tokens.refreshToken);
      const saved = await this.store(tokens, row.refreshToken);
      if (!saved) {
        // A new pair was stored from elsewhere meanwhile (a new authorization): it stands.
        logger.warn('Zalo OA tokens were renewed, but another pair was stored meanwhile; that one is kept');
        return;
      }
      this.alerted = false;
      this.cached = undefined;
      if (!forced) this.retryAfter = 0;
      logger.info({ expiresInSeconds: tokens.expiresInSeconds }, 'Zalo OA access token renewed');
    } catch (error) {
      const why = (error as Error).message;
      await recordZaloOaRefreshFailure(db, { appId, owner: this.owner, error: why }).catch(() => undefined);
      logger.error({ err: error }, 'Zalo OA token refresh failed; messages to Zalo OA wait');
      await this.raise(why);
    }
  }

  /** Stores the renewed pair over the refresh token just spent, trying again after an error. */
  private async store(tokens: ZaloOaTokens, spentRefreshToken: string): Promise<boolean> {
    const { db, clock, logger, appId } = this.options;
    for (let attempt = 1; ; attempt++) {
      try {
        return await guardZaloOaTokenStore('store the renewed tokens', () => saveZaloOaTokens(db, { appId, tokens, now: clock.now(), spentRefreshToken }));
      } catch (error) {
        if (attempt >= SAVE_ATTEMPTS) {
          logger.error({ attempts: attempt }, 'the renewed Zalo OA tokens could not be stored and are lost: authorise the OA again (npm run zalo-oa -- --code CODE)');
          throw error;
        }
        logger.warn({ err: error, attempt }, 'storing the renewed Zalo OA tokens failed; trying again');
        await new Promise((resolve) => setTimeout(resolve, SAVE_RETRY_MS * attempt));
      }
    }
  }

  /**
   * Not awaited: the alert may itself be a message through this OA, whose send would wait for
   * the very refresh that is raising it.
   */
  private async raise(problem: string): Promise<void> {
    if (this.alerted || !this.options.alert) return;
    this.alerted = true;
    void this.options.alert(problem).catch((error: unknown) => this.options.logger.error({ err: error }, 'could not tell admins about the Zalo OA token'));
  }

  /** Kept until it is due, or (when a refresh must wait) until the wait ends, never past its expiry. */
  private remember(token: string, expiresAt: Date): void {
    const due = expiresAt.getTime() - this.refreshAheadMs;
    this.cached = { token, expiresAt: expiresAt.getTime(), refreshAt: Math.max(due, Math.min(this.retryAfter, expiresAt.getTime())) };
  }
}
