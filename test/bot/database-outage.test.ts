import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';
import { createEmptyDatabase, type TestDatabase } from '../helpers/test-database.js';

describe.skipIf(!process.env.TEST_DATABASE_URL)('the database away for a while (PostgreSQL)', () => {
  let api: FakeTelegramApi;
  let database: TestDatabase;
  let proxy: TcpProxy;
  let app: TestApp;

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    database = await createEmptyDatabase('postgresql');
    const direct = new URL(database.url);
    proxy = await new TcpProxy(direct.hostname, Number(direct.port || 5432)).start();
    direct.hostname = '127.0.0.1';
    direct.port = String(proxy.port);
    app = await startTestApp({ databaseUrl: direct.toString(), telegram: api });
  });
  afterAll(async () => {
    await app?.stop();
    await proxy?.stop();
    await api?.stop();
    await database?.drop();
  });

  it('should hold updates while the database is down, then handle each once', async () => {
    api.pushText(601, '/start');
    await api.waitForMessages(601, 1);

    proxy.cut();
    api.pushText(601, '2'); // English
    api.pushText(602, '/trogiup');
    await new Promise((r) => setTimeout(r, 2500));
    expect(api.messagesTo(601)).toHaveLength(1);
    expect(api.messagesTo(602)).toHaveLength(0);
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(503);

    proxy.restore();
    const [, second] = await api.waitForMessages(601, 2, 30_000);
    expect(second!.text).toBe('How are you taking part?');
    const [help] = await api.waitForMessages(602, 1, 30_000);
    expect(help!.text).toContain('Các lệnh bạn có thể dùng');
    await new Promise((r) => setTimeout(r, 1000));
    expect(api.messagesTo(601)).toHaveLength(2);
    expect(api.messagesTo(602)).toHaveLength(1);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('a button pressed through the webhook while the database is away (PostgreSQL)', () => {
  const SECRET = 'outage_webhook_secret_0123';
  let api: FakeTelegramApi;
  let database: TestDatabase;
  let proxy: TcpProxy;
  let app: TestApp;
  const post = (body: unknown) =>
    fetch(`${app.url}/telegram/hook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(body) });
  const chat = { id: 611, type: 'private', first_name: 'A' };
  const from = { id: 611, is_bot: false, first_name: 'A' };

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    database = await createEmptyDatabase('postgresql');
    const direct = new URL(database.url);
    proxy = await new TcpProxy(direct.hostname, Number(direct.port || 5432)).start();
    direct.hostname = '127.0.0.1';
    direct.port = String(proxy.port);
    app = await startTestApp({
      databaseUrl: direct.toString(),
      telegram: api,
      env: { TELEGRAM_WEBHOOK_URL: 'https://bot.example.gov.vn/telegram/hook', TELEGRAM_WEBHOOK_SECRET: SECRET },
    });
  });
  afterAll(async () => {
    await app?.stop();
    await proxy?.stop();
    await api?.stop();
    await database?.drop();
  });

  it('should leave the press unacknowledged for Telegram to send again, then answer it once', async () => {
    expect((await post({ update_id: 1, message: { message_id: 1, date: 0, chat, from, text: '/start' } })).status).toBe(200);
    const [welcome] = await api.waitForMessages(611, 1);
    const press = { update_id: 2, callback_query: { id: 'cb-2', chat_instance: '1', from, message: { message_id: 1, date: 0, chat, text: '' }, data: welcome!.buttons.flat()[0]!.data } };

    proxy.cut();
    const refused = await post(press);
    // Not acknowledged: Telegram keeps the press and sends it again.
    expect(refused.status).toBe(503);
    expect(await refused.json()).not.toHaveProperty('method');

    proxy.restore();
    let answered: Response | undefined;
    for (let tries = 0; tries < 60 && answered?.status !== 200; tries++) {
      if (answered) await new Promise((r) => setTimeout(r, 500));
      answered = await post(press);
    }
    expect(await answered!.json()).toEqual({ method: 'answerCallbackQuery', callback_query_id: 'cb-2' });
    await api.waitForMessages(611, 2, 30_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(api.messagesTo(611)).toHaveLength(2);
  });
});
