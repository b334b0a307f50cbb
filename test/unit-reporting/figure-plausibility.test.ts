import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvite } from '../../src/invites/create-invite.js';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { TelegramChat } from '../helpers/telegram-chat.js';
import { TestClock } from '../helpers/test-clock.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';

const vn = (s: string) => new Date(`${s}+07:00`);
const text = TelegramChat.text;

/** What a province signs: a fall is a figure too, and a digit typed twice is not. */
describe.each(providers)('figures a province can sign (%s)', (provider) => {
  let api: FakeTelegramApi;
  let database: TestDatabase;
  let app: TestApp;
  let contact: TelegramChat;
  const clock = new TestClock(vn('2026-11-20T09:00:00'));

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    database = await createEmptyDatabase(provider);
    app = await startTestApp({ databaseUrl: database.url, telegram: api, clock });
    const finance = await app.database.db.unit.findFirstOrThrow({ where: { code: 'SO_TC' } });
    const { code } = await app.database.db.$transaction((tx) => createInvite(tx, { role: 'unit_contact', unitId: finance.id, createdById: null, ttlDays: 14, now: clock.now() }));
    contact = new TelegramChat(api, 931);
    await contact.say(`/start ${code}`);
  });
  afterAll(async () => {
    await app?.stop();
    await api?.stop();
    await database?.drop();
  });

  async function choose(criterion: string) {
    await contact.say('/capnhat');
    while (!contact.last.buttons.flat().some((b) => b.text === criterion)) await contact.press('Trang sau');
    await contact.press(criterion);
    return contact.press('Năm 2026');
  }

  async function save() {
    await contact.press('Bỏ qua');
    await contact.press('Bỏ qua');
    return text(await contact.press('Lưu'));
  }

  it('should take a fall in revenue as a negative rate of change', async () => {
    expect(text(await choose('Tốc độ tăng thu ngân sách bình quân'))).toContain('nếu giảm, ghi dấu trừ, ví dụ -2,1');
    await contact.say('-2,1%');
    expect(await save()).toContain('Năm 2026: -2,1%');
    const row = await app.database.db.progressUpdate.findFirstOrThrow({ where: { criterion: { code: 'BUDGET_REVENUE_GROWTH' } } });
    expect(row.valueNumber).toBe(-2.1);
  });

  it('should refuse an amount beyond any province, ask about a very large one, and let the contact type it again', async () => {
    await choose('Thu ngân sách nhà nước trên địa bàn');
    expect(text(await contact.say('999999999999999 tỷ'))).toContain('Số tiền vượt quá 1.000.000 tỷ đồng: có lẽ thừa một chữ số hoặc đơn vị.');
    expect(text(await contact.say('190.000 tỷ'))).toContain('Bạn nhập 190.000 tỷ, một số rất lớn. Có đúng là 190.000 tỷ đồng?');
    await contact.press('Nhập lại');
    await contact.say('19.000 tỷ');
    expect(await save()).toContain('Năm 2026: 19.000 tỷ đồng');
    const rows = await app.database.db.progressUpdate.findMany({ where: { criterion: { code: 'BUDGET_REVENUE' } } });
    expect(rows.map((r) => r.valueNumber)).toEqual([19_000e9]);
  });
});
