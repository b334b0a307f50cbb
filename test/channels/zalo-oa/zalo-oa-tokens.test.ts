import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZaloOaTokenKeeper } from '../../../src/channels/zalo-oa/zalo-oa-token-keeper.js';
import { DeliveryError } from '../../../src/errors.js';
import { createLogger } from '../../../src/logger.js';
import { createDatabase, type Database } from '../../../src/store/create-database.js';
import { FakeZaloOaApi, ZaloOaChat } from '../../helpers/fake-zalo-oa-api.js';
import { startTestApp, type TestApp } from '../../helpers/start-test-app.js';
import { TestClock } from '../../helpers/test-clock.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../../helpers/test-database.js';

describe.each(providers)('Zalo OA tokens (%s)', (provider) => {
  let oa: FakeZaloOaApi;
  let database: TestDatabase;
  let app: TestApp;
  let second: Database;
  const clock = new TestClock(new Date());
  const silent = createLogger({ level: 'silent', secrets: [], destination: { write: () => undefined } });
  const row = () => app.database.db.zaloOaToken.findUniqueOrThrow({ where: { appId: oa.appId } });
  const expireIn = (ms: number) => app.database.db.zaloOaToken.update({ where: { appId: oa.appId }, data: { accessExpiresAt: new Date(clock.now().getTime() + ms) } });
  const keeperOn = (db: Database['db']) =>
    new ZaloOaTokenKeeper({ db, clock, logger: silent, appId: oa.appId, appSecret: oa.appSecret, oauthRoot: oa.url });

  /** The app's database, whose zaloOaToken.updateMany fails as Prisma does, printing its arguments, when `fails` says so. */
  const failingOn = (fails: (args: { where: Record<string, unknown>; data: Record<string, unknown> }) => boolean): Database['db'] => {
    const db = app.database.db;
    const model = db.zaloOaToken;
    const updateMany = async (args: { where: Record<string, unknown>; data: Record<string, unknown> }) => {
      if (fails(args)) throw Object.assign(new Error(`Invalid \`prisma.zaloOaToken.updateMany()\` invocation:\n${JSON.stringify(args)}\nTimed out fetching a new connection`), { code: 'P2024' });
      return model.updateMany(args);
    };
    const tokens = new Proxy(model, { get: (target, key) => (key === 'updateMany' ? updateMany : Reflect.get(target, key)) });
    return new Proxy(db, { get: (target, key) => (key === 'zaloOaToken' ? tokens : Reflect.get(target, key)) });
  };

  beforeAll(async () => {
    oa = await new FakeZaloOaApi().start();
    database = await createEmptyDatabase(provider);
    app = await startTestApp({ databaseUrl: database.url, clock, env: { ...oa.env(), ADMINS: 'zalo_oa:oa-admin' } });
    // A second instance: its own connection to the same database.
    second = await createDatabase(database.target);
    await oa.authorize(app.database.db, clock.now());
  });
  afterAll(async () => {
    await app?.stop();
    await second?.close();
    await oa?.stop();
    await database?.drop();
  });

  it('should leave a token that is not due alone', async () => {
    await keeperOn(app.database.db).refreshIfDue();
    expect(oa.oauthCalls.filter((g) => g === 'refresh_token')).toHaveLength(0);
  });

  it('should spend the single-use refresh token once when two instances race to renew it', async () => {
    await expireIn(30 * 60_000);
    const before = await row();
    oa.oauthDelayMs = 150;
    const one = keeperOn(app.database.db);
    const two = keeperOn(second.db);
    await Promise.all([one.refreshIfDue(), two.refreshIfDue(), one.refreshIfDue(), two.refreshIfDue()]);
    oa.oauthDelayMs = 0;
    expect(oa.oauthCalls.filter((g) => g === 'refresh_token')).toHaveLength(1);
    const after = await row();
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after.accessToken).toBe(oa.accessToken);
    expect([after.leaseOwner, after.leaseUntil, after.lastError]).toEqual([null, null, null]);
    expect(after.accessExpiresAt.getTime() - clock.now().getTime()).toBe(90_000_000);
    // Both instances use the new token.
    expect(await one.accessToken()).toBe(oa.accessToken);
    expect(await two.accessToken()).toBe(oa.accessToken);
  });

  it('should keep messages queued while the token cannot be renewed, tell admins, and send once it is', async () => {
    await expireIn(-1000);
    oa.oauthDown = true;
    const citizen = new ZaloOaChat(oa, `${app.url}/zalo-oa/webhook`, 'oa-300');
    expect((await citizen.post(oa.text('oa-300', '/start'))).status).toBe(200);
    const waiting = () => app.database.db.outboxMessage.findFirst({ where: { channel: 'zalo_oa', chatId: 'oa-300' } });
    for (let i = 0; i < 100 && !(await waiting())?.lastError; i++) await new Promise((r) => setTimeout(r, 25));
    const held = (await waiting())!;
    expect(held).toMatchObject({ status: 'pending', attempts: 0 });
    expect(held.lastError).toContain('could not be renewed');
    expect((await row()).lastError).toContain('-14002');
    expect(app.logs.some((l) => l.includes('Zalo OA token refresh failed'))).toBe(true);
    const alert = await app.database.db.outboxMessage.findFirst({ where: { chatId: 'oa-admin', payloadJson: { contains: 'không gia hạn được mã truy cập' } } });
    expect(alert).not.toBeNull();
    // Many sweeps later nothing has been given up.
    for (let i = 0; i < 5; i++) {
      clock.advance(61_000);
      await app.outbox.sweep();
    }
    expect(await app.database.db.outboxMessage.count({ where: { channel: 'zalo_oa', status: 'failed' } })).toBe(0);

    oa.oauthDown = false;
    clock.advance(61_000);
    await app.outbox.sweep();
    expect(citizen.messages.map((m) => m.text).join('\n')).toContain('Tiếng Việt');
    expect((await waiting())!.status).toBe('sent');
    expect(oa.messagesTo('oa-admin').some((m) => m.text.includes('không gia hạn được mã truy cập'))).toBe(true);
  });

  it('should renew a token the OA refuses before its time (-216) and send with the new one', async () => {
    // Zalo revoked the token (the OA's admin re-authorised elsewhere, say): the stored one is refused.
    // Events are stamped with the real time, which the checks compare with the app's clock.
    clock.set(new Date());
    const refused = oa.accessToken;
    const fresh = oa.issueTokens();
    oa.refreshToken = (await row()).refreshToken;
    expect(fresh.accessToken).not.toBe(refused);
    const citizen = new ZaloOaChat(oa, `${app.url}/zalo-oa/webhook`, 'oa-301');
    const before = oa.oauthCalls.length;
    expect((await citizen.post(oa.text('oa-301', '/start'))).status).toBe(200);
    for (let i = 0; i < 20 && !citizen.messages.length; i++) {
      clock.advance(31_000);
      await app.outbox.sweep();
    }
    expect(citizen.messages.length).toBeGreaterThan(0);
    expect(oa.oauthCalls.slice(before)).toEqual(['refresh_token']);
    expect((await row()).accessToken).toBe(oa.accessToken);
  });

  it('should keep the renewed pair through a database blip while storing it: the old refresh token is already spent', async () => {
    await expireIn(30 * 60_000);
    let blips = 1;
    await keeperOn(failingOn((args) => 'accessToken' in args.data && blips-- > 0)).refreshIfDue();
    expect(blips).toBe(-1);
    const after = await row();
    expect([after.accessToken, after.refreshToken, after.lastError, after.leaseOwner]).toEqual([oa.accessToken, oa.refreshToken, null, null]);
  });

  it('should keep the renewed pair when the lease ran out during the OAuth call', async () => {
    await expireIn(30 * 60_000);
    oa.oauthDelayMs = 300;
    const renewing = keeperOn(app.database.db).refreshIfDue();
    // The OAuth call outlives the lease: another instance takes it, then finds the token spent.
    await new Promise((r) => setTimeout(r, 100));
    await app.database.db.zaloOaToken.update({ where: { appId: oa.appId }, data: { leaseOwner: 'another-instance', leaseUntil: new Date(clock.now().getTime() + 60_000) } });
    await renewing;
    oa.oauthDelayMs = 0;
    const after = await row();
    expect([after.accessToken, after.refreshToken]).toEqual([oa.accessToken, oa.refreshToken]);
  });

  it('should try a failing refresh once a minute, not once per message', async () => {
    const keeper = keeperOn(app.database.db);
    const refreshes = () => oa.oauthCalls.filter((g) => g === 'refresh_token').length;
    const before = refreshes();
    oa.oauthDown = true;
    // Refused before its time, twice: one forced refresh, which fails; the token is still good.
    const current = (await row()).accessToken;
    for (let i = 0; i < 3; i++) {
      keeper.forget(current);
      expect(await keeper.accessToken()).toBe(current);
    }
    expect(refreshes()).toBe(before + 1);
    // Run out (the OA refuses it): each send is held, and Zalo is not asked again within the minute.
    await expireIn(-1000);
    keeper.forget(current);
    for (let i = 0; i < 5; i++) await expect(keeper.accessToken()).rejects.toThrow(/could not be renewed/);
    expect(refreshes()).toBe(before + 1);
    clock.advance(61_000);
    for (let i = 0; i < 5; i++) await expect(keeper.accessToken()).rejects.toThrow(/could not be renewed/);
    expect(refreshes()).toBe(before + 2);
    oa.oauthDown = false;
    clock.advance(61_000);
    expect(await keeper.accessToken()).toBe(oa.accessToken);
    expect(refreshes()).toBe(before + 3);
  });

  it('should put no token in the logs, the stored error or a message\'s error when the database fails in the token path', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', secrets: [], destination: { write: (line) => void lines.push(line) } });
    const keeperWith = (db: Database['db']) => new ZaloOaTokenKeeper({ db, clock, logger, appId: oa.appId, appSecret: oa.appSecret, oauthRoot: oa.url });
    const spent = (await row()).refreshToken;
    const secretsNow = () => [spent, oa.accessToken, oa.refreshToken];
    // The lease (the refresh token in its `where`) fails: the send is tried again later, told nothing secret.
    await expireIn(30 * 60_000);
    const failure = await keeperWith(failingOn((args) => 'leaseOwner' in args.data && 'refreshToken' in args.where)).accessToken().catch((error: unknown) => error as DeliveryError);
    expect(failure).toBeInstanceOf(DeliveryError);
    expect((failure as DeliveryError).kind).toBe('transient');
    expect(secretsNow().some((token) => (failure as DeliveryError).message.includes(token))).toBe(false);
    // Storing the renewed pair fails: the error is noted and logged without the new pair or the spent token.
    const keeper = keeperWith(failingOn((args) => 'accessToken' in args.data));
    const watched: string[][] = [];
    keeper.watchTokens((tokens) => void watched.push([...tokens]));
    await keeper.refreshIfDue();
    expect(oa.refreshToken).not.toBe(spent);
    const stored = (await row()).lastError ?? '';
    expect(stored).toContain('could not store the renewed tokens');
    expect(lines.join('\n')).toContain('could not store the renewed tokens');
    for (const token of secretsNow()) {
      expect(stored).not.toContain(token);
      expect(lines.join('\n')).not.toContain(token);
    }
    // The new pair, never stored, is still handed to the logger's scrubbing.
    expect(watched.at(-1)).toEqual(expect.arrayContaining([oa.accessToken, oa.refreshToken]));
    // The fake takes the stored refresh token again, so the OA works for what follows.
    oa.refreshToken = spent;
  });
});
