import { pruneDeliveredReplies } from './outbox/prune-delivered-replies.js';
import { pruneWebChatEntries } from './channels/web/prune-web-chat-entries.js';
import cron from 'node-cron';
import { BotCore } from './bot/bot-core.js';
import { ALL_CHANNELS, traitsOf } from './channels/all-channels.js';
import { loadStoredFile } from './files/load-stored-file.js';
import { queueStaffNotice } from './people/queue-staff-notice.js';
import type { Channel, DownloadChannelFile } from './channels/channel.js';
import { loadCampaigns } from './campaign/load-campaigns.js';
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
  /** The channels the config turned on, started. */
  channels: Channel[];
  outbox: OutboxDispatcher;
  jobs: JobRunner;
  /** The address the HTTP server listens on, e.g. http://127.0.0.1:3000. */
  url: string;
  stop(): Promise<void>;
  /** Runs the reminder and digest sweeps once, now. */
  runScheduler(): Promise<void>;
  /** Removes web uploads nothing refers to any more (hourly, and in tests); returns how many. */
  pruneFiles(): Promise<number>;
  /** What the hourly sweep removes of the chat's old messages (CHAT_HISTORY_DAYS); tests run it at once. */
  pruneChatHistory(): Promise<{ replies: number; entries: number }>;
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
  /**
   * Pending migrations are applied in a process of its own, which takes the schema engine's
   * memory with it (main.ts); tests that start many apps apply them in their own process.
   */
  migrateApart?: boolean;
}

/** Composition root: config → store → catalogue → core → channels. Used by main.ts and tests. */
export async function startApp({ config, logger, clock, sweepIntervalMs, pollTimeoutSeconds, jobStatusAfterMs, migrateApart }: StartAppOptions): Promise<App> {
  const target = parseDatabaseUrl(config.DATABASE_URL);
  const applied = await applyMigrations({ target, apart: migrateApart });
  if (applied.length) logger.info({ migrations: applied }, 'migrations applied');
  const database = await createDatabase(target);
  const { db } = database;
  const movedVisitors = await upgradeLegacyWebVisitors(db);
  if (movedVisitors) logger.info({ visitors: movedVisitors }, 'web visitors moved to public ids');

  const translator = createTranslator();
  const render = createRenderReply(translator, traitsOf);
  // Contacts moved to a successor unit by the file's lineage are told so in chat.
  const { directory: campaigns, loaded } = await loadCampaigns({ db, files: config.CAMPAIGN_FILE, clock, notify: { render, defaultLocale: config.DEFAULT_LOCALE } });
  for (const { code, changed } of loaded) logger.info({ campaign: code, reloaded: changed }, 'campaign ready');
  const unknownAdmins = await bootstrapAdmins(db, config.ADMINS, clock.now());
  // The entry itself is not logged: an old one may hold a visitor's cookie.
  if (unknownAdmins) logger.warn({ entries: unknownAdmins }, 'ADMINS names web visitor ids nobody has; use the id the web chat page shows');

  const settings: TurnSettings = { inviteTtlDays: config.INVITE_TTL_DAYS, wasteReportsPerHour: config.WASTE_REPORTS_PER_HOUR, unitResultReview: config.UNIT_RESULT_REVIEW };
  const outbox = new OutboxDispatcher({
    db,
    clock,
    logger: logger.child({ component: 'outbox' }),
    senders: [],
    traitsOf,
    leaseMs: config.OUTBOX_LEASE_SECONDS * 1000,
  });
  const jobs = new JobRunner({
    db,
    clock,
    logger: logger.child({ component: 'jobs' }),
    translator,
    render,
    outbox,
    jobs: ALL_JOBS,
    campaigns,
    defaultLocale: config.DEFAULT_LOCALE,
    ...(jobStatusAfterMs !== undefined ? { statusAfterMs: jobStatusAfterMs } : {}),
  });
  const core = new BotCore({
    db,
    clock,
    logger: logger.child({ component: 'core' }),
    translator,
    outbox,
    campaigns,
    defaultLocale: config.DEFAULT_LOCALE,
    conversationTtlHours: config.CONVERSATION_TTL_HOURS,
    settings,
    jobs,
    traitsOf,
  });

  const channels: Channel[] = [];
  const downloadChannelFile: DownloadChannelFile = async (name, fileRef) => (await channels.find((c) => c.name === name)?.downloadFile?.(fileRef)) ?? null;
  for (const factory of ALL_CHANNELS) {
    const channel = factory.create({
      config,
      core,
      db,
      campaigns,
      logger: logger.child({ component: factory.name }),
      settings,
      clock,
      downloadChannelFile,
      loadStoredFile: async (id) => (await loadStoredFile(db, { id }))?.data ?? null,
      alertAdmins: async (message, dedupeKey) => {
        const rows = await db.$transaction((tx) => queueStaffNotice(tx, { to: 'admins', reply: message, dedupeKey, render, defaultLocale: config.DEFAULT_LOCALE, now: clock.now() }));
        void outbox.deliverNow(rows).catch((error: unknown) => logger.warn({ err: error }, 'immediate delivery failed; the outbox sweep will retry'));
      },
      ...(pollTimeoutSeconds !== undefined ? { pollTimeoutSeconds } : {}),
    });
    if (!channel) continue;
    channels.push(channel);
    outbox.addSender(channel.sender);
  }
  const channelStatus = () => Object.fromEntries(ALL_CHANNELS.map(({ name }) => [name, channels.find((c) => c.name === name)?.status ?? 'off']));

  const http = await createHttpServer({
    db,
    logger,
    trustProxy: config.TRUST_PROXY,
    channelStatus,
    registerRoutes: async (server) => {
      for (const channel of channels) await channel.registerRoutes?.(server);
    },
  });
  const address = await http.listen({ port: config.PORT, host: config.HOST });
  const url = address.replace('0.0.0.0', '127.0.0.1');
  settings.webChatUrl = url;

  for (const channel of channels) await channel.start();
  outbox.start(sweepIntervalMs);
  await outbox.sweep();
  // Jobs left by a stop or a crash carry on.
  jobs.start();
  jobs.kick();
  const pruneFiles = () =>
    pruneOrphanFiles({ db, now: clock.now(), graceMs: config.WEB_UPLOAD_GRACE_MINUTES * 60_000, conversationTtlMs: config.CONVERSATION_TTL_HOURS * 3_600_000 });
  const schedulerDeps: SchedulerDeps = {
    db,
    clock,
    campaigns,
    render,
    defaultLocale: config.DEFAULT_LOCALE,
    logger: logger.child({ component: 'scheduler' }),
    outbox,
  };
  const scheduler = config.SCHEDULER_ENABLED ? startScheduler(schedulerDeps) : undefined;
  void scheduler?.runNow();

  /** Delivered replies and web chat entries older than CHAT_HISTORY_DAYS. */
  const pruneChatHistory = async () => {
    const before = new Date(clock.now().getTime() - config.CHAT_HISTORY_DAYS * 86_400_000);
    const replies = await pruneDeliveredReplies(db, { before });
    const entries = await pruneWebChatEntries(db, { before });
    if (replies || entries) logger.info({ replies, entries }, 'old chat history removed');
    return { replies, entries };
  };
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
    pruneChatHistory().catch((error: unknown) => logger.warn({ err: error }, 'pruning chat history failed'));
  });


  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await prune.stop();
      await scheduler?.stop();
      for (const channel of channels) await channel.stop();
      await http.close();
      await jobs.stop();
      await outbox.stop();
      await database.close();
    })());
  const runScheduler = () => runScheduledWork(schedulerDeps);
  const description = { url, database: describeDatabase(target), ...channelStatus() };
  return { description, database, core, http, channels, outbox, jobs, url, stop, runScheduler, pruneFiles, pruneChatHistory };
}
