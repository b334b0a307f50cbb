import { existsSync } from 'node:fs';
import { startApp, type App } from './app.js';
import { systemClock } from './clock.js';
import { loadConfig } from './config.js';
import { CampaignFileError, ConfigError } from './errors.js';
import { createLogger } from './logger.js';

if (existsSync('.env')) process.loadEnvFile('.env');

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const secrets = [config.TELEGRAM_BOT_TOKEN, config.TELEGRAM_WEBHOOK_SECRET, config.ZALO_BOT_TOKEN, config.ZALO_WEBHOOK_SECRET, config.ZALO_OA_APP_SECRET, config.ZALO_OA_SECRET_KEY].filter((s): s is string => Boolean(s));
const dbPassword = /^postgres/.test(config.DATABASE_URL) ? decodeURIComponent(new URL(config.DATABASE_URL).password) : '';
if (dbPassword) secrets.push(dbPassword);
const fixedSecrets = secrets.length;
// A person at a terminal reads lines; a supervisor or a log shipper wants JSON. pino-pretty
// loads only for the terminal, so a server's start-up does not pay for it.
const destination = process.stdout.isTTY ? (await import('pino-pretty')).default({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' }) : undefined;
const logger = createLogger({ level: config.LOG_LEVEL, secrets, destination });

// Handlers go in before start-up: a stop requested while starting waits for the start to
// finish, then stops cleanly, instead of killing the process half-way.
let app: App | undefined;
let stopRequested: string | undefined;
const shutdown = (signal: string) => {
  if (!app) {
    stopRequested = signal;
    return;
  }
  logger.info({ signal }, 'stopping: finishing work in flight');
  app
    .stop()
    .then(() => {
      logger.info('stopped');
      process.exit(0);
    })
    .catch((error: unknown) => {
      logger.error({ err: error }, 'unclean stop');
      process.exit(1);
    });
};
process.once('SIGINT', () => shutdown('SIGINT'));
process.once('SIGTERM', () => shutdown('SIGTERM'));

try {
  app = await startApp({ config, logger, clock: systemClock, migrateApart: true });
  // Tokens a channel renews while the bot runs join the scrubbed secrets.
  const live = new Map<string, readonly string[]>();
  for (const channel of app.channels) {
    channel.watchSecrets?.((current) => {
      live.set(channel.name, current);
      secrets.splice(fixedSecrets, Infinity, ...[...live.values()].flat());
    });
  }
  logger.info(app.description, 'Thi Đua Bot is ready');
  if (stopRequested) shutdown(stopRequested);
} catch (error) {
  if (error instanceof CampaignFileError || error instanceof ConfigError) {
    logger.fatal(error.message);
  } else if (isPortInUse(error)) {
    logger.fatal(`Port ${config.PORT} on ${config.HOST} is already in use: stop the other process (an earlier bot still running?) or set PORT to a free port.`);
  } else {
    logger.fatal({ err: error }, 'start-up failed');
  }
  process.exit(1);
}

function isPortInUse(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EADDRINUSE';
}
