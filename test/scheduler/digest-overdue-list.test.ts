import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config.js';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { TelegramChat } from '../helpers/telegram-chat.js';
import { TestClock } from '../helpers/test-clock.js';
import { createEmptyDatabase, type TestDatabase } from '../helpers/test-database.js';

const vn = (s: string) => new Date(`${s}+07:00`);
const OFFICIAL = 4700;

/** A figure the digest gives is one an official can check against the names under it. */
describe('the weekly digest\'s overdue list, on Lâm Đồng\'s 43 units', () => {
  let api: FakeTelegramApi;
  let database: TestDatabase;
  let app: TestApp;
  const clock = new TestClock(vn('2026-12-21T10:00:00'));

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    database = await createEmptyDatabase('sqlite');
    app = await startTestApp({
      databaseUrl: database.url,
      telegram: api,
      clock,
      env: { ADMINS: `telegram:${OFFICIAL}`, CAMPAIGN_FILE: path.join(PROJECT_ROOT, 'prisma/campaigns/lam-dong-2026-2030.json') },
    });
    await new TelegramChat(api, OFFICIAL).say('/tonghoptuan on');
  });
  afterAll(async () => {
    await app?.stop();
    await api?.stop();
    await database?.drop();
  });

  it('should say how many overdue units it does not name', async () => {
    const official = new TelegramChat(api, OFFICIAL);
    clock.set(vn('2026-12-28T08:30:00'));
    await app.runScheduler();
    const digest = await official.waitFor((m) => m.text.startsWith('📋 Tổng hợp tuần (28/12/2026)'));
    const lines = digest.text.split('\n');
    const count = Number(/^Quá hạn (\d+) đơn vị:$/.exec(lines.find((l) => l.startsWith('Quá hạn'))!)![1]);
    const named = lines.filter((l) => l.startsWith('• ')).length;
    expect(count).toBeGreaterThan(30);
    expect(named).toBe(30);
    expect(digest.text).toContain(`… và ${count - named} đơn vị khác; gõ /quahan để xem đủ.`);
  });
});
