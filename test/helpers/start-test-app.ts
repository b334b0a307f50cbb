import { ZaloOaChannel } from '../../src/channels/zalo-oa/zalo-oa-channel.js';
import { startApp, type App } from '../../src/app.js';
import { TelegramChannel } from '../../src/channels/telegram/telegram-channel.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { systemClock, type Clock } from '../../src/clock.js';
import type { FakeTelegramApi } from './fake-telegram-api.js';
import { captureLog, registerSecretsOf } from './log-capture.js';

export interface TestApp extends App {
  logs: string[];
}

export interface StartTestAppOptions {
  databaseUrl: string;
  telegram?: FakeTelegramApi;
  clock?: Clock;
  env?: Record<string, string>;
  /** Show a job's progress message after this long (the default is two seconds). */
  jobStatusAfterMs?: number;
}

/** The real application, on a free port, with logs collected for assertions. */
export async function startTestApp({ databaseUrl, telegram, clock, env, jobStatusAfterMs }: StartTestAppOptions): Promise<TestApp> {
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    // Reminders follow the real calendar; tests that are not about them keep them off.
    SCHEDULER_ENABLED: 'false',
    ...(telegram ? { TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.url } : {}),
    ...env,
  });
  registerSecretsOf(config);
  const logs: string[] = [];
  const logger = createLogger({
    level: 'info',
    secrets: [config.TELEGRAM_BOT_TOKEN ?? ''].filter(Boolean),
    destination: {
      write: (line) => {
        logs.push(line);
        captureLog(line);
      },
    },
  });
  const app = await startApp({ config, logger, clock: clock ?? systemClock, sweepIntervalMs: 200, pollTimeoutSeconds: 1, ...(jobStatusAfterMs !== undefined ? { jobStatusAfterMs } : {}) });
  return Object.assign(app, { logs });
}

/** The app's Telegram channel, to hand it updates directly. */
export function zaloOaOf(app: App): ZaloOaChannel {
  const channel = app.channels.find((c) => c instanceof ZaloOaChannel);
  if (!channel) throw new Error('the Zalo OA is not on: start the app with a fake OA API');
  return channel;
}

export function telegramOf(app: App): TelegramChannel {
  const channel = app.channels.find((c) => c instanceof TelegramChannel);
  if (!channel) throw new Error('Telegram is not on: start the app with a fake Telegram API');
  return channel;
}
