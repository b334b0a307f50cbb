import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvite } from '../../src/invites/create-invite.js';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { TelegramChat } from '../helpers/telegram-chat.js';
import { TestClock } from '../helpers/test-clock.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';

const vn = (s: string) => new Date(`${s}+07:00`);
const OFFICIAL = 910;
const text = TelegramChat.text;

/**
 * The fourth quarter is due on 10 January, and last year's figures are finished in the new
 * year, when the bundled plan's phase 2 has begun: a contact can still give them.
 */
describe.each(providers)('last year\'s periods in the new year (%s)', (provider) => {
  let api: FakeTelegramApi;
  let database: TestDatabase;
  let app: TestApp;
  const clock = new TestClock(vn('2026-01-05T09:00:00'));

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    database = await createEmptyDatabase(provider);
    app = await startTestApp({ databaseUrl: database.url, telegram: api, clock, env: { ADMINS: `telegram:${OFFICIAL}` } });
    await app.database.db.campaign.updateMany({ data: { goLiveAt: vn('2025-01-01T00:00:00') } });
  });
  afterAll(async () => {
    await app?.stop();
    await api?.stop();
    await database?.drop();
  });

  it('should offer last year\'s fourth quarter and year, take a figure for it, and count it as done', async () => {
    const finance = await app.database.db.unit.findFirstOrThrow({ where: { code: 'SO_TC' } });
    const { code } = await app.database.db.$transaction((tx) => createInvite(tx, { role: 'unit_contact', unitId: finance.id, createdById: null, ttlDays: 14, now: clock.now() }));
    const contact = new TelegramChat(api, 911);
    await contact.say(`/start ${code}`);
    await contact.say('/capnhat');
    await contact.press('Tỉ trọng chi thường xuyên trong tổng chi ngân sách nhà nước');
    expect(contact.last.buttons.flat().map((b) => b.text)).toEqual(expect.arrayContaining(['Quý 1/2026', 'Năm 2026', 'Quý 4/2025', 'Năm 2025']));
    await contact.press('Quý 4/2025');
    await contact.say('62,5%');
    await contact.press('Bỏ qua');
    await contact.press('Bỏ qua');
    expect(text(await contact.press('Lưu'))).toContain('Quý 4/2025: 62,5%');

    clock.set(vn('2026-01-12T09:00:00'));
    const overdue = text(await new TelegramChat(api, OFFICIAL).say('/quahan'));
    const quarter = overdue.split('\n\n').find((block) => block.startsWith('Cập nhật tiến độ quý — Quý 4/2025'))!;
    expect(quarter).toContain('hạn 10/01/2026');
    expect(quarter).not.toContain('Sở Tài chính');
  });
});
