import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/store/create-database.js';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { TelegramChat } from '../helpers/telegram-chat.js';
import { TestClock } from '../helpers/test-clock.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';

const vn = (s: string) => new Date(`${s}+07:00`);
const OFFICIAL = 4600;
const CITIZEN = 4601;
/** Enough citizen reports for the export to take a noticeable while. */
const REPORTS = 20_000;

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000) {
  for (const deadline = Date.now() + timeoutMs; !(await check()); ) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.each(providers)('jobs: exports run after the turn, with progress, and survive restarts (%s)', (provider) => {
  let api: FakeTelegramApi;
  let database: TestDatabase;
  let app: TestApp;
  const clock = new TestClock(vn('2026-12-20T09:00:00'));
  const start = () =>
    startTestApp({ databaseUrl: database.url, telegram: api, clock, env: { ADMINS: `telegram:${OFFICIAL}` }, jobStatusAfterMs: 0 });

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    database = await createEmptyDatabase(provider);
    app = await start();
    const { db } = app.database;
    const categories = await db.wasteCategory.findMany();
    const citizen = await db.person.create({ data: { displayName: 'Người dân' } });
    for (let i = 0; i < REPORTS; i += 5_000) {
      await db.wasteReport.createMany({
        data: Array.from({ length: 5_000 }, (_, k) => ({
          code: `T${String(i + k).padStart(7, '0')}`,
          categoryId: categories[(i + k) % categories.length]!.id,
          description: `Phản ánh số ${i + k} về việc sử dụng lãng phí tài sản công ở địa phương.`,
          reporterId: citizen.id,
          createdAt: new Date(vn('2026-01-01T08:00:00').getTime() + (i + k) * 1_500_000),
        })),
      });
    }
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await api?.stop();
    await database?.drop();
  });

  it('should answer other people while an export is built, show progress, and send the file once', async () => {
    const official = new TelegramChat(api, OFFICIAL);
    const citizen = new TelegramChat(api, CITIZEN);
    // The job's own status line may come before or after a reply: wait for the reply itself.
    await official.say('/xuat 2026');
    await official.waitFor((m) => m.text.includes('Đang lập bảng tính Excel năm 2026'));
    // Asking again while it runs does not build it twice.
    await official.say('/xuat 2026');
    await official.waitFor((m) => m.text.includes('Yêu cầu này đang được thực hiện'));
    const help = await citizen.say('/trogiup');
    await until('the workbook', () => api.documents.some((d) => d.chatId === String(OFFICIAL)));
    await app.jobs.idle();
    // The citizen was answered while the workbook was still being built.
    expect(help[0]!.order).toBeLessThan(api.documents.find((d) => d.chatId === String(OFFICIAL))!.order);
    expect(api.chatActions.filter((a) => a.chatId === String(OFFICIAL) && a.action === 'upload_document').length).toBeGreaterThan(0);
    // The status line followed the work and ends saying it is done.
    const status = official.messages.find((m) => m.edits.length > 0)!;
    expect(status.text).toBe('✅ Đã xong, tệp đang được gửi.');
    expect(status.edits.some((t) => /^⏳ Đang lập bảng tính: \d+%$/.test(t))).toBe(true);
    const jobs = await app.database.db.job.findMany();
    expect(jobs.map((j) => j.status)).toEqual(['done']);
    expect(await app.database.db.auditLog.count({ where: { action: 'export' } })).toBe(1);
  }, 120_000);

  it('should take up a job left running by a crash after its lease, and give up politely on one that keeps failing', async () => {
    await app.stop();
    const { db, close } = await createDatabase(database.target);
    const identity = await db.identity.findFirstOrThrow({ where: { externalId: String(OFFICIAL) } });
    // A crash mid-way leaves a job "running" under a lease that has run out…
    await db.job.create({ data: { kind: 'chart', argsJson: JSON.stringify({ year: 2026 }), personId: identity.personId, identityId: identity.id, status: 'running', attempts: 1, lockedBy: 'crashed', lockedUntil: vn('2026-12-20T08:00:00'), createdAt: vn('2026-12-20T07:59:00') } });
    // …and a job that failed every time it was tried is not tried again for ever.
    await db.job.create({ data: { kind: 'export', argsJson: JSON.stringify({ year: 2026, format: 'xlsx' }), personId: identity.personId, identityId: identity.id, status: 'running', attempts: 3, lockedBy: 'crashed', lockedUntil: vn('2026-12-20T08:00:00'), createdAt: vn('2026-12-20T08:00:00') } });
    const official = new TelegramChat(api, OFFICIAL);
    const before = official.messages.length;
    const photosBefore = api.photos.length;
    await close();
    app = await start();
    await official.waitFor((m) => m.text.startsWith('📈 Biểu đồ năm 2026'), 30_000);
    await official.waitFor((m) => m.text.startsWith('❌ Rất tiếc, không lập được tệp'), 30_000);
    await app.jobs.idle();
    expect(api.photos.length - photosBefore).toBe(4);
    expect(official.messages.slice(before).filter((m) => m.text.startsWith('📈'))).toHaveLength(1);
    const jobs = await app.database.db.job.findMany({ orderBy: { createdAt: 'asc' } });
    expect(jobs.map((j) => [j.kind, j.status])).toEqual([['chart', 'done'], ['export', 'failed'], ['export', 'done']]);
  }, 120_000);
});
