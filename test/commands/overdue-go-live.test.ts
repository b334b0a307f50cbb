import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { TelegramChat } from '../helpers/telegram-chat.js';
import { TestClock } from '../helpers/test-clock.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';

const vn = (s: string) => new Date(`${s}+07:00`);
const OFFICIAL = 4700;

describe.each(providers)('/quahan on a fresh install (%s)', (provider) => {
  let api: FakeTelegramApi;
  let database: TestDatabase;
  let app: TestApp;
  const clock = new TestClock(vn('2026-11-29T09:00:00'));

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

  it('should store the day it was first loaded as the go-live day', async () => {
    const campaign = await app.database.db.campaign.findFirstOrThrow();
    expect(campaign.goLiveAt).toEqual(vn('2026-11-29T09:00:00'));
  });

  it('should not list periods due before the bot went live', async () => {
    const official = new TelegramChat(api, OFFICIAL);
    // The 2025 annual report and the third quarter of 2026 were due before anyone was asked.
    expect(TelegramChat.text(await official.say('/quahan'))).toContain('Không có đơn vị nào quá hạn');
  });

  it('should list a period due after go-live, and let an official mark it not required', async () => {
    const official = new TelegramChat(api, OFFICIAL);
    clock.set(vn('2027-01-15T09:00:00'));
    const text = TelegramChat.text(await official.say('/quahan'));
    expect(text).toContain('Cập nhật tiến độ quý — Quý 4/2026 — hạn 10/01/2027, đã quá 5 ngày');
    expect(text).not.toContain('Năm 2025');
    expect(official.last.buttons.flat().map((b) => b.data)).toContain('m:quahan bo quarterly_progress 2026-Q4');
    // 13 departments, 8 districts and 6 organisations had nothing to give for it.
    expect(TelegramChat.text(await official.press('Không yêu cầu kỳ: Quý 4/2026'))).toContain('Đã ghi nhận không yêu cầu 27 đơn vị nộp: Cập nhật tiến độ quý — Quý 4/2026');
    const after = TelegramChat.text(await official.say('/quahan'));
    expect(after).not.toContain('Quý 4/2026');
    // The 2026 annual report was due after go-live: it stays overdue.
    expect(after).toContain('Báo cáo năm — Năm 2026 — hạn 15/12/2026, đã quá 31 ngày');
    const audit = await app.database.db.auditLog.findFirstOrThrow({ where: { action: 'cycle.not_required' } });
    expect(audit.subjectId).toBe('quarterly_progress/2026-Q4');
    // A period that is not overdue cannot be waived by hand.
    expect(TelegramChat.text(await official.say('/quahan bo annual_report 2027'))).toContain('Không có kỳ báo cáo đã quá hạn như vậy');
  });
});
