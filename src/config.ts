import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ZChannel, type TChannel } from './domain/channel.js';
import { ConfigError } from './errors.js';

/** The folder of package.json: data files live there whether the code runs from src/ or dist/. */
export const PROJECT_ROOT = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
export const DEFAULT_CAMPAIGN_FILE = path.join(PROJECT_ROOT, 'prisma', 'campaigns', 'dak-nong-2022-2030.json');

// .env files leave unset values as empty strings; treat those as "not given".
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

/** Zalo's image hosts, where the photos people send on Zalo are served from (a list by commas). */
const zaloHosts = optional(z.string().regex(/^[a-z0-9.-]+(,[a-z0-9.-]+)*$/, { message: 'expected host names separated by commas' })).transform(
  (v) => (v ?? 'zdn.vn,zadn.vn,zalo.me,zaloapp.com').split(','),
);

const ZAdminEntry = z
  .string()
  .regex(new RegExp(`^(${ZChannel.options.join('|')}):[A-Za-z0-9_.@-]+$`))
  .transform((entry) => {
    const [channel, ...rest] = entry.split(':');
    return { channel: channel as TChannel, externalId: rest.join(':') };
  });

export const ZEnv = z
  .object({
    DATABASE_URL: optional(
      z
        .string()
        .refine((v) => v.startsWith('file:') || /^postgres(ql)?:\/\//.test(v), {
          message: 'expected file:<path> for SQLite or postgresql://user:password@host:5432/db for PostgreSQL',
        })
        // Checked here, where the message can leave the URL (and its password) out; read later,
        // a malformed URL made Node print it whole.
        .refine((v) => v.startsWith('file:') || URL.canParse(v), {
          message: 'not a valid PostgreSQL URL (a special character in the password must be percent-encoded, e.g. @ as %40)',
        }),
    ).transform((v) => v ?? 'file:./data/thidua.db'),
    TELEGRAM_BOT_TOKEN: optional(
      z.string().regex(/^\d+:[A-Za-z0-9_-]{20,}$/, { message: 'expected the token from @BotFather, like 123456:ABC-DEF…' }),
    ),
    TELEGRAM_API_ROOT: optional(z.url({ message: 'expected a URL such as https://api.telegram.org' })).transform(
      (v) => (v ?? 'https://api.telegram.org').replace(/\/+$/, ''),
    ),
    TELEGRAM_WEBHOOK_URL: optional(z.url({ message: 'expected the public https URL Telegram should post updates to' })),
    TELEGRAM_WEBHOOK_SECRET: optional(
      z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, { message: 'expected 16–256 characters of A-Z, a-z, 0-9, _ and -' }),
    ),
    ZALO_BOT_TOKEN: optional(z.string().regex(/^[A-Za-z0-9:_-]{10,200}$/, { message: 'expected the bot token from Zalo Bot Creator' })),
    ZALO_API_ROOT: optional(z.url({ message: 'expected a URL such as https://bot-api.zaloplatforms.com' })).transform(
      (v) => (v ?? 'https://bot-api.zaloplatforms.com').replace(/\/+$/, ''),
    ),
    ZALO_WEBHOOK_URL: optional(z.url({ message: 'expected the public https URL Zalo should post updates to' })),
    ZALO_WEBHOOK_SECRET: optional(
      z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, { message: 'expected 16–256 characters of A-Z, a-z, 0-9, _ and -' }),
    ),
    // Zalo Official Account (https://developers.zalo.me/docs/official-account): the app linked
    // to the OA, its secret (OAuth), and the OA secret key the webhook events are signed with.
    ZALO_OA_APP_ID: optional(z.string().regex(/^\d{5,30}$/, { message: 'expected the numeric App ID from developers.zalo.me' })),
    ZALO_OA_APP_SECRET: optional(z.string().regex(/^[A-Za-z0-9_-]{10,200}$/, { message: 'expected the app\'s secret key from developers.zalo.me' })),
    ZALO_OA_SECRET_KEY: optional(z.string().regex(/^[A-Za-z0-9_-]{10,200}$/, { message: 'expected the OA Secret Key from the app\'s Webhook page' })),
    ZALO_OA_WEBHOOK_PATH: optional(z.string().regex(/^\/[A-Za-z0-9/_-]{1,200}$/, { message: 'expected a path such as /zalo-oa/webhook' })).transform(
      (v) => v ?? '/zalo-oa/webhook',
    ),
    // Events older than this (by their signed timestamp) are refused as replays.
    ZALO_OA_WEBHOOK_MAX_AGE_SECONDS: optional(z.coerce.number({ message: 'expected a number of seconds' }).int().min(10).max(86_400)).transform(
      (v) => v ?? 300,
    ),
    ZALO_OA_API_ROOT: optional(z.url({ message: 'expected a URL such as https://openapi.zalo.me' })).transform(
      (v) => (v ?? 'https://openapi.zalo.me').replace(/\/+$/, ''),
    ),
    ZALO_OA_OAUTH_ROOT: optional(z.url({ message: 'expected a URL such as https://oauth.zaloapp.com' })).transform(
      (v) => (v ?? 'https://oauth.zaloapp.com').replace(/\/+$/, ''),
    ),
    // Hosts a person's photo may be fetched from (a host or any of its subdomains).
    // The hosts Zalo serves the photos people send from; a photo link elsewhere is not fetched.
    ZALO_PHOTO_HOSTS: zaloHosts,
    ZALO_OA_PHOTO_HOSTS: zaloHosts,
    // Only read to warn about settings meant for development (Zalo polling) in production.
    NODE_ENV: optional(z.string()),
    HOST: optional(z.string()).transform((v) => v ?? '0.0.0.0'),
    PORT: optional(z.coerce.number({ message: 'expected a port number' }).int().min(0).max(65535)).transform(
      (v) => v ?? 3000,
    ),
    ADMINS: optional(z.string()).transform((v, ctx) => {
      const entries = (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const parsed = [];
      for (const entry of entries) {
        const result = ZAdminEntry.safeParse(entry);
        if (!result.success) {
          ctx.addIssue({ code: 'custom', message: `"${entry}": expected entries like telegram:123456,web:visitor-id` });
          return z.NEVER;
        }
        parsed.push(result.data);
      }
      return parsed;
    }),
    DEFAULT_LOCALE: optional(z.enum(['vi', 'en'], { message: 'expected vi or en' })).transform((v) => v ?? 'vi'),
    // One file per movement the Board runs, by commas; the first is the main one (citizens'
    // reports, and officials who have not chosen another with /phongtrao).
    CAMPAIGN_FILE: optional(z.string()).transform((v) => {
      const files = (v ?? '')
        .split(',')
        .map((file) => file.trim())
        .filter(Boolean)
        .map((file) => path.resolve(file));
      return files.length ? files : [DEFAULT_CAMPAIGN_FILE];
    }),
    LOG_LEVEL: optional(
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        message: 'expected one of fatal, error, warn, info, debug, trace, silent',
      }),
    ).transform((v) => v ?? 'info'),
    INVITE_TTL_DAYS: optional(z.coerce.number({ message: 'expected a number of days' }).int().min(1).max(365)).transform(
      (v) => v ?? 14,
    ),
    WASTE_REPORTS_PER_HOUR: optional(z.coerce.number({ message: 'expected a number of reports' }).int().min(1).max(1000)).transform(
      (v) => v ?? 5,
    ),
    TRUST_PROXY: optional(z.string())
      .transform((v, ctx): boolean | number | string => {
        const value = (v ?? 'false').trim();
        if (value === 'false') return false;
        if (value === 'true') return true;
        if (/^\d{1,2}$/.test(value)) return Number(value);
        if (/^[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*$/.test(value)) return value;
        ctx.addIssue({ code: 'custom', message: 'expected false, true, a number of proxies, or proxy addresses like 10.0.0.1,192.168.0.0/16' });
        return z.NEVER;
      }),
    WEB_REQUESTS_PER_MINUTE: optional(z.coerce.number({ message: 'expected a number of requests' }).int().min(10).max(100_000)).transform(
      (v) => v ?? 300,
    ),
    WEB_MESSAGES_PER_MINUTE: optional(z.coerce.number({ message: 'expected a number of messages' }).int().min(1).max(10_000)).transform(
      (v) => v ?? 20,
    ),
    WEB_NEW_VISITORS_PER_HOUR: optional(z.coerce.number({ message: 'expected a number of visitors' }).int().min(1).max(100_000)).transform(
      (v) => v ?? 60,
    ),
    UNIT_RESULT_REVIEW: optional(z.enum(['board', 'unit'], { message: 'expected board (officials confirm a unit\'s result) or unit (units close reports directly)' })).transform(
      (v) => v ?? 'board',
    ),
    SCHEDULER_ENABLED: optional(z.enum(['true', 'false'], { message: 'expected true or false' })).transform((v) => v !== 'false'),
    OUTBOX_LEASE_SECONDS: optional(z.coerce.number({ message: 'expected a number of seconds' }).int().min(1).max(3600)).transform(
      (v) => v ?? 60,
    ),
    SEND_TIMEOUT_SECONDS: optional(z.coerce.number({ message: 'expected a number of seconds' }).positive().max(300)).transform((v) => v ?? 30),
    CONVERSATION_TTL_HOURS: optional(z.coerce.number({ message: 'expected a number of hours' }).positive()).transform(
      (v) => v ?? 24,
    ),
    CHAT_HISTORY_DAYS: optional(z.coerce.number({ message: 'expected a number of days' }).int().min(1).max(36_500)).transform((v) => v ?? 90),
    WEB_UPLOAD_MB_PER_VISITOR_DAY: optional(z.coerce.number({ message: 'expected a number of megabytes' }).positive().max(100_000)).transform(
      (v) => v ?? 50,
    ),
    WEB_UPLOAD_MB_PER_ADDRESS_DAY: optional(z.coerce.number({ message: 'expected a number of megabytes' }).positive().max(1_000_000)).transform(
      (v) => v ?? 200,
    ),
    WEB_UPLOAD_TOTAL_MB: optional(z.coerce.number({ message: 'expected a number of megabytes' }).positive().max(10_000_000)).transform(
      (v) => v ?? 2048,
    ),
    WEB_UPLOADS_AT_ONCE: optional(z.coerce.number({ message: 'expected a number of uploads' }).int().min(1).max(100)).transform((v) => v ?? 4),
    WEB_UPLOAD_GRACE_MINUTES: optional(z.coerce.number({ message: 'expected a number of minutes' }).positive().max(100_000)).transform(
      (v) => v ?? 60,
    ),
  })
  .superRefine((env, ctx) => {
    if (env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['TELEGRAM_WEBHOOK_SECRET'],
        message: 'required with TELEGRAM_WEBHOOK_URL, so that only Telegram can post updates',
      });
    }
    if (env.ZALO_WEBHOOK_URL && !env.ZALO_WEBHOOK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['ZALO_WEBHOOK_SECRET'], message: 'required with ZALO_WEBHOOK_URL, so that only Zalo can post updates' });
    }
    if (env.ZALO_WEBHOOK_URL && !env.ZALO_BOT_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['ZALO_BOT_TOKEN'], message: 'required with ZALO_WEBHOOK_URL' });
    }
    const oa = [env.ZALO_OA_APP_ID, env.ZALO_OA_APP_SECRET, env.ZALO_OA_SECRET_KEY];
    if (oa.some(Boolean) && !oa.every(Boolean)) {
      ctx.addIssue({ code: 'custom', path: ['ZALO_OA_APP_ID'], message: 'ZALO_OA_APP_ID, ZALO_OA_APP_SECRET and ZALO_OA_SECRET_KEY go together' });
    }
    if (env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_BOT_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['TELEGRAM_BOT_TOKEN'], message: 'required with TELEGRAM_WEBHOOK_URL' });
    }
  });

export type TConfig = z.infer<typeof ZEnv>;
export type TAdminEntry = { channel: TChannel; externalId: string };

/** Parses the environment once; a bad value becomes one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): TConfig {
  const result = ZEnv.safeParse(env);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const variable = issue.path.join('.') || 'environment';
  throw new ConfigError(`Configuration error: ${variable}: ${issue.message}. See .env.example.`);
}
