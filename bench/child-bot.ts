/**
 * The bot in a process of its own, started as `npm start` starts it (the compiled dist/, the
 * same V8 flags), taking updates on its Telegram webhook and answering through a fake Bot API
 * in the bench process. Its CPU and memory are its own: the load, the fake Bot API and the
 * bench's bookkeeping run beside it, as Telegram's servers would, not on its event loop. The
 * bare bot, the floor of the latency figures, runs the same way (bench/bare-bot-process.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Update } from 'telegraf/types';
import { PROJECT_ROOT } from '../src/config.js';
import { createDatabase } from '../src/store/create-database.js';
import { parseDatabaseUrl } from '../src/store/database-target.js';
import { FakeTelegramApi } from '../test/helpers/fake-telegram-api.js';
import { startCommand } from '../test/helpers/start-command.js';
import { createEmptyDatabase, type Provider } from '../test/helpers/test-database.js';
import { ReplyWatch, type Person, type Target } from './journeys.js';
import { seedPeople } from './setup.js';

/** A bot in a process of its own, fed through its webhook. */
export interface BotProcess {
  pid: number;
  handle(update: Update): Promise<void>;
  /** The process's resident memory now, in MB. */
  rssMb(): number;
  /** The process's CPU time so far (user + system), in ms. */
  cpuMs(): number;
  stop(): Promise<void>;
}

export interface ChildBot extends Target, Omit<BotProcess, 'handle'> {
  /** Contacts and officials who joined through invites, `count` people's worth of the mix. */
  seed(count: number, firstId: number): Promise<Person[]>;
}

const TICKS_PER_SECOND = 100;

export async function startChildBot(provider: Provider): Promise<ChildBot> {
  const api = await new FakeTelegramApi().start();
  const database = await createEmptyDatabase(provider);
  const secret = randomBytes(24).toString('base64url');
  const { flags, entry } = startCommand();
  // BENCH_CHILD_PROFILE=dir keeps a CPU profile of the bot's process, written when it stops.
  const profile = process.env.BENCH_CHILD_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CHILD_PROFILE}`] : [];
  const bot = await spawnBot([...flags, ...profile, entry], '/telegram/webhook', {
    DATABASE_URL: database.url,
    PORT: '0',
    HOST: '127.0.0.1',
    SCHEDULER_ENABLED: 'false',
    TELEGRAM_BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.url,
    // The path is what counts; the bot learns its own port only once it listens.
    TELEGRAM_WEBHOOK_URL: 'https://bench.invalid/telegram/webhook',
    TELEGRAM_WEBHOOK_SECRET: secret,
    // Many reports from one person in an hour are expected here: the limit is raised, not removed.
    WASTE_REPORTS_PER_HOUR: '1000',
  }, { 'x-telegram-bot-api-secret-token': secret });
  const watch = new ReplyWatch(api);
  const target: Target = { api, watch, handle: bot.handle };
  return {
    ...bot,
    ...target,
    async seed(count, firstId) {
      const { db, close } = await createDatabase(parseDatabaseUrl(database.url));
      try {
        return await seedPeople(db, target, count, firstId);
      } finally {
        await close();
      }
    },
    async stop() {
      await bot.stop();
      await api.stop();
      await database.drop();
    },
  };
}

/** The bare bot in its own process, answering through `api`. */
export function startChildBareBot(api: FakeTelegramApi): Promise<BotProcess> {
  return spawnBot(['--import', 'tsx', 'bench/bare-bot-process.ts'], '/', { BENCH_TOKEN: api.token, BENCH_API_ROOT: api.url });
}

async function spawnBot(args: string[], path: string, env: Record<string, string>, headers: Record<string, string> = {}): Promise<BotProcess> {
  const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const webhook = `${await readyUrl(child)}${path}`;
  const proc = (file: string) => readFileSync(`/proc/${child.pid}/${file}`, 'utf8');
  return {
    pid: child.pid!,
    async handle(update) {
      const res = await fetch(webhook, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(update) });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`webhook answered ${res.status}`);
    },
    rssMb: () => Number(/VmRSS:\s+(\d+)/.exec(proc('status'))?.[1] ?? 0) / 1024,
    cpuMs: () => {
      // utime and stime, fields 14 and 15, counted after the command's closing parenthesis.
      const fields = proc('stat').split(') ')[1]!.split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
/** Waits for the "is ready" log line and returns the address the bot listens on. */
function readyUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
    let ready = false;
    child.stdout!.on('data', (d: Buffer) => {
      // Read until the ready line; later lines are drained, the last few kept for an error.
      out = ready ? (out + d.toString()).slice(-2000) : out + d.toString();
      if (ready) return;
      const lines = out.split('\n');
      for (const line of lines.slice(0, -1)) {
        if (!line.includes('is ready')) continue;
        const url = (JSON.parse(line) as { url?: string }).url;
        if (url) {
          ready = true;
          resolve(url);
        }
      }
    });
    child.once('exit', (code) => reject(new Error(`the bot exited (${code}) before it was ready: ${err || out.slice(-2000)}`)));
  });
}
