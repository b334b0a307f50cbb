import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';
import { createEmptyDatabase, type TestDatabase } from '../helpers/test-database.js';

/** A bot whose PostgreSQL is reached through a TCP proxy the test can cut and restore. */
function botBehindProxy(env: Record<string, string> = {}) {
  const bot = {} as { api: FakeTelegramApi; database: TestDatabase; proxy: TcpProxy; app: TestApp };
  beforeAll(async () => {
    bot.api = await new FakeTelegramApi().start();
    bot.database = await createEmptyDatabase('postgresql');
    const direct = new URL(bot.database.url);
    bot.proxy = await new TcpProxy(direct.hostname, Number(direct.port || 5432)).start();
    direct.hostname = '127.0.0.1';
    direct.port = String(bot.proxy.port);
    bot.app = await startTestApp({ databaseUrl: direct.toString(), telegram: bot.api, env });
  });
  afterAll(async () => {
    await bot.app?.stop();
    await bot.proxy?.stop();
    await bot.api?.stop();
    await bot.database?.drop();
  });
  return bot;
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('the database away for a while (PostgreSQL)', () => {
  const bot = botBehindProxy();

  it('should hold updates while the database is down, then handle each once', async () => {
    bot.api.pushText(601, '/start');
    await bot.api.waitForMessages(601, 1);

    bot.proxy.cut();
    bot.api.pushText(601, '2'); // English
    bot.api.pushText(602, '/trogiup');
    await new Promise((r) => setTimeout(r, 2500));
    expect(bot.api.messagesTo(601)).toHaveLength(1);
    expect(bot.api.messagesTo(602)).toHaveLength(0);
    const health = await fetch(`${bot.app.url}/healthz`);
    expect(health.status).toBe(503);

    bot.proxy.restore();
    const [, second] = await bot.api.waitForMessages(601, 2, 30_000);
    expect(second!.text).toBe('How are you taking part?');
    const [help] = await bot.api.waitForMessages(602, 1, 30_000);
    expect(help!.text).toContain('Các lệnh bạn có thể dùng');
    await new Promise((r) => setTimeout(r, 1000));
    expect(bot.api.messagesTo(601)).toHaveLength(2);
    expect(bot.api.messagesTo(602)).toHaveLength(1);
    expect((await fetch(`${bot.app.url}/healthz`)).status).toBe(200);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('a button pressed through the webhook while the database is away (PostgreSQL)', () => {
  const SECRET = 'outage_webhook_secret_0123';
  const bot = botBehindProxy({ TELEGRAM_WEBHOOK_URL: 'https://bot.example.gov.vn/telegram/hook', TELEGRAM_WEBHOOK_SECRET: SECRET });
  const post = (body: unknown) =>
    fetch(`${bot.app.url}/telegram/hook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(body) });
  const chat = { id: 611, type: 'private', first_name: 'A' };
  const from = { id: 611, is_bot: false, first_name: 'A' };

  it('should leave the press unacknowledged for Telegram to send again, then answer it once', async () => {
    expect((await post({ update_id: 1, message: { message_id: 1, date: 0, chat, from, text: '/start' } })).status).toBe(200);
    const [welcome] = await bot.api.waitForMessages(611, 1);
    const press = { update_id: 2, callback_query: { id: 'cb-2', chat_instance: '1', from, message: { message_id: 1, date: 0, chat, text: '' }, data: welcome!.buttons.flat()[0]!.data } };

    bot.proxy.cut();
    const refused = await post(press);
    // Not acknowledged: Telegram keeps the press and sends it again.
    expect(refused.status).toBe(503);
    expect(await refused.json()).not.toHaveProperty('method');

    bot.proxy.restore();
    let answered: Response | undefined;
    for (let tries = 0; tries < 60 && answered?.status !== 200; tries++) {
      if (answered) await new Promise((r) => setTimeout(r, 500));
      answered = await post(press);
    }
    expect(await answered!.json()).toEqual({ method: 'answerCallbackQuery', callback_query_id: 'cb-2' });
    await bot.api.waitForMessages(611, 2, 30_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(bot.api.messagesTo(611)).toHaveLength(2);
  });
});
