import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_UPDATE_ATTEMPTS } from '../../src/bot/record-failed-update.js';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { FakeZaloApi } from '../helpers/fake-zalo-api.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { TelegramChat } from '../helpers/telegram-chat.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';

const ADMIN = 7100;
const SECRET = 'webhook_secret_0123456789';

function message(userId: number, content: Record<string, unknown>, from: Record<string, unknown> = {}) {
  return {
    message: {
      message_id: 1,
      date: 0,
      chat: { id: userId, type: 'private', first_name: 'A' },
      from: { id: userId, is_bot: false, first_name: 'A', ...from },
      ...content,
    },
  };
}

describe.each(providers)('an update that fails for itself, Telegram polling (%s)', (provider) => {
  let api: FakeTelegramApi;
  let database: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    database = await createEmptyDatabase(provider);
    app = await startTestApp({ databaseUrl: database.url, telegram: api, env: { ADMINS: `telegram:${ADMIN}` } });
  });
  afterAll(async () => {
    await app?.stop();
    await api?.stop();
    await database?.drop();
  });

  it('should answer a photo message without sizes like any unsupported message, and the next one too', async () => {
    api.pushRaw(message(7201, { photo: [] }));
    const chat = new TelegramChat(api, 7201);
    const [first] = await api.waitForMessages(7201, 1);
    expect(first!.text).not.toContain('Các lệnh bạn có thể dùng');
    expect(TelegramChat.text(await chat.say('/trogiup'))).toContain('Các lệnh bạn có thể dùng');
    expect(await app.database.db.failedUpdate.count()).toBe(0);
  });

  it('should give up an unreadable update after a bounded number of attempts, answer the chat again and show it to admins', async () => {
    const poison = api.pushRaw(message(7202, { photo: [null] }));
    api.pushText(7202, '/trogiup');
    const [answer] = await api.waitForMessages(7202, 1, 30_000);
    expect(answer!.text).toContain('Các lệnh bạn có thể dùng');
    const failed = await app.database.db.failedUpdate.findUniqueOrThrow({ where: { channel_updateId: { channel: 'telegram', updateId: String(poison) } } });
    expect(failed.attempts).toBe(MAX_UPDATE_ATTEMPTS);
    expect(failed.gaveUpAt).not.toBeNull();
    expect(app.logs.filter((l) => l.includes(`"updateId":${poison}`) || l.includes(`"updateId":"${poison}"`)).length).toBeLessThanOrEqual(3 * MAX_UPDATE_ATTEMPTS);

    const report = TelegramChat.text(await new TelegramChat(api, ADMIN).say('/guiloi'));
    expect(report).toContain('Tin nhắn đến không xử lý được (đã bỏ qua sau nhiều lần thử): 1.');
    expect(report).toContain(`telegram #${poison}`);
  });

  it('should clean control characters out of display names and usernames', async () => {
    api.pushRaw(message(7203, { text: '/trogiup' }, { first_name: 'Nguyễn\u0000 Văn\u0007', last_name: 'A\u0000', username: 'user\u0000name' }));
    await api.waitForMessages(7203, 1, 30_000);
    const identity = await app.database.db.identity.findFirstOrThrow({ where: { channel: 'telegram', externalId: '7203' }, include: { person: true } });
    expect(identity.person.displayName).toBe('Nguyễn Văn A');
    expect(identity.username).toBe('username');
    expect(await app.database.db.failedUpdate.count()).toBe(1); // only the unreadable update above
  });
});

describe.each(providers)('an update that fails for itself, Telegram webhook (%s)', (provider) => {
  let api: FakeTelegramApi;
  let database: TestDatabase;
  let app: TestApp;
  const post = (body: unknown) =>
    fetch(`${app.url}/telegram/hook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    database = await createEmptyDatabase(provider);
    app = await startTestApp({
      databaseUrl: database.url,
      telegram: api,
      env: { TELEGRAM_WEBHOOK_URL: 'https://bot.example.gov.vn/telegram/hook', TELEGRAM_WEBHOOK_SECRET: SECRET },
    });
  });
  afterAll(async () => {
    await app?.stop();
    await api?.stop();
    await database?.drop();
  });

  it('should ask for the update again a bounded number of times, then acknowledge it', async () => {
    const poison = { update_id: 880001, ...message(7301, { photo: [null] }) };
    const statuses: number[] = [];
    for (let i = 0; i < MAX_UPDATE_ATTEMPTS + 1; i++) statuses.push((await post(poison)).status);
    expect(statuses).toEqual([...Array.from({ length: MAX_UPDATE_ATTEMPTS - 1 }, () => 503), 200, 200]);
    expect((await post({ update_id: 880002, ...message(7301, { text: '/trogiup' }) })).status).toBe(200);
    const [answer] = await api.waitForMessages(7301, 1);
    expect(answer!.text).toContain('Các lệnh bạn có thể dùng');
  });
});

describe.each(providers)('an update that fails for itself, Zalo (%s)', (provider) => {
  let zalo: FakeZaloApi;
  let database: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    zalo = await new FakeZaloApi().start();
    database = await createEmptyDatabase(provider);
    app = await startTestApp({ databaseUrl: database.url, env: { ZALO_BOT_TOKEN: zalo.token, ZALO_API_ROOT: zalo.url } });
  });
  afterAll(async () => {
    await app?.stop();
    await zalo?.stop();
    await database?.drop();
  });

  it('should clean a display name the database would refuse, and answer', async () => {
    zalo.enqueueRaw({
      event_name: 'message.text.received',
      message: { from: { id: 'z1', display_name: 'Trần\u0000 Thị B' }, chat: { id: 'z1', chat_type: 'PRIVATE' }, text: '/trogiup', message_id: 'zm1', date: 1 },
    });
    const deadline = Date.now() + 15_000;
    while (!zalo.messagesTo('z1').length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(zalo.messagesTo('z1')[0]?.text).toContain('Các lệnh bạn có thể dùng');
    const identity = await app.database.db.identity.findFirstOrThrow({ where: { channel: 'zalo', externalId: 'z1' }, include: { person: true } });
    expect(identity.person.displayName).toBe('Trần Thị B');
  });

  it('should record an update it cannot store as failed, let it go, and answer the next', async () => {
    // A message id the database refuses (PostgreSQL takes no NUL): the update fails for itself.
    const badId = provider === 'postgresql' ? 'zm\u00002' : undefined;
    zalo.enqueueRaw({
      event_name: 'message.text.received',
      message: { from: { id: 'z2', display_name: 'C' }, chat: { id: 'z2', chat_type: 'PRIVATE' }, text: '/trogiup', message_id: badId ?? 'zm2', date: 2 },
    });
    zalo.enqueueRaw({
      event_name: 'message.text.received',
      message: { from: { id: 'z2', display_name: 'C' }, chat: { id: 'z2', chat_type: 'PRIVATE' }, text: '/trogiup', message_id: 'zm3', date: 3 },
    });
    const expected = provider === 'postgresql' ? 1 : 2;
    const deadline = Date.now() + 30_000;
    while (zalo.messagesTo('z2').length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(zalo.messagesTo('z2')).toHaveLength(expected);
    if (provider === 'postgresql') {
      const failed = await app.database.db.failedUpdate.findMany({ where: { channel: 'zalo' } });
      expect(failed).toHaveLength(1);
      expect(failed[0]!.updateId).toBe('zm2');
      expect(failed[0]!.gaveUpAt).not.toBeNull();
    }
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('an update that fails for itself, Zalo webhook (PostgreSQL)', () => {
  let zalo: FakeZaloApi;
  let database: TestDatabase;
  let app: TestApp;
  const post = (body: unknown) =>
    fetch(`${app.url}/zalo/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-bot-api-secret-token': SECRET },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    zalo = await new FakeZaloApi().start();
    database = await createEmptyDatabase('postgresql');
    app = await startTestApp({
      databaseUrl: database.url,
      env: { ZALO_BOT_TOKEN: zalo.token, ZALO_API_ROOT: zalo.url, ZALO_WEBHOOK_URL: 'https://bot.example.gov.vn/zalo/webhook', ZALO_WEBHOOK_SECRET: SECRET },
    });
  });
  afterAll(async () => {
    await app?.stop();
    await zalo?.stop();
    await database?.drop();
  });

  it('should ask for the update again a bounded number of times, then acknowledge and list it', async () => {
    // PostgreSQL takes no NUL, and a message id is not ours to rewrite: the update fails for itself.
    const poison = {
      event_name: 'message.text.received',
      message: { from: { id: 'z9', display_name: 'D' }, chat: { id: 'z9', chat_type: 'PRIVATE' }, text: '/trogiup', message_id: 'w\u00009', date: 9 },
    };
    const statuses: number[] = [];
    for (let i = 0; i < MAX_UPDATE_ATTEMPTS + 1; i++) statuses.push((await post(poison)).status);
    expect(statuses).toEqual([...Array.from({ length: MAX_UPDATE_ATTEMPTS - 1 }, () => 503), 200, 200]);
    const failed = await app.database.db.failedUpdate.findUniqueOrThrow({ where: { channel_updateId: { channel: 'zalo', updateId: 'w9' } } });
    expect(failed.gaveUpAt).not.toBeNull();
    expect((await post(zalo.buildText('z9', '/trogiup'))).status).toBe(200);
    const deadline = Date.now() + 10_000;
    while (!zalo.messagesTo('z9').length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(zalo.messagesTo('z9').map((m) => m.text)).toHaveLength(1);
    expect(zalo.messagesTo('z9')[0]!.text).toContain('Các lệnh bạn có thể dùng');
  });
});
