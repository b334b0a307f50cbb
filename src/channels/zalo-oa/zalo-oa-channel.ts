import { uploadQuotaOf, type UploadQuota } from '../../files/check-upload-quota.js';
import type { FastifyInstance } from 'fastify';
import type { BotCore } from '../../bot/bot-core.js';
import { isDatabaseUnavailable } from '../../bot/is-database-unavailable.js';
import type { Clock } from '../../clock.js';
import { isUpdateProcessed } from '../../bot/is-update-processed.js';
import { keepRemoteFile, keepRemotePhoto, loadKeptFile } from '../../files/keep-remote-photo.js';
import type { TInput } from '../../core/input.js';
import { MAX_PHOTO_BYTES } from '../../domain/file-types.js';
import type { Logger } from '../../logger.js';
import type { Db } from '../../store/db.js';
import type { Channel, ChannelFactory, DownloadedFile } from '../channel.js';
import { resolveNumberedChoice } from '../zalo/resolve-numbered-choice.js';
import { findStoredName } from '../../people/find-stored-name.js';
import { findZaloOaToken } from './find-zalo-oa-token.js';
import { markIdentityUnreachable } from '../../people/mark-identity-unreachable.js';
import { normalizeZaloOaEvent, placeholderName, ZZaloOaEvent, type TZaloOaEvent } from './normalize-zalo-oa-event.js';
import { verifyZaloOaSignature } from './verify-zalo-oa-signature.js';
import { ZaloOaApi } from './zalo-oa-api.js';
import { ZaloOaSender } from './zalo-oa-sender.js';
import { ZaloOaTokenKeeper } from './zalo-oa-token-keeper.js';
import { ZALO_OA_TRAITS } from './zalo-oa-traits.js';

export interface ZaloOaChannelOptions {
  appId: string;
  appSecret: string;
  /** The OA Secret Key webhook events are signed with. */
  secretKey: string;
  apiRoot: string;
  oauthRoot: string;
  webhookPath: string;
  /** Events whose signed timestamp is further than this from now are refused. */
  webhookMaxAgeSeconds: number;
  photoHosts: readonly string[];
  /** Tests serve photos over plain http. */
  allowHttpPhotos?: boolean;
  core: BotCore;
  db: Db;
  clock: Clock;
  logger: Logger;
  sendTimeoutMs?: number;
  loadStoredFile: (id: string) => Promise<Buffer | null>;
  /** Photos kept from Zalo count against the same quota as web uploads. */
  uploadQuota: UploadQuota;
  /** Tells admins the OA cannot send (its token could not be renewed). */
  alertAdmins?: (problem: string) => Promise<void>;
  /** How often the token is checked for renewal. */
  tokenCheckIntervalMs?: number;
}

/** How long a turn waits for the person's name from the profile API. */
const NAME_WAIT_MS = 5_000;

/**
 * A Zalo Official Account: events arrive by webhook only (Zalo has no polling for OAs), signed
 * with the OA secret key; replies go out as customer-service messages with a token kept fresh
 * in the database.
 */
export class ZaloOaChannel implements Channel {
  readonly name = 'zalo_oa' as const;
  readonly traits = ZALO_OA_TRAITS;
  readonly sender: ZaloOaSender;
  readonly tokens: ZaloOaTokenKeeper;
  status = 'starting';
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly api: ZaloOaApi;
  /** Names already known, so the profile API is asked once per person and process. */
  private readonly names = new Map<string, string>();

  constructor(private readonly options: ZaloOaChannelOptions) {
    this.tokens = new ZaloOaTokenKeeper({
      db: options.db,
      clock: options.clock,
      logger: options.logger,
      appId: options.appId,
      appSecret: options.appSecret,
      oauthRoot: options.oauthRoot,
      ...(options.alertAdmins ? { alert: options.alertAdmins } : {}),
    });
    const api = (this.api = new ZaloOaApi({
      apiRoot: options.apiRoot,
      accessToken: () => this.tokens.accessToken(),
      onTokenRefused: (token) => this.tokens.forget(token),
      ...(options.sendTimeoutMs ? { timeoutMs: options.sendTimeoutMs } : {}),
    }));
    this.sender = new ZaloOaSender({ api, photoHosts: options.photoHosts, allowHttpPhotos: options.allowHttpPhotos ?? false, loadStoredFile: options.loadStoredFile });
  }

  async registerRoutes(http: FastifyInstance): Promise<void> {
    const { webhookPath, logger } = this.options;
    await http.register(async (scope) => {
      // The signature covers the body as sent, so this route reads it as text.
      scope.removeContentTypeParser('application/json');
      scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
      scope.post(webhookPath, async (req, res) => {
        const rawBody = typeof req.body === 'string' ? req.body : '';
        const header = req.headers['x-zevent-signature'];
        const verdict = this.check(rawBody, typeof header === 'string' ? header : undefined);
        if (verdict.kind === 'refused' && verdict.reason === 'stale') {
          // Correctly signed, so Zalo (or a replay of Zalo) sent it: a clock out of step loses a
          // person's message here, and an operator must see which one. Never the body.
          logger.error({ reason: verdict.reason, msgId: verdict.msgId, timestamp: verdict.timestamp }, 'Zalo OA webhook event refused as stale: outside the timestamp window');
        } else if (verdict.kind === 'refused') {
          this.noteRefusal(verdict.reason);
        }
        if (verdict.kind === 'refused') {
          return res.code(verdict.reason === 'malformed' ? 400 : 401).send({ error: verdict.reason === 'malformed' ? 'not an event' : 'bad signature' });
        }
        try {
          await this.handleEvent(verdict.event);
        } catch (error) {
          logger.warn({ err: error }, isDatabaseUnavailable(error) ? 'database unavailable' : 'Zalo OA webhook event failed');
          return res.code(503).send({ error: 'try again' });
        }
        return res.send({ ok: true });
      });
    });
  }

  watchSecrets(listener: (secrets: readonly string[]) => void): void {
    this.tokens.watchTokens(listener);
  }

  private refusals = { count: 0, loggedAt: Number.NEGATIVE_INFINITY };

  /**
   * Unsigned requests come from whoever finds the URL, as fast as they like: one warning a
   * minute, with how many were refused since, keeps the log readable and its disk bounded.
   */
  private noteRefusal(reason: string): void {
    this.refusals.count++;
    const now = this.options.clock.now().getTime();
    if (now - this.refusals.loggedAt < 60_000) return;
    this.options.logger.warn({ reason, refused: this.refusals.count }, 'Zalo OA webhook refused');
    this.refusals = { count: 0, loggedAt: now };
  }

  async start(): Promise<void> {
    const { db, appId, logger } = this.options;
    if (!(await findZaloOaToken(db, { appId }))) {
      // Events are still taken; replies wait in the outbox until the tokens are stored.
      logger.warn('Zalo OA has no tokens yet: run npm run zalo-oa -- --code CODE (README, "Zalo Official Account")');
    }
    await this.tokens.refreshIfDue().catch((error: unknown) => logger.error({ err: error }, 'Zalo OA token check failed'));
    this.tokens.start(this.options.tokenCheckIntervalMs);
    this.status = 'webhook';
  }

  async stop(): Promise<void> {
    this.tokens.stop();
    await Promise.allSettled([...this.inFlight]);
    this.status = 'stopped';
  }

  /** A person's photo or document as kept on arrival (or, when Zalo did not answer then, its link). */
  async downloadFile(fileRef: string): Promise<DownloadedFile | null> {
    const { photoHosts, allowHttpPhotos, loadStoredFile } = this.options;
    return loadKeptFile({ fileRef, allowedHosts: photoHosts, allowHttp: allowHttpPhotos ?? false, loadStoredFile });
  }

  /**
   * Signature first, then the event's age: both are checked before anything is stored. The app
   * id must be ours, so an event of another app signed with its own key is refused too.
   */
  private check(
    rawBody: string,
    header: string | undefined,
  ): { kind: 'ok'; event: TZaloOaEvent } | { kind: 'refused'; reason: 'malformed' | 'signature' } | { kind: 'refused'; reason: 'stale'; msgId: string | undefined; timestamp: string } {
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawBody);
    } catch {
      return { kind: 'refused', reason: 'malformed' };
    }
    const event = ZZaloOaEvent.safeParse(parsed);
    if (!event.success) return { kind: 'refused', reason: 'malformed' };
    const { appId, secretKey, webhookMaxAgeSeconds, clock } = this.options;
    if (event.data.app_id !== appId) return { kind: 'refused', reason: 'signature' };
    if (!verifyZaloOaSignature({ appId, secretKey, rawBody, timestamp: event.data.timestamp, header })) return { kind: 'refused', reason: 'signature' };
    const stamp = Number(event.data.timestamp);
    const ms = stamp < 1e12 ? stamp * 1000 : stamp;
    if (!Number.isFinite(ms) || Math.abs(clock.now().getTime() - ms) > webhookMaxAgeSeconds * 1000) {
      return { kind: 'refused', reason: 'stale', msgId: event.data.message?.msg_id, timestamp: event.data.timestamp };
    }
    return { kind: 'ok', event: event.data };
  }

  /**
   * Resolves once the event's turn is stored (or the event given up after failing for itself a
   * few times), so the 200 Zalo gets means the event is safe; a repeated msg_id is handled once.
   */
  async handleEvent(event: TZaloOaEvent): Promise<void> {
    const work = this.handleOne(event).catch(async (error: unknown) => {
      const id = event.message?.msg_id ?? `${event.event_name}:${event.timestamp}`;
      if (!(await this.options.core.giveUpOnFailure('zalo_oa', id.slice(0, 200), error))) throw error;
    });
    this.inFlight.add(work);
    try {
      await work;
    } finally {
      this.inFlight.delete(work);
    }
  }

  /**
   * The person's Zalo name: the one stored for them, else the OA's profile API (asked briefly:
   * a person is not kept waiting for it), else a placeholder until next time.
   */
  private async nameOf(userId: string): Promise<string> {
    const known = this.names.get(userId);
    if (known) return known;
    const placeholder = placeholderName(userId);
    const stored = await findStoredName(this.options.db, { channel: 'zalo_oa', externalId: userId });
    let name = stored && stored !== placeholder ? stored : null;
    // A token renewal under way must not hold the webhook's answer either.
    name ??= await Promise.race([this.api.userName(userId, NAME_WAIT_MS).catch(() => null), new Promise<null>((resolve) => setTimeout(resolve, NAME_WAIT_MS, null).unref())]);
    if (!name) return placeholder;
    if (this.names.size >= 10_000) this.names.clear();
    this.names.set(userId, name);
    return name;
  }

  /**
   * A photo or file is a link to Zalo's servers, Zalo's to expire: both are kept on arrival
   * (keepRemotePhoto, keepRemoteFile), sniffed, size-checked and against the upload quota.
   */
  private async recognise(input: TInput, userId: string): Promise<TInput> {
    if (input.kind !== 'photo' && input.kind !== 'document') return input;
    const keep = { allowedHosts: this.options.photoHosts, allowHttp: this.options.allowHttpPhotos ?? false, uploadedBy: `zalo_oa:${userId}`, quota: this.options.uploadQuota, now: this.options.clock.now() };
    return input.kind === 'photo' ? keepRemotePhoto(this.options.db, { ...keep, input }) : keepRemoteFile(this.options.db, { ...keep, input });
  }

  private async handleOne(event: TZaloOaEvent): Promise<void> {
    const { db, clock, core } = this.options;
    const action = normalizeZaloOaEvent(event, { fileHosts: this.options.photoHosts, allowHttp: this.options.allowHttpPhotos ?? false });
    if (action.kind === 'ignore') return;
    if (action.kind === 'unfollow') {
      await markIdentityUnreachable(db, { channel: 'zalo_oa', externalId: action.userId, now: clock.now() });
      return;
    }
    const update = { ...action.update, from: { ...action.update.from, displayName: await this.nameOf(action.update.from.externalId) } };
    const again = await isUpdateProcessed(db, { channel: 'zalo_oa', updateId: update.updateId });
    const checked = again ? update.input : await this.recognise(update.input, update.from.externalId);
    const input = await resolveNumberedChoice(db, { channel: 'zalo_oa', chatId: update.from.chatId, externalId: update.from.externalId, input: checked });
    await core.handle({ ...update, input });
  }
}

export const zaloOaChannel: ChannelFactory = {
  name: 'zalo_oa',
  traits: ZALO_OA_TRAITS,
  create: ({ config, core, db, clock, logger, loadStoredFile, alertAdmins }) => {
    if (!config.ZALO_OA_APP_ID || !config.ZALO_OA_APP_SECRET || !config.ZALO_OA_SECRET_KEY) return undefined;
    return new ZaloOaChannel({
      appId: config.ZALO_OA_APP_ID,
      appSecret: config.ZALO_OA_APP_SECRET,
      secretKey: config.ZALO_OA_SECRET_KEY,
      apiRoot: config.ZALO_OA_API_ROOT,
      oauthRoot: config.ZALO_OA_OAUTH_ROOT,
      webhookPath: config.ZALO_OA_WEBHOOK_PATH,
      webhookMaxAgeSeconds: config.ZALO_OA_WEBHOOK_MAX_AGE_SECONDS,
      photoHosts: config.ZALO_OA_PHOTO_HOSTS,
      // Only a test's local photo server is plain http.
      allowHttpPhotos: config.ZALO_OA_PHOTO_HOSTS.every((host) => host === '127.0.0.1' || host === 'localhost'),
      core,
      db,
      clock,
      logger,
      sendTimeoutMs: config.SEND_TIMEOUT_SECONDS * 1000,
      loadStoredFile,
      uploadQuota: uploadQuotaOf(config),
      // One alert an hour at most while the token stays broken.
      alertAdmins: (problem) => alertAdmins({ lines: [{ key: 'zaloOa.tokenFailed', params: { problem } }] }, `zalo-oa-token:${clock.now().toISOString().slice(0, 13)}`),
    });
  },
};
