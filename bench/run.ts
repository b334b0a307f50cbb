/**
 * npm run bench — figures, each beside its baseline or target from the same run:
 *   1. latency: Poisson arrivals at 10–100 updates a second over mixed journeys, the real bot
 *      (and a bare telegraf bot at the same rates), p50/p95/p99 from arrival to the reply
 *      reaching the fake Bot API
 *   2. CPU per update of the bot, a telegraf peer with sessions and wizard scenes in SQLite,
 *      and a bare telegraf bot, in interleaved rounds of the same journeys
 *   3. SQL statements per turn: /start, a typical step, a final submit
 *   4. saturation throughput (closed loop) of the bot in its own process, and its memory
 *   5. where the CPU goes, from a CPU profile
 *   6. proactive fan-out through the outbox against a rate-limited Bot API
 *   7. the officials' digest and export over a province-year, vs a hand-written SQL aggregate
 *   8. start-up time and idle memory of the bot process
 *   9. a soak: a long stream of updates with the live heap and RSS sampled
 * SQLite always; PostgreSQL too when TEST_DATABASE_URL is set. Never fails on slow machines:
 * it prints what it measured, in one table, also written to bench/results.json.
 * BENCH_FULL=1 runs the long versions (60 s per rate, the 100,000-update soak, 5,000 chats).
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { buildDist } from '../scripts/build.js';
import { PROJECT_ROOT } from '../src/config.js';
import { FakeTelegramApi } from '../test/helpers/fake-telegram-api.js';
import { startTestApp } from '../test/helpers/start-test-app.js';
import { soak } from '../test/helpers/soak.js';
import { startCommand } from '../test/helpers/start-command.js';
import { createEmptyDatabase, providers, type Provider } from '../test/helpers/test-database.js';
import { startChildBareBot, startChildBot, type ChildBot } from './child-bot.js';
import { CPU_PARTS, profileCpu } from './cpu-split.js';
import { OFFICIAL_COMMANDS, ONBOARDING, PROGRESS_UPDATE, Person, WASTE_REPORT, kindOf, runStep, stepName, type Target } from './journeys.js';
import { closedLoop, openLoop, type ClosedLoopResult } from './load.js';
import { startBareBot, startPeerBot } from './peer-bots.js';
import type { ProvinceYearFigures } from './province-year.js';
import { RateLimitedTelegram } from './rate-limited-telegram.js';
import { People, startBenchBot, type BenchBot } from './setup.js';
import { countStatements, slowestStatements, takeTrace } from './statement-counter.js';

const FULL = process.env.BENCH_FULL === '1';
const num = (name: string, short: number, full: number) => Number(process.env[name] ?? (FULL ? full : short));
const FANOUT = num('BENCH_FANOUT', 600, 5000);
const SOAK = num('BENCH_SOAK', 3_000, 100_000);
const RATE_SECONDS = num('BENCH_SECONDS', 30, 60);
/** The bare bot is the floor, beside each rate: a third as long. */
const BARE_SECONDS = Math.max(5, Math.round(RATE_SECONDS / 3));
const SATURATION_SECONDS = num('BENCH_SATURATION_SECONDS', 15, 30);
const CPU_ROUNDS = num('BENCH_CPU_ROUNDS', 3, 5);
/** Arrival rates, each over its own number of people. */
const ALL_RATES: [rate: number, people: number][] = [
  [10, 64],
  [30, 128],
  [60, 256],
  [100, 512],
];
/** BENCH_RATES=30,100 runs only those arrival rates. */
const RATES = process.env.BENCH_RATES ? ALL_RATES.filter(([rate]) => process.env.BENCH_RATES!.split(',').map(Number).includes(rate)) : ALL_RATES;
const LATENCY_TARGETS: Record<number, number> = { 30: 15, 100: 25 };
/** The targets are SQLite's: PostgreSQL is measured at the targets' rates only, all four with BENCH_FULL or BENCH_RATES. */
const ratesOf = (provider: Provider) => (provider === 'sqlite' || FULL || process.env.BENCH_RATES ? RATES : RATES.filter(([rate]) => LATENCY_TARGETS[rate]));
/** BENCH_ONLY=latency,cpu runs just those parts (startup, province-year, latency, statements, saturation, cpu, profile, fanout, soak). */
const ONLY = new Set((process.env.BENCH_ONLY ?? '').split(',').filter(Boolean));
const runs = (part: string) => !ONLY.size || ONLY.has(part);
const rows: string[][] = [];
const row = (...cells: (string | number)[]) => rows.push(cells.map(String));
/** The same figures as numbers, for bench/results.json. */
const figures: Record<string, unknown> = {};
const ms = (x: number) => x.toFixed(1);
/** Measured processes run as `npm start` runs the bot: the compiled dist/, the same flags. */
const START = startCommand();
const begun = performance.now();
const loadBefore = os.loadavg()[0]!;
await buildDist();
const statements = countStatements();

let nextId = 30_000_000;
/** Ids for people who have never talked to the bot before. */
const freshIds = (n: number) => ((nextId += n), nextId - n);
const plainPeople = (n: number) => Array.from({ length: n }, (_, i) => new Person(freshIds(1), kindOf(i)));

/**
 * Open-loop latency of the bot in its own process, as `npm start` runs it, fed through its
 * webhook; the bare bot, in its own process too, at the same rates beside it.
 */
async function benchLatency(provider: Provider, bot: ChildBot, seeded: Person[]) {
  const bare = provider === 'sqlite' ? await startChildBareBot(bot.api) : undefined;
  try {
    for (const [rate, count] of ratesOf(provider)) {
      const result = await openLoop(bot, seeded.slice(0, count), rate, RATE_SECONDS);
      const base = bare ? await openLoop({ api: bot.api, watch: bot.watch, handle: bare.handle }, plainPeople(count), rate, BARE_SECONDS) : undefined;
      const target = provider === 'sqlite' && LATENCY_TARGETS[rate] ? `target p99 ≤${LATENCY_TARGETS[rate]} ms` : '';
      row(
        `latency ${provider} ${rate}/s`,
        `p50 ${ms(result.p50)}, p95 ${ms(result.p95)}, p99 ${ms(result.p99)} ms`,
        base ? `bare p50 ${ms(base.p50)}, p99 ${ms(base.p99)} ms (${base.seconds} s)` : '',
        `${result.arrivals} arrivals over ${count} people in ${result.seconds} s; ${result.lost} unanswered, ${result.dropped} with nobody idle, ${result.late} buttons late`,
        target,
      );
      figures[`latency.${provider}.${rate}`] = { ...result, bare: base };
      // BENCH_TAIL=1 names the steps behind the slowest 1 %.
      if (process.env.BENCH_TAIL === '1') console.log(`\nlatency ${provider} ${rate}/s, p50 ${ms(result.p50)}, p99 ${ms(result.p99)} ms; stored p50 ${ms(result.stored.p50)}, p99 ${ms(result.stored.p99)} ms; by step:\n  ${result.tail.map((t) => `${t.step}: ${t.inTail} of the slowest 1 %, p99 ${ms(t.p99)} ms over ${t.count}`).join('\n  ')}`);
    }
  } finally {
    await bare?.stop();
  }
}

async function benchStatements(provider: Provider, bot: BenchBot, seeded: Person[]) {
  const perStep = new Map<string, number[]>();
  const measure = async (person: Person, steps: typeof WASTE_REPORT, trace: boolean) => {
    for (const step of steps) {
      takeTrace();
      const before = statements();
      await runStep(bot, person, step);
      // What the turn does after its reply (marking it delivered) belongs to it too.
      await new Promise((r) => setTimeout(r, 50));
      const name = stepName(step);
      perStep.set(name, [...(perStep.get(name) ?? []), statements() - before]);
      const sql = takeTrace();
      if (trace && sql.length) console.log(`\n${name}: ${statements() - before}\n  ${sql.join('\n  ')}`);
    }
  };
  const contacts = seeded.filter((p) => p.kind === 'contact');
  const officials = seeded.filter((p) => p.kind === 'official');
  for (let i = 0; i < 5; i++) {
    // The last person's statements are printed with BENCH_TRACE_SQL=1.
    await measure(new Person(freshIds(1), 'citizen'), [...ONBOARDING, ...WASTE_REPORT], i === 4);
    await measure(contacts[i]!, PROGRESS_UPDATE, i === 4);
    await measure(officials[i]!, OFFICIAL_COMMANDS, i === 4);
  }
  // The median of each step: a sweep of the outbox now and then runs beside a turn.
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const byStep = Object.fromEntries([...perStep].map(([name, xs]) => [name, median(xs)]));
  const typical = median(Object.values(byStep));
  const submit = Math.max(byStep['press Gửi phản ánh']!, byStep['press Lưu']!);
  const worst = Object.entries(byStep).sort((a, b) => b[1] - a[1])[0]!;
  row(`statements ${provider}`, `typical step ${typical}, /start ${byStep['/start']}, final submit ${submit} (report ${byStep['press Gửi phản ánh']}, figure ${byStep['press Lưu']})`, `most: ${worst[0]} ${worst[1]}`, `median over 5 people of each step; BEGIN/COMMIT included`, 'target ≤6 per turn');
  figures[`statements.${provider}`] = byStep;
}

/**
 * The bot alone in its own process, as `npm start` runs it, fed through its webhook: its
 * throughput, its CPU per update and its peak memory, without the load and the fake Bot API
 * on its event loop.
 */
async function benchSaturation(bot: ChildBot, seeded: Person[]) {
  let peakRss = bot.rssMb();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, bot.rssMb())), 100);
  const cpuBefore = bot.cpuMs();
  const result = await closedLoop(bot, new People(bot.watch, seeded, freshIds(1_000_000)), { concurrency: 64, seconds: SATURATION_SECONDS });
  const botCpuMs = (bot.cpuMs() - cpuBefore) / result.updates;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, bot.rssMb());
  row(
    `saturation sqlite`,
    `${result.perSecond.toFixed(0)} upd/s`,
    `peak RSS ${peakRss.toFixed(0)} MB, ${botCpuMs.toFixed(2)} ms of CPU per update (the bot's process)`,
    `closed loop, 64 people at a time, ${result.updates} updates in ${result.seconds.toFixed(0)} s; p50 ${ms(result.p50)} ms, p99 ${ms(result.p99)} ms; ${result.abandoned} journeys given up`,
    'target ≥400 upd/s, ≤230 MB',
  );
  figures['saturation.sqlite'] = { ...result, peakRssMb: peakRss, botCpuMs, benchPeakRssMb: result.peakRssMb };
}

async function benchCpu(bot: BenchBot, seeded: Person[]) {
  const peer = await startPeerBot(bot.api);
  const bare = startBareBot(bot.api);
  const bots: [name: string, target: Target, people: () => People][] = [
    ['bot', bot, () => new People(bot.watch, seeded, freshIds(10_000))],
    ['peer', { api: bot.api, watch: bot.watch, handle: peer.handle }, () => new People(bot.watch, plainPeople(256), freshIds(10_000))],
    ['bare', { api: bot.api, watch: bot.watch, handle: bare.handle }, () => new People(bot.watch, plainPeople(256), freshIds(10_000))],
  ];
  const totals = new Map<string, ClosedLoopResult[]>();
  // Interleaved rounds, so a neighbour's burst on a shared machine falls on all three.
  for (let round = 0; round < CPU_ROUNDS; round++) {
    for (const [name, target, people] of bots) {
      const r = await closedLoop(target, people(), { concurrency: 32, journeys: 64 });
      totals.set(name, [...(totals.get(name) ?? []), r]);
    }
  }
  await peer.stop();
  const cpu = (name: string) => {
    const rs = totals.get(name)!;
    // The first round warms each bot up (compiled code, caches) and is left out.
    const steady = rs.length > 1 ? rs.slice(1) : rs;
    return steady.reduce((a, r) => a + r.cpuMs * r.updates, 0) / steady.reduce((a, r) => a + r.updates, 0);
  };
  const [b, p, f] = [cpu('bot'), cpu('peer'), cpu('bare')];
  row('cpu sqlite c=32', `bot ${b.toFixed(2)} ms/update`, `peer ${p.toFixed(2)}, bare ${f.toFixed(2)} ms/update`, `bot/peer ${(b / p).toFixed(2)}×; ${CPU_ROUNDS} interleaved rounds of 64 journeys, the first left out`, 'target ≤2× the peer');
  figures['cpu.sqlite'] = { bot: b, peer: p, bare: f, ratio: b / p, rounds: Object.fromEntries(totals) };
}

async function benchProfile(bot: BenchBot, seeded: Person[]) {
  let result: ClosedLoopResult | undefined;
  const split = await profileCpu(async () => {
    result = await closedLoop(bot, new People(bot.watch, seeded, freshIds(100_000)), { concurrency: 32, seconds: 8 });
  });
  const line = CPU_PARTS.map((p) => `${p} ${split[p].toFixed(0)}%`).join(', ');
  row('cpu split sqlite', line, '', `self time of profiler samples by script, ${result!.updates} updates at c=32`, '');
  figures['cpuSplit.sqlite'] = split;
}

async function benchBot(provider: Provider) {
  const parts = ['statements', 'cpu', 'profile'].filter(runs);
  if (!parts.length) return;
  const bot = await startBenchBot(provider);
  try {
    const seeded = await bot.seed(512, freshIds(512));
    // Warm-up: compiled code and caches, as in a bot that has been running.
    await closedLoop(bot, new People(bot.watch, seeded, freshIds(1000)), { concurrency: 8, journeys: 32 });
    if (runs('statements')) await benchStatements(provider, bot, seeded);
    if (provider === 'sqlite') {
      if (runs('cpu')) await benchCpu(bot, seeded);
      if (runs('profile')) await benchProfile(bot, seeded);
    }
  } finally {
    await bot.stop();
  }
}

/** The parts that measure the bot in its own process: latency, and saturation on SQLite. */
async function benchBotProcess(provider: Provider) {
  const latency = runs('latency');
  const saturation = provider === 'sqlite' && runs('saturation');
  if (!latency && !saturation) return;
  const bot = await startChildBot(provider);
  try {
    const seeded = await bot.seed(512, freshIds(512));
    // Warm-up: compiled code and caches, as in a bot that has been running.
    await closedLoop(bot, new People(bot.watch, seeded, freshIds(1000)), { concurrency: 8, journeys: 32 });
    // Saturation first: its closed loop ends every journey it starts, while the open loop
    // leaves people in the middle of theirs, which a closed loop would then wait on.
    if (saturation) await benchSaturation(bot, seeded);
    if (latency) await benchLatency(provider, bot, seeded);
  } finally {
    await bot.stop();
  }
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
  await benchBot(provider);
  await benchBotProcess(provider);
  if (runs('fanout')) await benchFanOut(provider);
  if (runs('soak')) await benchSoak(provider);
}

if (process.env.BENCH_SQL_TIME === '1') console.log(`\nTime in the driver by statement:\n${slowestStatements().join('\n')}`);

// One table; the last column of every row is its target.
const columns = Math.max(...rows.map((r) => r.length));
const table = rows.map((r) => [...r.slice(0, -1), ...Array<string>(columns - r.length).fill(''), r.at(-1)!]);
const widths = table.reduce((w, r) => r.map((c, i) => Math.max(w[i] ?? 0, [...c].length)), [] as number[]);
const wallSeconds = (performance.now() - begun) / 1000;
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, ${os.platform()} ${os.release()}, Node ${process.version}`;
const load = `load average ${loadBefore.toFixed(1)} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end`;
console.log(`\nThi Đua Bot benchmarks — ${FULL ? 'full' : 'default'} sizes, ${wallSeconds.toFixed(0)} s; ${machine}; ${load}`);
for (const r of table) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join('  │  ').trimEnd());
writeFileSync(
  new URL('./results.json', import.meta.url),
  `${JSON.stringify({ date: new Date().toISOString(), full: FULL, wallSeconds, machine, load, rows: table, figures }, null, 2)}\n`,
);
