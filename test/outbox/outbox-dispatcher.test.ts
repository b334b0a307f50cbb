import { Telegram } from 'telegraf';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { traitsOf } from '../../src/channels/all-channels.js';
import { TelegramSender } from '../../src/channels/telegram/telegram-sender.js';
import { createLogger } from '../../src/logger.js';
import { OutboxDispatcher } from '../../src/outbox/outbox-dispatcher.js';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { TestClock } from '../helpers/test-clock.js';
import { createMigratedDatabase, providers } from '../helpers/test-database.js';

describe.each(providers)('OutboxDispatcher (%s)', (provider) => {
  let testDb: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let api: FakeTelegramApi;
  let identityId: string;
  const clock = new TestClock();
  const logs: string[] = [];
  const logger = createLogger({ level: 'warn', secrets: [], destination: { write: (l) => void logs.push(l) } });
  let dispatcher: OutboxDispatcher;

  beforeAll(async () => {
    testDb = await createMigratedDatabase(provider);
    api = await new FakeTelegramApi().start();
    const person = await testDb.database.db.person.create({
      data: { displayName: 'P', identities: { create: { channel: 'telegram', externalId: '42', chatId: '42' } } },
      include: { identities: true },
    });
    identityId = person.identities[0]!.id;
  });
  afterAll(async () => {
    await api?.stop();
    await testDb?.drop();
  });
  beforeEach(async () => {
    await testDb.database.db.outboxMessage.deleteMany();
    await testDb.database.db.identity.update({ where: { id: identityId }, data: { status: 'active' } });
    api.sent.length = 0;
    const telegram = new Telegram(api.token, { apiRoot: api.url });
    dispatcher = new OutboxDispatcher({ db: testDb.database.db, clock, logger, senders: [new TelegramSender(telegram)], traitsOf });
  });

  const queue = async (text: string, kind: 'reply' | 'notice' = 'reply') =>
    testDb.database.db.outboxMessage.create({
      data: { identityId, channel: 'telegram', chatId: '42', kind, payloadJson: JSON.stringify({ text }), nextAttemptAt: clock.now() },
    });

  it('should send in order and mark rows sent', async () => {
    const rows = [await queue('một'), await queue('hai')];
    await dispatcher.deliverNow(rows);
    expect(api.sent.map((m) => m.text)).toEqual(['một', 'hai']);
    const stored = await testDb.database.db.outboxMessage.findMany({ orderBy: { id: 'asc' } });
    expect(stored.map((r) => r.status)).toEqual(['sent', 'sent']);
    expect(stored.map((r) => r.attempts)).toEqual([1, 1]);
  });

  it('should mark the replies of one chat sent in one statement, once the last is out', async () => {
    const rows = [await queue('một'), await queue('hai'), await queue('ba')];
    const { db } = testDb.database;
    const writes: unknown[] = [];
    // Writes through the model or as SQL (marking sent is one raw statement).
    const counted = new Proxy(db, {
      get: (target, key) => {
        if (key === '$executeRawUnsafe') return (...args: unknown[]) => (writes.push(args), target.$executeRawUnsafe(...(args as [string])));
        return key === 'outboxMessage'
          ? new Proxy(target.outboxMessage, {
              get: (model, method) => {
                const value = Reflect.get(model, method) as unknown;
                if (method !== 'updateMany' || typeof value !== 'function') return value;
                return (args: unknown) => (writes.push(args), (value as (a: unknown) => unknown).call(model, args));
              },
            })
          : Reflect.get(target, key);
      },
    });
    const telegram = new Telegram(api.token, { apiRoot: api.url });
    const counting = new OutboxDispatcher({ db: counted, clock, logger, senders: [new TelegramSender(telegram)], traitsOf });
    await counting.deliverNow(rows);
    expect(api.sent.map((m) => m.text)).toEqual(['một', 'hai', 'ba']);
    // One to claim the rows, one to mark all three sent.
    expect(writes).toHaveLength(2);
    expect((await db.outboxMessage.findMany()).map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
  });

  it('should send each row once when an immediate delivery and a sweep race', async () => {
    const rows = await Promise.all(Array.from({ length: 20 }, (_, i) => queue(`tin ${i}`)));
    await Promise.all([dispatcher.deliverNow(rows), dispatcher.sweep(), dispatcher.deliverNow(rows.slice(5)), dispatcher.sweep()]);
    await dispatcher.sweep();
    expect(api.sent.map((m) => m.text).sort()).toEqual(rows.map((_, i) => `tin ${i}`).sort());
  });

  it('should space proactive messages to one chat by a second', async () => {
    const rows = [await queue('một', 'notice'), await queue('hai', 'notice')];
    const started = Date.now();
    await dispatcher.deliverNow(rows);
    expect(api.sent.map((m) => m.text)).toEqual(['một', 'hai']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('should wait retry_after on 429 and then send once', async () => {
    api.failNextSends({ status: 429, description: 'Too Many Requests: retry after 7', retryAfter: 7 });
    const queued = await queue('chờ');
    await dispatcher.deliverNow([queued]);
    const { id } = queued;
    const waiting = await testDb.database.db.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(waiting.status).toBe('pending');
    expect(waiting.nextAttemptAt.getTime() - clock.now().getTime()).toBe(7000);
    await dispatcher.sweep();
    expect(api.sent).toHaveLength(0); // not due yet
    clock.advance(7000);
    await dispatcher.sweep();
    await dispatcher.sweep();
    expect(api.sent.map((m) => m.text)).toEqual(['chờ']);
  });

  it('should mark the contact blocked on 403 and stop', async () => {
    api.failNextSends({ status: 403, description: 'Forbidden: bot was blocked by the user' });
    const queued = await queue('bị chặn');
    await dispatcher.deliverNow([queued]);
    const { id } = queued;
    const row = await testDb.database.db.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe('failed');
    expect(row.lastError).toContain('403');
    expect((await testDb.database.db.identity.findUniqueOrThrow({ where: { id: identityId } })).status).toBe('blocked');
  });

  it('should back off on 5xx and give up after the last attempt', async () => {
    const failing = Array.from({ length: 8 }, () => ({ status: 502, description: 'Bad Gateway' }));
    api.failNextSends(...failing);
    const queued = await queue('lỗi');
    await dispatcher.deliverNow([queued]);
    const { id } = queued;
    for (let i = 0; i < 10; i++) {
      clock.advance(700_000);
      await dispatcher.sweep();
    }
    const row = await testDb.database.db.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(8);
    expect(api.sent).toHaveLength(0);
  });

  it('should take over a row whose sender crashed after claiming it', async () => {
    const { id } = await queue('mồ côi');
    await testDb.database.db.outboxMessage.update({
      where: { id },
      data: { status: 'sending', lockedBy: 'crashed-instance', lockedUntil: new Date(clock.now().getTime() + 60_000) },
    });
    await dispatcher.sweep();
    expect(api.sent).toHaveLength(0); // the lease still holds
    clock.advance(61_000);
    await dispatcher.sweep();
    expect(api.sent.map((m) => m.text)).toEqual(['mồ côi']);
  });

  it('should never put the token in an error it records', async () => {
    const telegram = new Telegram(api.token, { apiRoot: 'http://127.0.0.1:9' });
    const broken = new OutboxDispatcher({ db: testDb.database.db, clock, logger, senders: [new TelegramSender(telegram)], traitsOf });
    const queued = await queue('mạng hỏng');
    await broken.deliverNow([queued]);
    const { id } = queued;
    const row = await testDb.database.db.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe('pending');
    expect(row.lastError).toMatch(/network error/);
    expect(row.lastError).not.toContain(api.token);
    expect(logs.join('\n')).not.toContain(api.token.split(':')[1]);
  });
});
