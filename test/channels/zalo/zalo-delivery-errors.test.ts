import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZALO_QUOTA_BACKOFF_SECONDS } from '../../../src/channels/zalo/zalo-api.js';
import { FakeZaloApi, ZaloChat } from '../../helpers/fake-zalo-api.js';
import { startTestApp, type TestApp } from '../../helpers/start-test-app.js';
import { TestClock } from '../../helpers/test-clock.js';
import { createEmptyDatabase, type TestDatabase } from '../../helpers/test-database.js';

const until = async (check: () => Promise<boolean>, what: string) => {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
};

// Bodies as Zalo's error table documents them (https://bot.zaloplatforms.com/docs, "Bảng mã lỗi").
describe('Zalo delivery errors', () => {
  let zalo: FakeZaloApi;
  let database: TestDatabase;
  let app: TestApp;
  const clock = new TestClock();

  beforeAll(async () => {
    zalo = await new FakeZaloApi().start();
    database = await createEmptyDatabase('sqlite');
    app = await startTestApp({ databaseUrl: database.url, clock, env: { ZALO_BOT_TOKEN: zalo.token, ZALO_API_ROOT: zalo.url } });
  });
  afterAll(async () => {
    await app?.stop();
    await zalo?.stop();
    await database?.drop();
  });

  const failedRow = (chatId: string) => app.database.db.outboxMessage.findFirst({ where: { channel: 'zalo', chatId, status: 'pending', lastError: { not: null } } });

  it('should retry a 403 "Internal server error" with backoff and keep the person reachable', async () => {
    const citizen = new ZaloChat(zalo, 'e-403');
    await citizen.say('/start');
    zalo.failNextSends({ errorCode: 403, description: 'Internal server error' });
    const before = citizen.messages.length;
    zalo.text('e-403', '/trogiup');
    await until(async () => (await failedRow('e-403')) !== null, 'the failed attempt');
    const row = (await failedRow('e-403'))!;
    expect(row.attempts).toBe(1);
    expect(citizen.messages.slice(before).some((m) => m.text.includes('Các lệnh bạn có thể dùng'))).toBe(false);
    expect(row.lastError).toContain('Zalo 403');
    expect(row.nextAttemptAt.getTime() - clock.now().getTime()).toBe(1000);
    clock.advance(1000);
    await citizen.waitFor((m) => m.text.includes('Các lệnh bạn có thể dùng'));
    const identity = await app.database.db.identity.findFirstOrThrow({ where: { channel: 'zalo', externalId: 'e-403' } });
    expect(identity.status).toBe('active');
  });

  it('should leave a 429 "Quota exceeded" for the quota window, then deliver', async () => {
    const citizen = new ZaloChat(zalo, 'e-429');
    await citizen.say('/start');
    zalo.failNextSends({ errorCode: 429, description: 'Quota exceeded' });
    const before = citizen.messages.length;
    zalo.text('e-429', '/trogiup');
    await until(async () => (await failedRow('e-429')) !== null, 'the failed attempt');
    const row = (await failedRow('e-429'))!;
    expect(row.attempts).toBe(1);
    expect(citizen.messages.slice(before).some((m) => m.text.includes('Các lệnh bạn có thể dùng'))).toBe(false);
    expect(row.nextAttemptAt.getTime() - clock.now().getTime()).toBe(ZALO_QUOTA_BACKOFF_SECONDS * 1000);
    expect(ZALO_QUOTA_BACKOFF_SECONDS).toBeGreaterThan(1);
    clock.advance(ZALO_QUOTA_BACKOFF_SECONDS * 1000);
    await citizen.waitFor((m) => m.text.includes('Các lệnh bạn có thể dùng'));
    expect((await app.database.db.identity.findFirstOrThrow({ where: { channel: 'zalo', externalId: 'e-429' } })).status).toBe('active');
  });
});
