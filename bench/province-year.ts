/**
 * A province-year of data — 100 units, 40 criteria, a figure per unit and criterion every
 * month, 50,000 citizen reports — then the officials' digest (/tonghop) and export (/xuat)
 * over it, timed against a hand-written SQL aggregate of the same rows.
 *
 *   tsx bench/province-year.ts seed DATABASE_URL      → fills an empty database
 *   tsx bench/province-year.ts measure DATABASE_URL   → one JSON line of figures
 *
 * bench/run.ts runs each in a process of its own, so the memory measured is the export's,
 * not what seeding left behind.
 */
import { randomInt } from 'node:crypto';
import { summarizeYear } from '../src/reports/year-summary.js';
import { handlingMinutes } from '../src/waste/move-waste-report.js';
import type { Db } from '../src/store/db.js';
import { startTestApp } from '../test/helpers/start-test-app.js';
import { parseDatabaseUrl } from '../src/store/database-target.js';

const UNITS = Number(process.env.BENCH_UNITS ?? 100);
const CRITERIA = Number(process.env.BENCH_CRITERIA ?? 40);
const REPORTS = Number(process.env.BENCH_REPORTS ?? 50_000);
const YEAR = 2026;
const MEASURES = ['percent', 'money', 'number', 'boolean', 'date', 'text'] as const;
const STATUSES = ['received', 'verifying', 'forwarded', 'handling', 'resolved', 'resolved', 'resolved', 'rejected', 'duplicate'];
const vn = (s: string) => new Date(`${s}+07:00`);

async function seed(db: Db, campaignId: string) {
  const kinds = await db.unitKind.findMany({ where: { campaignId } });
  const existingUnits = await db.unit.count({ where: { campaignId } });
  await db.unit.createMany({
    data: Array.from({ length: Math.max(0, UNITS - existingUnits) }, (_, i) => ({
      campaignId,
      code: `BENCH_U${i}`,
      nameVi: `Đơn vị thử ${i + 1}`,
      nameEn: `Bench unit ${i + 1}`,
      kindId: kinds[i % kinds.length]!.id,
      sortOrder: 1000 + i,
    })),
  });
  const existingCriteria = await db.criterion.count({ where: { campaignId } });
  await db.criterion.createMany({
    data: Array.from({ length: Math.max(0, CRITERIA - existingCriteria) }, (_, i) => {
      const measure = MEASURES[i % MEASURES.length]!;
      return {
        campaignId,
        code: `BENCH_C${i}`,
        titleVi: `Tiêu chí thử ${i + 1}`,
        titleEn: `Bench criterion ${i + 1}`,
        group: i % 2 ? 'thrift' : 'infrastructure',
        measure,
        direction: ['percent', 'money', 'number'].includes(measure) ? 'higher' : 'none',
        targetValue: measure === 'percent' ? 90 : measure === 'money' ? 1e9 : measure === 'number' ? 10 : null,
        sortOrder: 1000 + i,
      };
    }),
  });
  const units = await db.unit.findMany({ where: { campaignId } });
  const criteria = await db.criterion.findMany({ where: { campaignId } });
  await db.criterionAudience.createMany({
    data: criteria.filter((c) => c.code.startsWith('BENCH_')).flatMap((c) => kinds.map((k) => ({ criterionId: c.id, unitKindId: k.id }))),
  });
  const submitter = await db.person.create({ data: { displayName: 'Đầu mối thử' } });

  // Each month every unit updates its year figure for every criterion; the newer one
  // supersedes the older, as /capnhat does.
  const updates = [];
  for (const u of units) {
    for (const c of criteria) {
      for (let month = 1; month <= 12; month++) {
        const value = valueFor(c.measure, month);
        updates.push({
          unitId: u.id,
          criterionId: c.id,
          period: String(YEAR),
          year: YEAR,
          ...value,
          submittedById: submitter.id,
          createdAt: vn(`${YEAR}-${String(month).padStart(2, '0')}-05T09:00:00`),
          supersededAt: month < 12 ? vn(`${YEAR}-${String(month + 1).padStart(2, '0')}-05T09:00:00`) : null,
        });
      }
    }
  }
  for (let i = 0; i < updates.length; i += 2_000) await db.progressUpdate.createMany({ data: updates.slice(i, i + 2_000) });

  await db.annualReport.createMany({
    data: units.slice(0, Math.floor(units.length * 0.8)).map((u, i) => ({
      unitId: u.id,
      year: YEAR,
      state: i % 5 ? 'submitted' : 'accepted',
      version: 1,
      number: `BC-${YEAR}-${u.code}-01`,
      submittedAt: vn(`${YEAR}-12-${String(1 + (i % 20)).padStart(2, '0')}T10:00:00`),
    })),
  });

  const categories = await db.wasteCategory.findMany({ where: { campaignId } });
  const reporters = await Promise.all(Array.from({ length: 50 }, (_, i) => db.person.create({ data: { displayName: `Người dân ${i + 1}` } })));
  const yearStart = vn(`${YEAR}-01-01T00:00:00`).getTime();
  for (let i = 0; i < REPORTS; i += 2_000) {
    await db.wasteReport.createMany({
      data: Array.from({ length: Math.min(2_000, REPORTS - i) }, (_, k) => {
        const n = i + k;
        const createdAt = new Date(yearStart + randomInt(0, 360) * 86_400_000 + randomInt(0, 86_400_000));
        const status = STATUSES[n % STATUSES.length]!;
        const resolvedAt = status === 'resolved' ? new Date(createdAt.getTime() + randomInt(1, 30) * 86_400_000) : null;
        const named = n % 10 === 0;
        return {
          code: `B${n.toString(36).toUpperCase().padStart(7, '0')}`,
          categoryId: categories[n % categories.length]!.id,
          description: `Phản ánh số ${n + 1}: tài sản công bị sử dụng lãng phí, đề nghị cơ quan có thẩm quyền kiểm tra và xử lý.`,
          placeText: n % 3 ? `Thôn ${1 + (n % 12)}, xã thử ${1 + (n % 40)}` : null,
          localityUnitId: units[n % units.length]!.id,
          anonymous: !named,
          contactPhone: named ? `09${String(10_000_000 + n).slice(-8)}` : null,
          reporterId: reporters[n % reporters.length]!.id,
          status,
          assignedUnitId: status === 'received' ? null : units[(n * 7) % units.length]!.id,
          createdAt,
          updatedAt: createdAt,
          resolvedAt,
          handlingMinutes: resolvedAt ? handlingMinutes(createdAt, resolvedAt) : null,
        };
      }),
    });
  }
}

function valueFor(measure: string, month: number) {
  switch (measure) {
    case 'percent':
      return { valueNumber: 50 + month * 4 + randomInt(0, 8) };
    case 'money':
      return { valueNumber: month * 1e8 + randomInt(0, 1e8) };
    case 'number':
      return { valueNumber: month + randomInt(0, 3) };
    case 'boolean':
      return { valueBool: month > 6 };
    case 'date':
      return { valueDate: `${YEAR}-${String(month).padStart(2, '0')}-15` };
    default:
      return { valueText: `Đã triển khai đến tháng ${month}` };
  }
}

/**
 * The same figures as the digest, written by hand: submissions, the latest figure per unit
 * and criterion aggregated per criterion, reports by status and area, handling times.
 */
async function handWrittenDigest(db: Db, provider: 'sqlite' | 'postgresql', campaignId: string) {
  // SQLite's driver takes "?" placeholders, PostgreSQL's "$1"; each is used once, in order.
  const q = <T>(text: string, ...values: unknown[]) => db.$queryRawUnsafe<T>(provider === 'sqlite' ? text.replace(/\$\d+/g, '?') : text, ...values);
  const from = vn(`${YEAR}-01-01T00:00:00`);
  const to = vn(`${YEAR + 1}-01-01T00:00:00`);
  const submissions = await q<unknown[]>(
    `SELECT u."id", r."state", r."submittedAt" FROM "Unit" u LEFT JOIN "AnnualReport" r ON r."unitId" = u."id" AND r."year" = $1 WHERE u."campaignId" = $2 AND u."active" = true`,
    YEAR,
    campaignId,
  );
  const criteria = await q<unknown[]>(
    `SELECT p."criterionId", COUNT(*) AS n, AVG(p."valueNumber") AS mean, SUM(p."valueNumber") AS total, MIN(p."valueNumber") AS low, MAX(p."valueNumber") AS high
       FROM "ProgressUpdate" p
      WHERE p."year" = $1 AND p."supersededAt" IS NULL
        AND p."period" = (SELECT MAX(q."period") FROM "ProgressUpdate" q WHERE q."unitId" = p."unitId" AND q."criterionId" = p."criterionId" AND q."year" = $2 AND q."supersededAt" IS NULL)
      GROUP BY p."criterionId"`,
    YEAR,
    YEAR,
  );
  const reports = await q<{ n: number | bigint }[]>(
    `SELECT "status", "categoryId", COUNT(*) AS n FROM "WasteReport" WHERE "createdAt" >= $1 AND "createdAt" < $2 GROUP BY "status", "categoryId"`,
    from,
    to,
  );
  const [{ n }] = await q<{ n: number | bigint }[]>(
    `SELECT COUNT(*) AS n FROM "WasteReport" WHERE "createdAt" >= $1 AND "createdAt" < $2 AND "handlingMinutes" IS NOT NULL`,
    from,
    to,
  ) as [{ n: number | bigint }];
  const resolved = Number(n);
  const middle = await q<{ handlingMinutes: number }[]>(
    `SELECT "handlingMinutes" FROM "WasteReport" WHERE "createdAt" >= $1 AND "createdAt" < $2 AND "handlingMinutes" IS NOT NULL ORDER BY "handlingMinutes" LIMIT ${resolved % 2 ? 1 : 2} OFFSET ${Math.floor((resolved - 1) / 2)}`,
    from,
    to,
  );
  const count = reports.reduce((a, r) => a + Number(r.n), 0);
  const median = middle.length ? middle.reduce((a, r) => a + Number(r.handlingMinutes), 0) / middle.length / 1_440 : undefined;
  return { submissions: submissions.length, criteria: criteria.length, reports: count, median };
}

async function timeIt<T>(runs: number, fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  let result = await fn(); // warm-up: caches and query plans, as in a running bot
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, result };
}

export interface ProvinceYearFigures {
  rows: { units: number; criteria: number; progressUpdates: number; wasteReports: number };
  digestMs: number;
  sqlMs: number;
  /** What both computed, to show they read the same rows. */
  check: { digestReports: number; sqlReports: number; digestMedianDays: number | null; sqlMedianDays: number | undefined };
  exportMs: number;
  exportBytes: number;
  rssBeforeMb: number;
  rssPeakMb: number;
}

async function seedDatabase(url: string): Promise<{ seedSeconds: number }> {
  const app = await startTestApp({ databaseUrl: url });
  const { db } = app.database;
  const campaign = await db.campaign.findFirstOrThrow();
  const started = performance.now();
  await seed(db, campaign.id);
  const seedSeconds = (performance.now() - started) / 1000;
  await app.stop();
  return { seedSeconds };
}

async function measure(url: string): Promise<ProvinceYearFigures> {
  const app = await startTestApp({ databaseUrl: url });
  const { db } = app.database;
  const campaign = await db.campaign.findFirstOrThrow();
  const provider = parseDatabaseUrl(url).provider;

  // The export as an official gets it: a job queued, built by the runner, its file stored.
  const official = await db.person.create({ data: { displayName: 'Cán bộ thử', roles: { create: { role: 'official' } } } });
  const identity = await db.identity.create({ data: { personId: official.id, channel: 'web', externalId: `bench-official-${Date.now()}`, chatId: 'bench-official' } });
  global.gc?.();
  const rssBeforeMb = process.memoryUsage().rss / 1048576;
  let rssPeakMb = rssBeforeMb;
  const sampler = setInterval(() => (rssPeakMb = Math.max(rssPeakMb, process.memoryUsage().rss / 1048576)), 20);
  const started = performance.now();
  await db.job.create({ data: { kind: 'export', argsJson: JSON.stringify({ year: YEAR, format: 'xlsx' }), personId: official.id, identityId: identity.id } });
  app.jobs.kick();
  await app.jobs.idle();
  const exportMs = performance.now() - started;
  clearInterval(sampler);
  const job = await db.job.findFirstOrThrow({ where: { personId: official.id } });
  if (job.status !== 'done') throw new Error(`export job ended ${job.status}: ${job.lastError}`);
  const file = await db.storedFile.findFirstOrThrow({ where: { mimeType: { contains: 'spreadsheet' } }, orderBy: { createdAt: 'desc' }, select: { sizeBytes: true } });

  // The digest after the export, so the export's memory is measured from an idle bot.
  const digest = await timeIt(5, () => summarizeYear(db, { campaignId: campaign.id, year: YEAR }));
  const sql = await timeIt(5, () => handWrittenDigest(db, provider, campaign.id));
  if (digest.result.criteria.length !== sql.result.criteria) throw new Error(`digest has ${digest.result.criteria.length} criteria, SQL ${sql.result.criteria}`);

  const figures: ProvinceYearFigures = {
    rows: { units: await db.unit.count(), criteria: await db.criterion.count(), progressUpdates: await db.progressUpdate.count(), wasteReports: await db.wasteReport.count() },
    digestMs: digest.ms,
    sqlMs: sql.ms,
    check: {
      digestReports: Object.values(digest.result.reportsByStatus).reduce((a, b) => a + b, 0),
      sqlReports: sql.result.reports,
      digestMedianDays: digest.result.medianHandlingDays,
      sqlMedianDays: sql.result.median,
    },
    exportMs,
    exportBytes: file.sizeBytes,
    rssBeforeMb,
    rssPeakMb,
  };
  await app.stop();
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [mode, url] = process.argv.slice(2);
  if (!url || (mode !== 'seed' && mode !== 'measure')) throw new Error('usage: province-year.ts seed|measure DATABASE_URL');
  console.log(JSON.stringify(mode === 'seed' ? await seedDatabase(url) : await measure(url)));
}
