import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseYearArg } from '../../src/domain/parse-year-arg.js';
import { chartJob } from '../../src/jobs/chart-job.js';
import { exportJob } from '../../src/jobs/export-job.js';
import { queueJob } from '../../src/jobs/queue-job.js';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { TelegramChat } from '../helpers/telegram-chat.js';
import { TestClock } from '../helpers/test-clock.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';

const OFFICIAL = 4700;

describe.each(providers)('jobs: arguments are checked when queued, in the turn (%s)', (provider) => {
  let api: FakeTelegramApi;
  let database: TestDatabase;
  let app: TestApp;
  const clock = new TestClock(new Date('2026-12-20T09:00:00+07:00'));

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    database = await createEmptyDatabase(provider);
    app = await startTestApp({ databaseUrl: database.url, telegram: api, clock, env: { ADMINS: `telegram:${OFFICIAL}` } });
  });
  afterAll(async () => {
    await app?.stop();
    await api?.stop();
    await database?.drop();
  });

  it.each(['/xuat 1999', '/xuat 2101 csv', '/bieudo 1999'])('should answer %s in the same turn and queue nothing', async (command) => {
    const official = new TelegramChat(api, OFFICIAL);
    const answer = await official.say(command);
    expect(TelegramChat.text(answer)).toContain('Năm chưa hợp lệ. Xin vui lòng gõ năm có 4 chữ số, từ 2000 đến 2100, ví dụ: 2026.');
    await app.jobs.idle();
    expect(await app.database.db.job.count()).toBe(0);
  });

  it('should let a command and its job accept the same years', () => {
    for (const year of [1999, 2000, 2026, 2100, 2101]) {
      const typed = parseYearArg([String(year)]).kind === 'year';
      expect(exportJob.args.safeParse({ year, format: 'xlsx' }).success).toBe(typed);
      expect(chartJob.args.safeParse({ year }).success).toBe(typed);
    }
  });

  it('should refuse arguments the job would refuse, without a job row', async () => {
    const { db } = app.database;
    const identity = await db.identity.findFirstOrThrow({ where: { externalId: String(OFFICIAL) } });
    const person = { id: identity.personId, displayName: 'Cán bộ', locale: 'vi' as const, roles: [], unitIds: [], assignments: [], localeChosen: true };
    const queued = await db.$transaction((tx) =>
      queueJob(tx, { job: exportJob, args: { year: 1999, format: 'xlsx' }, person, identity: { id: identity.id, channel: 'telegram', chatId: String(OFFICIAL) }, campaignId: 'any', now: clock.now() }),
    );
    expect(queued).toBe('invalid');
    expect(await db.job.count()).toBe(0);
  });
});
