import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import type { BotCore } from '../bot/bot-core.js';
import { isDatabaseUnavailable } from '../bot/is-database-unavailable.js';
import { registerWebChatRoutes } from '../channels/web/web-chat-routes.js';
import type { TelegramChannel } from '../channels/telegram/telegram-channel.js';
import type { ZaloChannel } from '../channels/zalo/zalo-channel.js';
import type { Logger } from '../logger.js';
import type { Db } from '../store/db.js';
import type { TLocale } from '../domain/locale.js';
import type { WebUploadLimits } from '../channels/web/store-upload.js';

export interface HttpServerOptions {
  core: BotCore;
  db: Db;
  defaultLocale: TLocale;
  logger: Logger;
  telegram?: TelegramChannel;
  /** Where the webhook is served; derived from TELEGRAM_WEBHOOK_URL's path. */
  telegramWebhookPath?: string;
  zalo?: ZaloChannel;
  zaloWebhookPath?: string;
  uploads: WebUploadLimits;
}

export async function createHttpServer({ core, db, defaultLocale, logger, telegram, telegramWebhookPath, zalo, zaloWebhookPath, uploads }: HttpServerOptions): Promise<FastifyInstance> {
  // Fastify's own logging is off: requests are logged by the handlers that matter, through
  // the scrubbing logger.
  const app: FastifyInstance = Fastify({ logger: false, bodyLimit: 1_048_576 });
  await app.register(cookie);

  app.get('/healthz', async (_req, res) => {
    let database = 'ok';
    try {
      await db.$queryRawUnsafe('SELECT 1');
    } catch {
      database = 'unavailable';
    }
    const channels = { web: 'on', telegram: telegram ? telegram.status : 'off', zalo: zalo ? zalo.status : 'off' };
    const ok = database === 'ok' && channels.telegram !== 'error' && channels.zalo !== 'error';
    return res.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', database, channels });
  });

  registerWebChatRoutes(app, {
    core,
    db,
    defaultLocale,
    uploads,
    downloadChannelFile: async (channel, fileRef) => (channel === 'telegram' && telegram ? telegram.downloadFile(fileRef) : null),
  });

  if (telegram && telegramWebhookPath) {
    app.post(telegramWebhookPath, async (req, res) => {
      const header = req.headers['x-telegram-bot-api-secret-token'];
      if (!telegram.verifyWebhookSecret(typeof header === 'string' ? header : undefined)) {
        return res.code(401).send({ error: 'bad secret' });
      }
      const body = req.body as { update_id?: unknown } | null;
      if (!body || typeof body.update_id !== 'number') return res.code(400).send({ error: 'not an update' });
      try {
        await telegram.handleUpdate(body as never);
      } catch (error) {
        // A non-2xx answer makes Telegram deliver the update again later.
        const unavailable = isDatabaseUnavailable(error);
        logger.warn({ err: error, updateId: body.update_id }, unavailable ? 'database unavailable' : 'webhook update failed');
        return res.code(503).send({ error: 'try again' });
      }
      return res.send({ ok: true });
    });
  }

  if (zalo && zaloWebhookPath) {
    app.post(zaloWebhookPath, async (req, res) => {
      const header = req.headers['x-bot-api-secret-token'];
      if (!zalo.verifyWebhookSecret(typeof header === 'string' ? header : undefined)) {
        return res.code(401).send({ error: 'bad secret' });
      }
      try {
        await zalo.handleBody(req.body);
      } catch (error) {
        logger.warn({ err: error }, 'Zalo webhook update failed');
        return res.code(503).send({ error: 'try again' });
      }
      return res.send({ ok: true });
    });
  }

  app.setErrorHandler((error, _req, res) => {
    const unavailable = isDatabaseUnavailable(error);
    logger.error({ err: error }, 'request failed');
    res.code(unavailable ? 503 : 500).send({ error: unavailable ? 'database unavailable, try again' : 'internal error' });
  });
  return app;
}
