import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeZaloOa } from '../../../src/channels/zalo-oa/authorize-zalo-oa.js';
import { FakeZaloOaApi, ZaloOaChat } from '../../helpers/fake-zalo-oa-api.js';
import { startTestApp, type TestApp } from '../../helpers/start-test-app.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../../helpers/test-database.js';

describe.each(providers)('files people send on a Zalo Official Account (%s)', (provider) => {
  let oa: FakeZaloOaApi;
  let database: TestDatabase;
  let app: TestApp;
  let webhook: string;
  const chat = (userId: string) => new ZaloOaChat(oa, webhook, userId);

  beforeAll(async () => {
    oa = await new FakeZaloOaApi().start();
    database = await createEmptyDatabase(provider);
    app = await startTestApp({ databaseUrl: database.url, env: oa.env() });
    webhook = `${app.url}/zalo-oa/webhook`;
    await authorizeZaloOa({ db: app.database.db, oauthRoot: oa.url, appId: oa.appId, appSecret: oa.appSecret, code: 'auth_code_0123456789', now: new Date() });
  });
  afterAll(async () => {
    oa.fileDelayMs = 0;
    await app?.stop();
    await oa?.stop();
    await database?.drop();
  });

  it('should answer Zalo within the webhook\'s few seconds when the file server is slow', async () => {
    oa.fileDelayMs = 8_000;
    try {
      const started = Date.now();
      expect((await chat('oa-500').post(oa.file('oa-500', oa.fileUrl('slow.pdf'), 'Biên bản.pdf'))).status).toBe(200);
      expect(Date.now() - started).toBeLessThan(7_000);
    } finally {
      oa.fileDelayMs = 0;
    }
  });
});
