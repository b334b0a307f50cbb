/**
 * npm run bench — figures, side by side with their baselines from the same run:
 *   1. update pipeline: realistic updates through the real bot vs a bare telegraf bot
 *   2. proactive fan-out through the outbox against a rate-limited Bot API
 *   3. the officials' digest and export over a province-year, vs a hand-written SQL aggregate
 *   4. start-up time and idle memory of the bot process
 *   5. a soak: a long stream of updates with the live heap and RSS sampled
 * SQLite always; PostgreSQL too when TEST_DATABASE_URL is set. Never fails on slow machines:
 * it prints what it measured.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import { buildDist } from '../scripts/build.js';
import { PROJECT_ROOT } from '../src/config.js';
import { FakeTelegramApi } from '../test/helpers/fake-telegram-api.js';
import { startTestApp } from '../test/helpers/start-test-app.js';
import { soak } from '../test/helpers/soak.js';
import { startCommand } from '../test/helpers/start-command.js';
import { JOURNEY_UPDATES, UpdateStream } from '../test/helpers/update-stream.js';
import { createEmptyDatabase, providers, type Provider } from '../test/helpers/test-database.js';
import type { ProvinceYearFigures } from './province-year.js';
import { RateLimitedTelegram } from './rate-limited-telegram.js';

const FANOUT = Number(process.env.BENCH_FANOUT ?? 5000);
const USERS = Number(process.env.BENCH_USERS ?? 64);
const SOAK = Number(process.env.BENCH_SOAK ?? 100_000);
/** BENCH_ONLY=pipeline,fanout runs just those parts (startup, province-year, pipeline, fanout, soak). */
const ONLY = new Set((process.env.BENCH_ONLY ?? '').split(',').filter(Boolean));
const runs = (part: string) => !ONLY.size || ONLY.has(part);
const rows: string[][] = [];
const row = (...cells: (string | number)[]) => rows.push(cells.map(String));
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
/** Measured processes run as `npm start` runs the bot: the compiled dist/, the same flags. */
const START = startCommand();
await buildDist();
const rssMb = () => (process.memoryUsage().rss / 1024 / 1024).toFixed(0);

/** Runs `perUser` for USERS users, `concurrency` at a time; returns per-update latencies. */
async function drive(concurrency: number, perUser: (user: number, timed: (u: Update) => Promise<void>) => Promise<void>, handle: (u: Update) => Promise<void>, userBase: number) {
  const latencies: number[] = [];
  const timed = async (u: Update) => {
    const t = performance.now();
    await handle(u);
    latencies.push(performance.now() - t);
  };
  const queue = Array.from({ length: USERS }, (_, i) => userBase + i);
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let user = queue.shift(); user !== undefined; user = queue.shift()) await perUser(user, timed);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  // CPU time per update holds steadier than throughput on a shared machine.
  const cpuMs = (user + system) / 1000 / latencies.length;
  return { perSecond: latencies.length / seconds, p50: pct(latencies, 50), p99: pct(latencies, 99), count: latencies.length, cpuMs };
}

async function benchPipeline(provider: Provider) {
  const api = await new FakeTelegramApi().start();
  const database = await createEmptyDatabase(provider);
  const app = await startTestApp({ databaseUrl: database.url, telegram: api });
  const handle = (u: Update) => app.telegram!.handleUpdate(u);
  const stream = new UpdateStream(api);
  const journey = (user: number, timed: (u: Update) => Promise<void>) => stream.journey(user, timed);
  // The bare baseline: a telegraf bot that only replies, against the same fake API.
  const bare = new Telegraf(api.token, { telegram: { apiRoot: api.url } });
  bare.on('message', (ctx) => ctx.reply('ok'));
  bare.on('callback_query', (ctx) => ctx.reply('ok'));
  const bareJourney = async (user: number, timed: (u: Update) => Promise<void>) => {
    for (let i = 0; i < JOURNEY_UPDATES; i++) await timed(stream.text(user, 'hi'));
  };
  for (const concurrency of [1, 32]) {
    const base = await drive(concurrency, bareJourney, (u) => bare.handleUpdate(u), 10_000_000 + concurrency * 1000);
    const bot = await drive(concurrency, journey, handle, 20_000_000 + concurrency * 1000);
    const late = stream.late;
    stream.late = 0;
    row(`pipeline ${provider} c=${concurrency}`, `${bot.perSecond.toFixed(0)} upd/s`, `bare ${base.perSecond.toFixed(0)} upd/s`, `${((bot.perSecond / base.perSecond) * 100).toFixed(0)}% of bare`, `p50 ${bot.p50.toFixed(1)} ms, p99 ${bot.p99.toFixed(1)} ms (bare p99 ${base.p99.toFixed(1)}); ${late} replies late`, `CPU ${bot.cpuMs.toFixed(2)} ms/update (bare ${base.cpuMs.toFixed(2)})`, `RSS ${rssMb()} MB`);
  }
  await app.stop();
  await api.stop();
  await database.drop();
}

async function benchFanOut(provider: Provider) {
  const api = await new RateLimitedTelegram().start();
  const database = await createEmptyDatabase(provider);
  const app = await startTestApp({ databaseUrl: database.url, env: { TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.url } });
  const { db } = app.database;
  const person = await db.person.create({ data: { displayName: 'bench' } });
  for (let i = 0; i < FANOUT; i += 500) {
    const identities = Array.from({ length: Math.min(500, FANOUT - i) }, (_, k) => ({ personId: person.id, channel: 'telegram', externalId: `f${i + k}`, chatId: String(900_000 + i + k) }));
    await db.identity.createMany({ data: identities });
  }
  const identities = await db.identity.findMany({ where: { personId: person.id } });
  for (let i = 0; i < identities.length; i += 500) {
    await db.outboxMessage.createMany({
      data: identities.slice(i, i + 500).map((id) => ({ identityId: id.id, channel: 'telegram', chatId: id.chatId, kind: 'notice', payloadJson: JSON.stringify({ text: 'Nhắc hạn báo cáo' }), dedupeKey: `bench:${id.id}` })),
    });
  }
  const started = performance.now();
  while ((await db.outboxMessage.count({ where: { status: { in: ['pending', 'sending'] } } })) > 0) {
    await app.outbox.sweep();
    await new Promise((r) => setTimeout(r, 20));
  }
  const seconds = (performance.now() - started) / 1000;
  const lost = identities.filter((id) => !api.delivered.has(id.chatId)).length;
  const doubled = [...api.delivered.values()].filter((n) => n > 1).length;
  row(`fan-out ${provider}`, `${(FANOUT / seconds).toFixed(1)} msg/s`, `${FANOUT} chats in ${seconds.toFixed(0)} s`, `429s: ${api.tooMany} of ${api.sends} sends (${((api.tooMany / api.sends) * 100).toFixed(2)}%)`, `lost ${lost}, doubled ${doubled}`, `target ≥29 msg/s, <1% 429`);
  await app.stop();
  await api.stop();
  await database.drop();
}

async function benchStartup(provider: Provider) {
  const database = await createEmptyDatabase(provider);
  const start = async () => {
    const child = spawn(process.execPath, [...START.flags, START.entry], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: database.url, PORT: '0', HOST: '127.0.0.1', SCHEDULER_ENABLED: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const t = performance.now();
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('is ready')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    const ms = performance.now() - t;
    await new Promise((r) => setTimeout(r, 2000));
    const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    return { ms, rss };
  };
  await start(); // migrates and loads the campaign
  const warm = await start();
  row(`start-up ${provider}`, `${warm.ms.toFixed(0)} ms to ready`, `idle RSS ${warm.rss.toFixed(0)} MB`, 'migrated database', '', 'target <2000 ms, <200 MB');
  await database.drop();
}

async function benchSoak(provider: Provider) {
  const api = await new FakeTelegramApi().start();
  const database = await createEmptyDatabase(provider);
  const app = await startTestApp({ databaseUrl: database.url, telegram: api });
  const result = await soak({ app, api, updates: SOAK, samples: 40 });
  const [first, last] = [result.samples[0]!, result.samples.at(-1)!];
  row(
    `soak ${provider}`,
    `${last.updates} updates at ${result.perSecond.toFixed(0)}/s`,
    `live heap ${first.heapMb.toFixed(0)} → ${last.heapMb.toFixed(0)} MB (trend ${result.heapSlopeKbPer1000.toFixed(0)} kB/1,000 updates)`,
    `RSS ${first.rssMb.toFixed(0)} → ${last.rssMb.toFixed(0)} MB (trend ${result.rssSlopeKbPer1000.toFixed(0)} kB/1,000)`,
    `${result.completed} journeys completed, ${result.apologies} internal errors`,
    'target: no growth trend',
  );
  await app.stop();
  await api.stop();
  await database.drop();
}

/** Runs one step of bench/province-year.ts in a process of its own and returns its JSON line. */
async function provinceYearStep<T>(mode: 'seed' | 'measure', url: string): Promise<T> {
  // Measuring runs with the bot's flags; seeding builds big arrays and is not what is measured.
  const flags = mode === 'measure' ? [...START.flags, '--expose-gc', '--import', 'tsx'] : ['--import', 'tsx'];
  const child = spawn(process.execPath, [...flags, 'bench/province-year.ts', mode, url], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise((r) => child.once('exit', r));
  const line = out.trim().split('\n').at(-1) ?? '';
  if (code !== 0 || !line.startsWith('{')) throw new Error(`province-year ${mode} exited ${code}: ${out.slice(-500)}`);
  return JSON.parse(line) as T;
}

async function benchProvinceYear(provider: Provider) {
  const database = await createEmptyDatabase(provider);
  try {
    const { seedSeconds } = await provinceYearStep<{ seedSeconds: number }>('seed', database.url);
    const f = await provinceYearStep<ProvinceYearFigures>('measure', database.url);
    const rowsText = `${f.rows.units} units, ${f.rows.criteria} criteria, ${f.rows.progressUpdates} figures, ${f.rows.wasteReports} reports (seeded in ${seedSeconds.toFixed(0)} s)`;
    row(`digest ${provider}`, `${f.digestMs.toFixed(0)} ms`, `SQL aggregate ${f.sqlMs.toFixed(0)} ms`, `${(f.digestMs / f.sqlMs).toFixed(1)}× the SQL`, rowsText, 'target <200 ms, ≤3× SQL');
    row(`export ${provider}`, `${(f.exportMs / 1000).toFixed(1)} s`, `${(f.exportBytes / 1048576).toFixed(1)} MB .xlsx`, `RSS ${f.rssBeforeMb.toFixed(0)} → peak ${f.rssPeakMb.toFixed(0)} MB`, `same data; same reports counted: ${f.check.digestReports === f.check.sqlReports}`, 'target <10 s, <400 MB');
  } finally {
    await database.drop();
  }
}

for (const provider of providers) {
  if (runs('startup')) await benchStartup(provider);
  if (runs('province-year')) await benchProvinceYear(provider);
  if (runs('pipeline')) await benchPipeline(provider);
  if (runs('fanout')) await benchFanOut(provider);
  if (runs('soak')) await benchSoak(provider);
}

const widths = rows.reduce((w, r) => r.map((c, i) => Math.max(w[i] ?? 0, [...c].length)), [] as number[]);
console.log('\nThi Đua Bot benchmarks');
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join('  │  '));
