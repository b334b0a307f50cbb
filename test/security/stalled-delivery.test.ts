import { Telegram } from 'telegraf';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { limitCallTime } from '../../src/channels/telegram/limit-call-time.js';
import { traitsOf } from '../../src/channels/all-channels.js';
import { TelegramSender } from '../../src/channels/telegram/telegram-sender.js';
import { createLogger } from '../../src/logger.js';
import { OutboxDispatcher } from '../../src/outbox/outbox-dispatcher.js';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { TelegramChat } from '../helpers/telegram-chat.js';
import { TestClock } from '../helpers/test-clock.js';
import { createEmptyDatabase, createMigratedDatabase, providers, type TestDatabase } from '../helpers/test-database.js';

/** A promise the test settles by hand: a platform call held open until then. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe.each(providers)('a platform call that hangs (%s)', (provider) => {
  let api: FakeTelegramApi;
  let database: TestDatabase;
  let app: TestApp;
  const clock = new TestClock();

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    database = await createEmptyDatabase(provider);
    app = await startTestApp({ databaseUrl: database.url, telegram: api, clock, env: { SEND_TIMEOUT_SECONDS: '0.5' } });
  });
  afterAll(async () => {
    await app?.stop();
    await api?.stop();
    await database?.drop();
  });

  it('should give up a hung photo upload within SEND_TIMEOUT_SECONDS and send it on the retry', async () => {
    const { db } = app.database;
    const person = await db.person.create({
      data: { displayName: 'P', identities: { create: { channel: 'telegram', externalId: '9101', chatId: '9101' } } },
      include: { identities: true },
    });
    api.failNextCall({ method: 'sendPhoto', chatId: 9101, hang: true });
    const row = await db.outboxMessage.create({
      data: {
        identityId: person.identities[0]!.id,
        channel: 'telegram',
        chatId: '9101',
        kind: 'notice',
        payloadJson: JSON.stringify({ text: 'ảnh hiện trường', photos: [{ attachmentId: 'a1', channel: 'telegram', fileRef: 'PHOTO_1' }] }),
        nextAttemptAt: clock.now(),
      },
    });
    // Without a deadline this waits telegraf's 500 s and the test times out.
    await app.outbox.sweep();
    const retried = await db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } });
    expect(retried.status).toBe('pending');
    expect(retried.lastError).toMatch(/network error talking to Telegram/);
    // The retry goes through; on a loaded machine it may itself miss the short deadline, so a
    // few rounds are allowed. However many, the photo arrives once.
    for (let round = 0; round < 5 && (await db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).status !== 'sent'; round++) {
      clock.advance(60_000 * 2 ** round);
      await app.outbox.sweep();
    }
    expect(api.photos.filter((p) => p.chatId === '9101')).toHaveLength(1);
    expect(api.messagesTo(9101).map((m) => m.text)).toEqual(['ảnh hiện trường']);
  }, 20_000);
});

describe.each(providers)('one person\'s slow send and everyone else (%s)', (provider) => {
  let api: FakeTelegramApi;
  let database: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    database = await createEmptyDatabase(provider);
    // The default deadline (30 s): the held send below stays held for the whole test.
    app = await startTestApp({ databaseUrl: database.url, telegram: api });
  });
  afterAll(async () => {
    await app?.stop();
    await api?.stop();
    await database?.drop();
  });

  it('should answer another person at once while one person\'s send hangs, and keep that person\'s order', async () => {
    const held = gate();
    api.failNextCall({ method: 'sendMessage', chatId: 9201, until: held.opened });
    api.pushText(9201, '/trogiup');
    await api.waitForCalls('sendMessage', 1, 9201);
    api.pushText(9201, '/huy');

    const other = new TelegramChat(api, 9202);
    const answer = await other.say('/trogiup');
    expect(TelegramChat.text(answer)).toContain('Các lệnh bạn có thể dùng');
    expect(api.messagesTo(9201)).toHaveLength(0); // still held

    held.open();
    const [first, second] = await api.waitForMessages(9201, 2);
    expect(first!.text).toContain('Các lệnh bạn có thể dùng');
    expect(second!.text).not.toContain('Các lệnh bạn có thể dùng');
  });
});

describe.each(providers)('a message with photos under failing sends (%s)', (provider) => {
  let testDb: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let api: FakeTelegramApi;
  let identityId: string;
  const clock = new TestClock();
  const logger = createLogger({ level: 'error', secrets: [], destination: { write: () => {} } });
  const dispatcher = () => {
    const telegram = new Telegram(api.token, { apiRoot: api.url });
    limitCallTime(telegram, 10_000);
    return new OutboxDispatcher({ db: testDb.database.db, clock, logger, senders: [new TelegramSender(telegram)], traitsOf, leaseMs: 60_000 });
  };

  beforeAll(async () => {
    testDb = await createMigratedDatabase(provider);
    api = await new FakeTelegramApi().start();
    const person = await testDb.database.db.person.create({
      data: { displayName: 'P', identities: { create: { channel: 'telegram', externalId: '9301', chatId: '9301' } } },
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
    api.sent.length = 0;
    api.photos.length = 0;
    api.clearFaults();
  });

  const queueWithPhoto = (text: string) =>
    testDb.database.db.outboxMessage.create({
      data: {
        identityId,
        channel: 'telegram',
        chatId: '9301',
        kind: 'reply',
        payloadJson: JSON.stringify({ text, photos: [{ attachmentId: 'a1', channel: 'telegram', fileRef: 'PHOTO_9301' }] }),
        nextAttemptAt: clock.now(),
      },
    });

  it('should not put a message another instance delivered back to pending when the first send fails late', async () => {
    const first = dispatcher();
    const second = dispatcher();
    const row = await queueWithPhoto('đã giao');
    const held = gate();
    api.failNextCall({ method: 'sendPhoto', chatId: 9301, until: held.opened, status: 502, description: 'Bad Gateway' });
    const slow = first.deliverNow([row]);
    await api.waitForCalls('sendPhoto', 1, 9301);

    clock.advance(61_000); // the first lease runs out; the second instance takes the row over
    await second.sweep();
    expect((await testDb.database.db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('sent');

    held.open(); // the first upload now fails
    await slow;
    expect((await testDb.database.db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('sent');
    for (let i = 0; i < 3; i++) {
      clock.advance(600_000);
      await first.sweep();
      await second.sweep();
    }
    expect(api.sent.map((m) => m.text)).toEqual(['đã giao']);
  });

  it('should send the photos once when only the text keeps failing', async () => {
    const send = dispatcher();
    const row = await queueWithPhoto('ảnh kèm chữ');
    api.failNextSends(...Array.from({ length: 3 }, () => ({ status: 500, description: 'Internal Server Error' })));
    await send.deliverNow([row]);
    for (let i = 0; i < 5; i++) {
      clock.advance(600_000);
      await send.sweep();
    }
    expect(api.calls.filter((c) => c.method === 'sendMessage' && c.body.text === 'ảnh kèm chữ')).toHaveLength(4);
    expect(api.sent.map((m) => m.text)).toEqual(['ảnh kèm chữ']);
    expect(api.photos.filter((p) => p.chatId === '9301')).toHaveLength(1);
    expect((await testDb.database.db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('sent');
  });
});
