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
