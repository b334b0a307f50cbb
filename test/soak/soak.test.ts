import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { soak } from '../helpers/soak.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { createEmptyDatabase, type TestDatabase } from '../helpers/test-database.js';

/** `npm run bench` soaks 100,000 updates; the suite a few thousand, to stay quick. */
const UPDATES = Number(process.env.SOAK_UPDATES ?? 4_000);

describe('soak: a long stream of updates', () => {
  let api: FakeTelegramApi;
  let database: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    database = await createEmptyDatabase('sqlite');
    app = await startTestApp({ databaseUrl: database.url, telegram: api });
  });
  afterAll(async () => {
    await app?.stop();
    await api?.stop();
    await database?.drop();
  });

  it('should handle every update, answer every one, and keep its live memory flat', async () => {
    const result = await soak({ app, api, updates: UPDATES });
    const handled = result.samples.at(-1)!.updates;
    expect(handled).toBeGreaterThanOrEqual(UPDATES);
    // Every journey ended with a tracking code, none with the apology for an internal error.
    expect(result.completed).toBe(Math.ceil(UPDATES / 11));
    expect(result.apologies).toBe(0);
    // A leak keeping even one update's worth of objects (a few kB) per update would show here.
    expect(result.heapSlopeKbPer1000).toBeLessThan(1_000);
    console.log(`soak: ${handled} updates at ${result.perSecond.toFixed(0)}/s; live heap ${result.samples[0]!.heapMb.toFixed(1)} → ${result.samples.at(-1)!.heapMb.toFixed(1)} MB, trend ${result.heapSlopeKbPer1000.toFixed(0)} kB per 1,000 updates`);
  }, 600_000);
});
