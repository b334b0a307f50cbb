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
  const clock = new TestClock(vn('2026-12-20T10:00:00'));

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

  it('should list no unit overdue for a period due before the campaign went live, as /quahan does', async () => {
    const official = new TelegramChat(api, OFFICIAL);
    await app.database.db.campaign.updateMany({ data: { goLiveAt: vn('2026-12-18T00:00:00') } });
    clock.set(vn('2026-12-21T08:30:00'));
    await app.runScheduler();
    const digest = await official.waitFor((m) => m.text.startsWith('📋 Tổng hợp tuần (21/12/2026)'));
    expect(digest.text).not.toContain('Quá hạn');
    expect(TelegramChat.text(await official.say('/quahan'))).toContain('Không có đơn vị nào quá hạn');
    // In use since the start of the year: 2026's annual report is overdue in the bot.
    await app.database.db.campaign.updateMany({ data: { goLiveAt: vn('2026-01-01T00:00:00') } });
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

  it('should say, under /quahan, that it has buttons for some of the late units and how to nudge the rest', async () => {
    const official = new TelegramChat(api, OFFICIAL);
    const text = TelegramChat.text(await official.say('/quahan'));
    const late = /Nút nhắc có cho 20\/(\d+) đơn vị quá hạn báo cáo năm; để nhắc đơn vị khác, gõ \/nhacnho kèm mã đơn vị\./.exec(text);
    expect(Number(late?.[1])).toBeGreaterThan(20);
    expect(official.last.buttons.flat().filter((b) => b.data.startsWith('m:nhacnho'))).toHaveLength(20);
  });
});
