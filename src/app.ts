import { TELEGRAM_TRAITS } from './channels/telegram/telegram-traits.js';
import { WEB_TRAITS } from './channels/web/web-traits.js';
import { ZALO_TRAITS } from './channels/zalo/zalo-traits.js';
import { ZALO_OA_TRAITS } from './channels/zalo-oa/zalo-oa-traits.js';
import { ZaloOaChannel } from './channels/zalo-oa/zalo-oa-channel.js';
import { queueAdminAlert } from './channels/zalo-oa/queue-admin-alert.js';
import cron from 'node-cron';
import { BotCore } from './bot/bot-core.js';
import { TelegramChannel } from './channels/telegram/telegram-channel.js';
import { WebSender } from './channels/web/web-sender.js';
import { WebChatNotifier } from './channels/web/web-chat-notifier.js';
import { ZaloChannel } from './channels/zalo/zalo-channel.js';
import { loadCampaign } from './campaign/load-campaign.js';
import { readCampaignFile } from './campaign/read-campaign-file.js';
import type { Clock } from './clock.js';
import type { TConfig } from './config.js';
import { createHttpServer } from './http/create-http-server.js';
import { createTranslator } from './i18n/create-translator.js';
import type { Logger } from './logger.js';
import { ALL_JOBS } from './jobs/all-jobs.js';
import { JobRunner } from './jobs/job-runner.js';
import { OutboxDispatcher } from './outbox/outbox-dispatcher.js';
import { createRenderReply } from './outbox/render-reply.js';
import { runScheduledWork, startScheduler, type SchedulerDeps } from './scheduler/start-scheduler.js';
import { upgradeLegacyWebVisitors } from './channels/web/upgrade-legacy-web-visitors.js';
import { pruneOrphanFiles } from './files/prune-orphan-files.js';
import type { WebUploadLimits } from './channels/web/store-upload.js';
import { bootstrapAdmins } from './people/bootstrap-admins.js';
import { applyMigrations } from './store/apply-migrations.js';
import { createDatabase, type Database } from './store/create-database.js';
import { describeDatabase, parseDatabaseUrl } from './store/database-target.js';
import type { FastifyInstance } from 'fastify';
import type { TurnSettings } from './core/turn-context.js';

export interface App {
  /** What the app runs on, for the start-up log line. */
  description: Record<string, string>;
  database: Database;
  core: BotCore;
  http: FastifyInstance;
  telegram?: TelegramChannel;
  zalo?: ZaloChannel;
  zaloOa?: ZaloOaChannel;
  outbox: OutboxDispatcher;
  jobs: JobRunner;
  /** The address the HTTP server listens on, e.g. http://127.0.0.1:3000. */
  url: string;
  stop(): Promise<void>;
  /** Runs the reminder and digest sweeps once, now. */
  runScheduler(): Promise<void>;
  /** Removes web uploads nothing refers to any more (hourly, and in tests); returns how many. */
  pruneFiles(): Promise<number>;
}

export interface StartAppOptions {
  config: TConfig;
  logger: Logger;
  clock: Clock;
  /** Outbox sweep period; tests shorten it. */
  sweepIntervalMs?: number;
  pollTimeoutSeconds?: number;
  /** How long a job runs before its progress is shown as an edited message; tests shorten it. */
  jobStatusAfterMs?: number;
}

/** Composition root: config → store → catalogue → core → channels. Used by main.ts and tests. */
export async function startApp({ config, logger, clock, sweepIntervalMs, pollTimeoutSeconds, jobStatusAfterMs }: StartAppOptions): Promise<App> {
  const target = parseDatabaseUrl(config.DATABASE_URL);
  const applied = await applyMigrations({ target });
  if (applied.length) logger.info({ migrations: applied }, 'migrations applied');
  const database = await createDatabase(target);
  const { db } = database;
  const movedVisitors = await upgradeLegacyWebVisitors(db);
  if (movedVisitors) logger.info({ visitors: movedVisitors }, 'web visitors moved to public ids');

  const source = readCampaignFile(config.CAMPAIGN_FILE);
  const campaign = await loadCampaign({ db, source, clock });
  logger.info({ campaign: source.campaign.code, reloaded: campaign.changed }, 'campaign ready');
  const unknownAdmins = await bootstrapAdmins(db, config.ADMINS, clock.now());
  // The entry itself is not logged: an old one may hold a visitor's cookie.
  if (unknownAdmins) logger.warn({ entries: unknownAdmins }, 'ADMINS names web visitor ids nobody has; use the id the web chat page shows');

  const settings: TurnSettings = { inviteTtlDays: config.INVITE_TTL_DAYS, wasteReportsPerHour: config.WASTE_REPORTS_PER_HOUR, unitResultReview: config.UNIT_RESULT_REVIEW };
  const webNotifier = new WebChatNotifier();
  const outbox = new OutboxDispatcher({
    db,
    clock,
    logger: logger.child({ component: 'outbox' }),
    senders: [new WebSender(webNotifier)],
    leaseMs: config.OUTBOX_LEASE_SECONDS * 1000,
  });
  const translator = createTranslator();
  const render = createRenderReply(translator);
  const jobs = new JobRunner({
    db,
    clock,
    logger: logger.child({ component: 'jobs' }),
    translator,
    render,
    outbox,
    jobs: ALL_JOBS,
    campaignId: campaign.campaignId,
    defaultLocale: config.DEFAULT_LOCALE,
    ...(jobStatusAfterMs !== undefined ? { statusAfterMs: jobStatusAfterMs } : {}),
  });
  const core = new BotCore({
    db,
    clock,
    logger: logger.child({ component: 'core' }),
    translator,
    outbox,
    campaignId: campaign.campaignId,
    defaultLocale: config.DEFAULT_LOCALE,
    conversationTtlHours: config.CONVERSATION_TTL_HOURS,
    settings,
    jobs,
    traitsOf: (channel) => ({ telegram: TELEGRAM_TRAITS, zalo: ZALO_TRAITS, web: WEB_TRAITS, zalo_oa: ZALO_OA_TRAITS })[channel],
  });

  let telegram: TelegramChannel | undefined;
  let webhookPath: string | undefined;
  if (config.TELEGRAM_BOT_TOKEN) {
    const webhook =
      config.TELEGRAM_WEBHOOK_URL && config.TELEGRAM_WEBHOOK_SECRET
        ? { url: config.TELEGRAM_WEBHOOK_URL, secret: config.TELEGRAM_WEBHOOK_SECRET }
        : undefined;
    webhookPath = webhook ? new URL(webhook.url).pathname : undefined;
    telegram = new TelegramChannel({
      token: config.TELEGRAM_BOT_TOKEN,
      apiRoot: config.TELEGRAM_API_ROOT,
      core,
      logger: logger.child({ component: 'telegram' }),
      sendTimeoutMs: config.SEND_TIMEOUT_SECONDS * 1000,
      loadStoredFile: async (id) => {
        const file = await db.storedFile.findUnique({ where: { id } });
        return file ? Buffer.from(file.data) : null;
      },
      ...(webhook ? { webhook } : {}),
      ...(pollTimeoutSeconds !== undefined ? { pollTimeoutSeconds } : {}),
    });
    outbox.addSender(telegram.sender);
  }

  let zalo: ZaloChannel | undefined;
  let zaloWebhookPath: string | undefined;
  if (config.ZALO_BOT_TOKEN) {
    const webhook = config.ZALO_WEBHOOK_URL && config.ZALO_WEBHOOK_SECRET ? { url: config.ZALO_WEBHOOK_URL, secret: config.ZALO_WEBHOOK_SECRET } : undefined;
    zaloWebhookPath = webhook ? new URL(webhook.url).pathname : undefined;
    zalo = new ZaloChannel({
      token: config.ZALO_BOT_TOKEN,
      apiRoot: config.ZALO_API_ROOT,
      core,
      db,
      logger: logger.child({ component: 'zalo' }),
      sendTimeoutMs: config.SEND_TIMEOUT_SECONDS * 1000,
      production: config.NODE_ENV === 'production',
      ...(webhook ? { webhook } : {}),
      ...(pollTimeoutSeconds !== undefined ? { pollTimeoutSeconds } : {}),
    });
    outbox.addSender(zalo.sender);
  }

  // --- Zalo Official Account (a Channel: constructed, routes, sender, start/stop) ---
  let zaloOa: ZaloOaChannel | undefined;
  if (config.ZALO_OA_APP_ID && config.ZALO_OA_APP_SECRET && config.ZALO_OA_SECRET_KEY) {
    zaloOa = new ZaloOaChannel({
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
      logger: logger.child({ component: 'zalo_oa' }),
      sendTimeoutMs: config.SEND_TIMEOUT_SECONDS * 1000,
      loadStoredFile: async (id) => {
        const file = await db.storedFile.findUnique({ where: { id } });
        return file ? Buffer.from(file.data) : null;
      },
      alertAdmins: async (problem) => {
        const now = clock.now();
        const rows = await db.$transaction((tx) =>
          queueAdminAlert(tx, { reply: { lines: [{ key: 'zaloOa.tokenFailed', params: { problem } }] }, dedupeKey: `zalo-oa-token:${now.toISOString().slice(0, 13)}`, render, defaultLocale: config.DEFAULT_LOCALE, now }),
        );
        void outbox.deliverNow(rows).catch((error: unknown) => logger.warn({ err: error }, 'immediate delivery failed; the outbox sweep will retry'));
      },
    });
    outbox.addSender(zaloOa.sender);
  }
  // --- end Zalo Official Account ---

  const uploads: WebUploadLimits = {
    visitorBytesPerDay: config.WEB_UPLOAD_MB_PER_VISITOR_DAY * 1024 * 1024,
    totalBytes: config.WEB_UPLOAD_TOTAL_MB * 1024 * 1024,
    concurrent: config.WEB_UPLOADS_AT_ONCE,
    graceMs: config.WEB_UPLOAD_GRACE_MINUTES * 60_000,
  };
  const http = await createHttpServer({
    core,
    db,
    defaultLocale: config.DEFAULT_LOCALE,
    logger,
    uploads,
    webNotifier,
    ...(telegram ? { telegram } : {}),
    ...(webhookPath ? { telegramWebhookPath: webhookPath } : {}),
    ...(zalo ? { zalo } : {}),
    ...(zaloWebhookPath ? { zaloWebhookPath } : {}),
    trustProxy: config.TRUST_PROXY,
    webLimits: {
      requestsPerMinute: config.WEB_REQUESTS_PER_MINUTE,
      messagesPerMinute: config.WEB_MESSAGES_PER_MINUTE,
      newVisitorsPerHour: config.WEB_NEW_VISITORS_PER_HOUR,
    },
  });
  await zaloOa?.registerRoutes(http);
  const address = await http.listen({ port: config.PORT, host: config.HOST });
  const url = address.replace('0.0.0.0', '127.0.0.1');
  settings.webChatUrl = url;

  if (telegram) {
    await telegram.start();
    if (telegram.username) settings.telegramBotUsername = telegram.username;
  }
  await zalo?.start();
  await zaloOa?.start();
  outbox.start(sweepIntervalMs);
  await outbox.sweep();
  // Jobs left by a stop or a crash carry on.
  jobs.start();
  jobs.kick();
  const pruneFiles = () =>
    pruneOrphanFiles({ db, now: clock.now(), graceMs: uploads.graceMs, conversationTtlMs: config.CONVERSATION_TTL_HOURS * 3_600_000 });
  const schedulerDeps: SchedulerDeps = {
    db,
    clock,
    campaignId: campaign.campaignId,
    render,
    defaultLocale: config.DEFAULT_LOCALE,
    logger: logger.child({ component: 'scheduler' }),
    outbox,
  };
  const scheduler = config.SCHEDULER_ENABLED ? startScheduler(schedulerDeps) : undefined;
  void scheduler?.runNow();

  // Processed update ids only need to outlive the platforms' re-delivery window.
  const prune = cron.schedule('17 * * * *', () => {
    db.processedUpdate
      .deleteMany({ where: { processedAt: { lt: new Date(clock.now().getTime() - 7 * 86_400_000) } } })
      .catch((error: unknown) => logger.warn({ err: error }, 'pruning processed updates failed'));
    // Here rather than in the per-minute scheduler: it reads every kept upload, and it must
    // run when reminders are turned off too.
    pruneFiles()
      .then((removed) => removed && logger.info({ removed }, 'orphan uploads removed'))
      .catch((error: unknown) => logger.warn({ err: error }, 'pruning orphan uploads failed'));
  });


  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await prune.stop();
      await scheduler?.stop();
      await telegram?.stop();
      await zalo?.stop();
      await zaloOa?.stop();
      await http.close();
      await jobs.stop();
      await outbox.stop();
      await database.close();
    })());
  const runScheduler = () => runScheduledWork(schedulerDeps);
  const description = { url, database: describeDatabase(target), telegram: telegram?.status ?? 'off', zalo: zalo?.status ?? 'off', zaloOa: zaloOa?.status ?? 'off' };
  return { description, database, core, http, ...(telegram ? { telegram } : {}), ...(zalo ? { zalo } : {}), ...(zaloOa ? { zaloOa } : {}), outbox, jobs, url, stop, runScheduler, pruneFiles };
}
