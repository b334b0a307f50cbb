import { Telegraf } from 'telegraf';
import type { FastifyInstance } from 'fastify';
import type { Update } from 'telegraf/types';
import { z } from 'zod';
import type { BotCore } from '../../bot/bot-core.js';
import type { TurnSettings } from '../../core/turn-context.js';
import type { Channel, ChannelFactory, DownloadedFile } from '../channel.js';
import { abortableSleep } from '../abortable-sleep.js';
import { verifyWebhookSecret } from '../verify-webhook-secret.js';
import { isDatabaseUnavailable } from '../../bot/is-database-unavailable.js';
import type { Logger } from '../../logger.js';
import { normalizeTelegramUpdate } from './normalize-telegram-update.js';
import { checkTelegramDocument } from './check-telegram-document.js';
import { TelegramSender, type LoadStoredFile } from './telegram-sender.js';
import { groupBy } from '../../group-by.js';
import { MAX_DOCUMENT_BYTES } from '../../domain/file-types.js';
import { readCapped } from '../read-capped.js';
import { limitCallTime } from './limit-call-time.js';
import { TELEGRAM_TRAITS } from './telegram-traits.js';

export interface TelegramChannelOptions {
  token: string;
  apiRoot: string;
  core: BotCore;
  logger: Logger;
  webhook?: { url: string; secret: string };
  loadStoredFile?: LoadStoredFile;
  sendTimeoutMs?: number;
  /** Long-polling timeout in seconds; tests use a short one. */
  pollTimeoutSeconds?: number;
  /** Given the bot's username once known, so invites can be links. */
  settings?: TurnSettings;
}

// Only the envelope is checked here; telegraf and the normaliser read the rest defensively.
const ZUpdates = z.array(z.looseObject({ update_id: z.number().int() }));

export type TelegramStatus = 'starting' | 'polling' | 'webhook' | 'error' | 'stopped';

/**
 * The Telegram edge: telegraf turns raw updates into contexts, and everything else is the
 * bot core's. Polling is our own loop rather than telegraf's, because telegraf moves its
 * offset past an update even when handling it failed; here an update that could not be
 * stored (database down) is fetched again.
 */
export class TelegramChannel implements Channel {
  readonly name = 'telegram' as const;
  readonly traits = TELEGRAM_TRAITS;
  readonly bot: Telegraf;
  readonly sender: TelegramSender;
  status: TelegramStatus = 'starting';
  username: string | undefined;
  private abort = new AbortController();
  private loop: Promise<void> | undefined;
  private inFlight = new Set<Promise<unknown>>();
  /** Updates whose button press the webhook's own answer acknowledges (see registerRoutes). */
  private readonly answeredInReply = new WeakSet<object>();

  constructor(private readonly options: TelegramChannelOptions) {
    this.bot = new Telegraf(options.token, { telegram: { apiRoot: options.apiRoot, webhookReply: false }, handlerTimeout: 120_000 });
    limitCallTime(this.bot.telegram, options.sendTimeoutMs ?? 30_000);
    this.sender = new TelegramSender(this.bot.telegram, options.loadStoredFile);
    // telegraf's default handler sets process.exitCode; errors belong to our caller instead.
    this.bot.catch((error) => {
      throw error;
    });
    this.bot.use(async (ctx) => {
      const update = normalizeTelegramUpdate(ctx.update);
      if (ctx.callbackQuery && !this.answeredInReply.has(ctx.update)) {
        // Stops the button's spinner at once; losing this answer only costs a spinner. Through
        // the bot's own client: the context's is a fresh one without a deadline.
        this.bot.telegram.answerCbQuery(ctx.callbackQuery.id).catch(() => {});
      }
      if (!update) return;
      await options.core.handle({ ...update, input: await checkTelegramDocument((fileId, maxBytes) => this.readFile(fileId, maxBytes), update.input) });
    });
  }

  async start(): Promise<void> {
    try {
      const me = await this.bot.telegram.getMe();
      this.username = me.username;
      if (this.options.settings && me.username) this.options.settings.telegramBotUsername = me.username;
      // Otherwise telegraf asks again at the first update, which a network blip would fail.
      this.bot.botInfo = me;
    } catch (error) {
      this.options.logger.warn({ err: error }, 'Telegram getMe failed; invite links will show the code only');
    }
    if (this.options.webhook) {
      await this.bot.telegram.setWebhook(this.options.webhook.url, {
        secret_token: this.options.webhook.secret,
        allowed_updates: ['message', 'callback_query'],
      });
      this.status = 'webhook';
      return;
    }
    await this.bot.telegram.deleteWebhook({ drop_pending_updates: false }).catch(() => {});
    this.status = 'polling';
    this.loop = this.poll();
  }

  /** Serves the webhook, when there is one, at its URL's path. */
  registerRoutes(http: FastifyInstance): void {
    const { webhook, logger } = this.options;
    if (!webhook) return;
    http.post(new URL(webhook.url).pathname, async (req, res) => {
      const header = req.headers['x-telegram-bot-api-secret-token'];
      if (!this.verifyWebhookSecret(typeof header === 'string' ? header : undefined)) {
        return res.code(401).send({ error: 'bad secret' });
      }
      const body = req.body as { update_id?: unknown; callback_query?: { id?: unknown } } | null;
      if (!body || typeof body.update_id !== 'number') return res.code(400).send({ error: 'not an update' });
      // A button press is acknowledged in the answer to the webhook, as Telegram allows: one
      // request to the Bot API fewer for every press. The spinner then stops once the turn is
      // stored, after any wait for a free turn, rather than at once. When storing fails (503),
      // Telegram sends the press again and the answer to that acknowledges it.
      const callbackId = typeof body.callback_query?.id === 'string' ? body.callback_query.id : undefined;
      if (callbackId) this.answeredInReply.add(body);
      try {
        await this.handleUpdate(body as never);
      } catch (error) {
        // A non-2xx answer makes Telegram deliver the update again later.
        const unavailable = isDatabaseUnavailable(error);
        logger.warn({ err: error, updateId: body.update_id }, unavailable ? 'database unavailable' : 'webhook update failed');
        return res.code(503).send({ error: 'try again' });
      }
      return res.send(callbackId ? { method: 'answerCallbackQuery', callback_query_id: callbackId } : { ok: true });
    });
  }

  /** Handles one update; resolves only once it is stored, so callers may acknowledge it. */
  async handleUpdate(update: Update): Promise<void> {
    const work = this.handleOrGiveUp(update);
    this.inFlight.add(work);
    try {
      await work;
    } finally {
      this.inFlight.delete(work);
    }
  }

  /**
   * An update that fails for itself (not for a database outage) is tried again a few times
   * (the poll offset stays, or the webhook answers 503), then given up: it is recorded for
   * admins and acknowledged, so it does not hold its chat for ever.
   */
  private async handleOrGiveUp(update: Update): Promise<void> {
    try {
      await this.bot.handleUpdate(update);
    } catch (error) {
      if (!(await this.options.core.giveUpOnFailure('telegram', String(update.update_id), error))) throw error;
    }
  }

  /**
   * Downloads a file a Telegram user sent, for showing it elsewhere (the web chat). Never more
   * than a document may weigh: a longer file is an error, not a buffer.
   */
  async downloadFile(fileId: string): Promise<DownloadedFile> {
    const link = await this.bot.telegram.getFileLink(fileId);
    const res = await fetch(link, { signal: AbortSignal.timeout(this.options.sendTimeoutMs ?? 30_000) });
    if (!res.ok) throw new Error(`Telegram file download failed with ${res.status}`);
    return { data: await readCapped(res, MAX_DOCUMENT_BYTES) };
  }

  /** The first `maxBytes` of a file, to recognise it by its bytes. */
  async readFile(fileId: string, maxBytes: number): Promise<Buffer> {
    const link = await this.bot.telegram.getFileLink(fileId);
    const res = await fetch(link, { headers: { range: `bytes=0-${maxBytes - 1}` }, signal: AbortSignal.timeout(this.options.sendTimeoutMs ?? 30_000) });
    if (!res.ok) throw new Error(`Telegram file download failed with ${res.status}`);
    return readCapped(res, maxBytes, { truncate: true });
  }

  /** Checks the webhook's secret header in constant time. */
  verifyWebhookSecret(header: string | undefined): boolean {
    return verifyWebhookSecret(header, this.options.webhook?.secret);
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
    this.status = 'stopped';
  }

  private async poll(): Promise<void> {
    const { logger } = this.options;
    let offset = 0;
    let backoffMs = 500;
    while (!this.abort.signal.aborted) {
      let updates: Update[];
      try {
        const result: unknown = await this.bot.telegram.callApi(
          'getUpdates',
          { offset, timeout: this.options.pollTimeoutSeconds ?? 25, allowed_updates: ['message', 'callback_query'] },
          // telegraf types its signal with the abort-controller polyfill; Node's is compatible.
          { signal: this.abort.signal as never },
        );
        updates = ZUpdates.parse(result) as unknown as Update[];
        this.status = 'polling';
        backoffMs = 500;
      } catch (error) {
        if (this.abort.signal.aborted) break;
        this.status = 'error';
        logger.warn({ err: error }, 'getUpdates failed; retrying');
        await abortableSleep(backoffMs, this.abort.signal);
        backoffMs = Math.min(backoffMs * 2, 30_000);
        continue;
      }
      const failedAt = await this.handleBatch(updates);
      if (failedAt === null) {
        if (updates.length) offset = updates[updates.length - 1]!.update_id + 1;
      } else {
        // Fetch again from the first update that could not be stored; the ones after it
        // that were stored are recognised as duplicates.
        offset = failedAt;
        await abortableSleep(backoffMs, this.abort.signal);
        backoffMs = Math.min(backoffMs * 2, 30_000);
      }
    }
  }

  /** Each chat's updates in order, different chats side by side. Returns the first failed id. */
  private async handleBatch(updates: Update[]): Promise<number | null> {
    const byChat = groupBy(updates, chatKey);
    const failures: number[] = [];
    await Promise.all(
      [...byChat.values()].map(async (queue) => {
        for (const update of queue) {
          try {
            await this.handleUpdate(update);
          } catch (error) {
            if (isDatabaseUnavailable(error)) this.options.logger.warn({ updateId: update.update_id }, 'database unavailable; update will be fetched again');
            else this.options.logger.error({ err: error, updateId: update.update_id }, 'update failed');
            failures.push(update.update_id);
            return;
          }
        }
      }),
    );
    return failures.length ? Math.min(...failures) : null;
  }
}

function chatKey(update: Update): string {
  if ('message' in update) return String(update.message.chat.id);
  if ('callback_query' in update) return String(update.callback_query.from.id);
  return 'other';
}

/** On when TELEGRAM_BOT_TOKEN is set; served by webhook when its URL and secret are, else polled. */
export const telegramChannel: ChannelFactory = {
  name: 'telegram',
  traits: TELEGRAM_TRAITS,
  create: ({ config, core, logger, settings, loadStoredFile, pollTimeoutSeconds }) => {
    if (!config.TELEGRAM_BOT_TOKEN) return undefined;
    const webhook =
      config.TELEGRAM_WEBHOOK_URL && config.TELEGRAM_WEBHOOK_SECRET ? { url: config.TELEGRAM_WEBHOOK_URL, secret: config.TELEGRAM_WEBHOOK_SECRET } : undefined;
    return new TelegramChannel({
      token: config.TELEGRAM_BOT_TOKEN,
      apiRoot: config.TELEGRAM_API_ROOT,
      core,
      logger,
      settings,
      sendTimeoutMs: config.SEND_TIMEOUT_SECONDS * 1000,
      loadStoredFile,
      ...(webhook ? { webhook } : {}),
      ...(pollTimeoutSeconds !== undefined ? { pollTimeoutSeconds } : {}),
    });
  },
};
