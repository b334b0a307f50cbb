import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { TelegramChat } from '../helpers/telegram-chat.js';
import { TestClock } from '../helpers/test-clock.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';

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
    clock.advance(60_000);
    await app.outbox.sweep();
    expect(api.photos.filter((p) => p.chatId === '9101')).toHaveLength(1);
    expect(api.messagesTo(9101).map((m) => m.text)).toEqual(['ảnh hiện trường']);
  }, 20_000);
});
