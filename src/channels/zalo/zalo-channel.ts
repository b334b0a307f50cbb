import type { Clock } from '../../clock.js';
import { uploadQuotaOf, type UploadQuota } from '../../files/check-upload-quota.js';
import { isUpdateProcessed } from '../../bot/is-update-processed.js';
import { keepRemotePhoto, loadKeptFile } from '../../files/keep-remote-photo.js';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Channel, ChannelFactory, DownloadedFile } from '../channel.js';
import type { BotCore } from '../../bot/bot-core.js';
import { abortableSleep } from '../abortable-sleep.js';
import { verifyWebhookSecret } from '../verify-webhook-secret.js';
import { ConfigError, DeliveryError } from '../../errors.js';
import { isDatabaseUnavailable } from '../../bot/is-database-unavailable.js';
import { MAX_UPDATE_ATTEMPTS } from '../../bot/record-failed-update.js';
import type { Logger } from '../../logger.js';
import type { Db } from '../../store/db.js';
import { normalizeZaloUpdate, unwrapZaloUpdates, zaloUpdateId } from './normalize-zalo-update.js';
import { resolveNumberedChoice } from './resolve-numbered-choice.js';
import { ZaloApi } from './zalo-api.js';
import { ZaloSender } from './zalo-sender.js';
import { ZALO_TRAITS } from './zalo-traits.js';

export interface ZaloChannelOptions {
  token: string;
  apiRoot: string;
  core: BotCore;
  db: Db;
  logger: Logger;
  webhook?: { url: string; secret: string };
  pollTimeoutSeconds?: number;
  /** How long any call to Zalo may take before it is given up (and retried). */
  sendTimeoutMs?: number;
  /** NODE_ENV=production: polling, meant for development, is warned about. */
  production?: boolean;
  /** Zalo's image hosts: a photo is fetched from these only. */
  photoHosts: readonly string[];
  /** Tests serve photos over plain http. */
  allowHttpPhotos?: boolean;
  loadStoredFile(id: string): Promise<Buffer | null>;
  /** Photos kept from Zalo count against the same quota as web uploads. */
  uploadQuota: UploadQuota;
  clock: Clock;
}

const ZBotInfo = z.object({ id: z.coerce.string().optional(), account_name: z.string().optional(), display_name: z.string().optional() }).loose();

export type ZaloStatus = 'starting' | 'polling' | 'webhook' | 'error' | 'stopped';

/**
 * The Zalo edge. Zalo's getUpdates hands out one update at a time with no offset, so an
 * update is Zalo's to forget once fetched; it is stored (and de-duplicated by message id)
 * before anything else happens to it.
 */
export class ZaloChannel implements Channel {
  readonly name = 'zalo' as const;
  readonly traits = ZALO_TRAITS;
  readonly api: ZaloApi;
  readonly sender: ZaloSender;
  status: ZaloStatus = 'starting';
  private abort = new AbortController();
  private loop: Promise<void> | undefined;
  private inFlight = new Set<Promise<unknown>>();

  constructor(private readonly options: ZaloChannelOptions) {
    this.api = new ZaloApi(options.token, options.apiRoot, options.sendTimeoutMs);
    this.sender = new ZaloSender(this.api);
  }

  async start(): Promise<void> {
    await this.checkToken();
    if (this.options.webhook) {
      await this.api.call('setWebhook', { url: this.options.webhook.url, secret_token: this.options.webhook.secret });
      this.status = 'webhook';
      return;
    }
    if (this.options.production) {
      // https://bot.zaloplatforms.com/docs (getUpdates): polling is for local development and
      // testing; in production Zalo recommends the webhook so that no event is missed.
      this.options.logger.warn('Zalo is polled with NODE_ENV=production; Zalo recommends the webhook in production (set ZALO_WEBHOOK_URL and ZALO_WEBHOOK_SECRET)');
    }
    // Polling and webhook are exclusive on Zalo.
    await this.api.call('deleteWebhook').catch(() => {});
    this.status = 'polling';
    this.loop = this.poll();
  }

  /**
   * getMe checks the token (https://bot.zaloplatforms.com/docs, getMe) and names the bot in the
   * log. A refused token stops the start; Zalo being unreachable does not (polling retries).
   */
  private async checkToken(): Promise<void> {
    const { logger } = this.options;
    try {
      const me = ZBotInfo.safeParse(await this.api.call('getMe'));
      const info = me.success ? me.data : {};
      logger.info({ zaloBot: info.account_name ?? info.display_name ?? null, zaloBotId: info.id ?? null }, 'Zalo bot token accepted');
    } catch (error) {
      if (error instanceof DeliveryError && error.code === 401) {
        throw new ConfigError('ZALO_BOT_TOKEN was refused by Zalo (401 Unauthorized): copy the token again from Zalo Bot Creator');
      }
      logger.warn({ err: error }, 'could not check the Zalo bot token with getMe; going on');
    }
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
    this.status = 'stopped';
  }

  /** Serves the webhook, when there is one, at its URL's path. */
  registerRoutes(http: FastifyInstance): void {
    const { webhook, logger } = this.options;
    if (!webhook) return;
    http.post(new URL(webhook.url).pathname, async (req, res) => {
      const header = req.headers['x-bot-api-secret-token'];
      if (!this.verifyWebhookSecret(typeof header === 'string' ? header : undefined)) {
        return res.code(401).send({ error: 'bad secret' });
      }
      try {
        await this.handleBody(req.body);
      } catch (error) {
        logger.warn({ err: error }, 'Zalo webhook update failed');
        return res.code(503).send({ error: 'try again' });
      }
      return res.send({ ok: true });
    });
  }

  verifyWebhookSecret(header: string | undefined): boolean {
    return verifyWebhookSecret(header, this.options.webhook?.secret);
  }

  /**
   * Handles a webhook body or a polled result; resolves once every update in it is stored, or
   * given up: an update that fails for itself (not for a database outage) throws, so it is
   * tried again, until it has failed a few times; then it is recorded for admins and let go.
   */
  async handleBody(body: unknown): Promise<void> {
    for (const raw of unwrapZaloUpdates(body)) {
      const work = this.handleOne(raw).catch(async (error: unknown) => {
        if (!(await this.options.core.giveUpOnFailure('zalo', zaloUpdateId(raw), error))) throw error;
      });
      this.inFlight.add(work);
      try {
        await work;
      } finally {
        this.inFlight.delete(work);
      }
    }
  }

  /** A person's photo as kept on arrival (or, when Zalo did not answer then, its link). */
  async downloadFile(fileRef: string): Promise<DownloadedFile | null> {
    const { photoHosts, allowHttpPhotos, loadStoredFile } = this.options;
    return loadKeptFile({ fileRef, allowedHosts: photoHosts, allowHttp: allowHttpPhotos ?? false, loadStoredFile });
  }

  private async handleOne(raw: unknown): Promise<void> {
    const update = normalizeZaloUpdate(raw);
    if (!update) return;
    const { db, photoHosts, allowHttpPhotos } = this.options;
    let input = await resolveNumberedChoice(db, { chatId: update.from.chatId, externalId: update.from.externalId, input: update.input });
    if (input.kind === 'photo' && !(await isUpdateProcessed(db, { channel: 'zalo', updateId: update.updateId }))) {
      input = await keepRemotePhoto(db, { input, allowedHosts: photoHosts, allowHttp: allowHttpPhotos ?? false, uploadedBy: `zalo:${update.from.externalId}`, quota: this.options.uploadQuota, now: this.options.clock.now() });
    }
    await this.options.core.handle({ ...update, input });
  }

  private async poll(): Promise<void> {
    const { logger } = this.options;
    let backoffMs = 500;
    while (!this.abort.signal.aborted) {
      let result: unknown;
      const timeout = this.options.pollTimeoutSeconds ?? 30;
      try {
        result = await this.api.call('getUpdates', { timeout: String(timeout) }, { timeoutMs: (timeout + 10) * 1000, signal: this.abort.signal });
        this.status = 'polling';
        backoffMs = 500;
      } catch (error) {
        if (this.abort.signal.aborted) break;
        // 408: the long poll ended with nothing to hand out.
        if (error instanceof DeliveryError && error.code === 408) {
          this.status = 'polling';
          continue;
        }
        this.status = 'error';
        logger.warn({ err: error }, 'Zalo getUpdates failed; retrying');
        await abortableSleep(backoffMs, this.abort.signal);
        backoffMs = Math.min(backoffMs * 2, 30_000);
        continue;
      }
      // Zalo will not hand this update out again: keep trying to store it while the
      // database is away, rather than drop it. One that fails for itself is given up by
      // handleBody after a few attempts (the bound here only guards against a loop).
      for (let attempt = 0; !this.abort.signal.aborted; attempt++) {
        try {
          await this.handleBody(result);
          break;
        } catch (error) {
          if (isDatabaseUnavailable(error)) logger.warn('database unavailable; holding the Zalo update');
          else if (attempt >= MAX_UPDATE_ATTEMPTS * 2) {
            logger.error({ err: error }, 'Zalo update failed and could not be recorded; dropped');
            break;
          }
          await abortableSleep(Math.min(500 * 2 ** attempt, 30_000), this.abort.signal);
        }
      }
    }
  }
}

/** On when ZALO_BOT_TOKEN is set; served by webhook when its URL and secret are, else polled. */
export const zaloChannel: ChannelFactory = {
  name: 'zalo',
  traits: ZALO_TRAITS,
  create: ({ config, core, db, clock, logger, loadStoredFile, pollTimeoutSeconds }) => {
    if (!config.ZALO_BOT_TOKEN) return undefined;
    const webhook = config.ZALO_WEBHOOK_URL && config.ZALO_WEBHOOK_SECRET ? { url: config.ZALO_WEBHOOK_URL, secret: config.ZALO_WEBHOOK_SECRET } : undefined;
    return new ZaloChannel({
      token: config.ZALO_BOT_TOKEN,
      apiRoot: config.ZALO_API_ROOT,
      core,
      db,
      logger,
      sendTimeoutMs: config.SEND_TIMEOUT_SECONDS * 1000,
      production: config.NODE_ENV === 'production',
      photoHosts: config.ZALO_PHOTO_HOSTS,
      // Only a test's local photo server is plain http.
      allowHttpPhotos: config.ZALO_PHOTO_HOSTS.every((host) => host === '127.0.0.1' || host === 'localhost'),
      loadStoredFile,
      uploadQuota: uploadQuotaOf(config),
      clock,
      ...(webhook ? { webhook } : {}),
      ...(pollTimeoutSeconds !== undefined ? { pollTimeoutSeconds } : {}),
    });
  },
};
