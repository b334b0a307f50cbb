import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { TelegramChat } from '../helpers/telegram-chat.js';
import { TestClock } from '../helpers/test-clock.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';

const vn = (s: string) => new Date(`${s}+07:00`);
const ADMIN = 7000;

describe.each(providers)('reminder fan-out through a failing Bot API (%s)', (provider) => {
  let api: FakeTelegramApi;
  let database: TestDatabase;
  let app: TestApp;
  const clock = new TestClock(vn('2026-12-01T08:30:00'));
  const contacts: number[] = [];

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    database = await createEmptyDatabase(provider);
    app = await startTestApp({ databaseUrl: database.url, telegram: api, clock, env: { ADMINS: `telegram:${ADMIN}`, SEND_TIMEOUT_SECONDS: '1' } });
    const units = await app.database.db.unit.findMany({ where: { kind: { code: { in: ['department', 'district', 'mass_org'] } } }, orderBy: { sortOrder: 'asc' } });
    for (const [i, unit] of units.entries()) {
      const chat = 8000 + i;
      contacts.push(chat);
      await app.database.db.person.create({
        data: {
          displayName: `Contact ${chat}`,
          identities: { create: { channel: 'telegram', externalId: String(chat), chatId: String(chat) } },
          roles: { create: { role: 'unit_contact', unitId: unit.id } },
        },
      });
    }
  });
  afterAll(async () => {
    await app?.stop();
    await api?.stop();
    await database?.drop();
  });

  it('should deliver every reminder once despite 429, 500, timeouts and a blocked contact', async () => {
    api.failNextSends(
      { status: 429, description: 'Too Many Requests: retry after 1', retryAfter: 1 },
      { status: 500, description: 'Internal Server Error' },
      { status: 0, description: '', hang: true },
      { status: 403, description: 'Forbidden: bot was blocked by the user' },
      { status: 502, description: 'Bad Gateway' },
    );
    await app.runScheduler();
    const deadline = Date.now() + 40_000;
    const delivered = () => new Set(api.sent.map((m) => Number(m.chatId)));
    while (Date.now() < deadline && delivered().size < contacts.length - 1) {
      clock.advance(5_000); // backoffs are measured on the bot's clock
      await app.outbox.sweep();
      await new Promise((r) => setTimeout(r, 200));
    }
    const perChat = new Map<number, number>();
    for (const m of api.sent) perChat.set(Number(m.chatId), (perChat.get(Number(m.chatId)) ?? 0) + 1);
    const blocked = await app.database.db.identity.findMany({ where: { status: 'blocked' } });
    expect(blocked).toHaveLength(1);
    const blockedChat = Number(blocked[0]!.chatId);
    for (const chat of contacts) expect(perChat.get(chat) ?? 0, `chat ${chat}`).toBe(chat === blockedChat ? 0 : 1);
    const failed = await app.database.db.outboxMessage.findMany({ where: { status: 'failed' } });
    expect(failed.map((f) => f.chatId)).toEqual([String(blockedChat)]);
    expect(await app.database.db.outboxMessage.count({ where: { status: { in: ['pending', 'sending'] } } })).toBe(0);

    const admin = new TelegramChat(api, ADMIN);
    const report = TelegramChat.text(await admin.say('/guiloi'));
    expect(report).toContain('Tin nhắn gửi thất bại: 1. Tài khoản không liên lạc được: 1.');
    expect(report).toContain('bot was blocked by the user');
  });
});
