import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegramApi } from '../../helpers/fake-telegram-api.js';
import { startTestApp, type TestApp } from '../../helpers/start-test-app.js';
import { createEmptyDatabase, type TestDatabase } from '../../helpers/test-database.js';

const SECRET = 'webhook_secret_0123456789';

function update(id: number, userId: number, text: string) {
  return {
    update_id: id,
    message: {
      message_id: id,
      date: 0,
      chat: { id: userId, type: 'private', first_name: 'A' },
      from: { id: userId, is_bot: false, first_name: 'A' },
      text,
    },
  };
}

describe('Telegram webhook mode', () => {
  let api: FakeTelegramApi;
  let database: TestDatabase;
  let app: TestApp;
  const post = (body: unknown, secret?: string) =>
    fetch(`${app.url}/telegram/hook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    database = await createEmptyDatabase('sqlite');
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

  it('should register the webhook with its secret and not poll', () => {
    const set = api.calls.find((c) => c.method === 'setWebhook');
    expect(set?.body).toMatchObject({ url: 'https://bot.example.gov.vn/telegram/hook', secret_token: SECRET });
    expect(api.calls.some((c) => c.method === 'getUpdates')).toBe(false);
  });

  it('should reject a missing or wrong secret and handle nothing', async () => {
    expect((await post(update(1, 77, '/help'))).status).toBe(401);
    expect((await post(update(2, 77, '/help'), 'webhook_secret_0123456780')).status).toBe(401);
    expect(await app.database.db.processedUpdate.count()).toBe(0);
    expect(api.sent).toHaveLength(0);
  });

  it('should answer an update with the right secret, once even if Telegram re-sends it', async () => {
    expect((await post(update(3, 77, '/help'), SECRET)).status).toBe(200);
    expect((await post(update(3, 77, '/help'), SECRET)).status).toBe(200);
    const [help] = await api.waitForMessages(77, 1);
    expect(help!.text).toContain('Các lệnh bạn có thể dùng');
    await new Promise((r) => setTimeout(r, 200));
    expect(api.messagesTo(77)).toHaveLength(1);
  });

  it('should acknowledge a button press in its answer to the webhook, not with a call of its own', async () => {
    expect((await post(update(4, 78, '/start'), SECRET)).status).toBe(200);
    const [welcome] = await api.waitForMessages(78, 1);
    const button = welcome!.buttons.flat()[0]!;
    const press = {
      update_id: 5,
      callback_query: { id: 'cb-5', chat_instance: '1', from: { id: 78, is_bot: false, first_name: 'A' }, message: { message_id: 1, date: 0, chat: { id: 78, type: 'private', first_name: 'A' }, text: '' }, data: button.data },
    };
    const res = await post(press, SECRET);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toEqual({ method: 'answerCallbackQuery', callback_query_id: 'cb-5' });
    // The press was a real turn: its answer comes, and the Bot API was not asked a second time.
    await api.waitForMessages(78, 2);
    expect(api.calls.filter((c) => c.method === 'answerCallbackQuery')).toHaveLength(0);
  });

  it('should report the webhook mode in /healthz', async () => {
    const health = (await (await fetch(`${app.url}/healthz`)).json()) as { channels: { telegram: string } };
    expect(health.channels.telegram).toBe('webhook');
  });
});
