import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { DAY, TestClock } from '../helpers/test-clock.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';
import { WebChatClient } from '../helpers/web-chat-client.js';

/**
 * What anyone types into the web chat is stored, and the bot's answers quote it: kept for ever,
 * a stranger's flood of long texts would grow the database without end. The chat's messages are
 * kept CHAT_HISTORY_DAYS once delivered; what the bot must remember is kept regardless.
 */
describe.each(providers)('security: how long the chat\'s messages are kept (%s)', (provider) => {
  let database: TestDatabase;
  let app: TestApp;
  const clock = new TestClock(new Date());

  beforeAll(async () => {
    database = await createEmptyDatabase(provider);
    app = await startTestApp({ databaseUrl: database.url, clock, env: { CHAT_HISTORY_DAYS: '30' } });
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  it('should remove delivered replies and typed web messages after CHAT_HISTORY_DAYS, and nothing else', async () => {
    const { db } = app.database;
    const stranger = new WebChatClient(app.url);
    for (let i = 0; i < 3; i++) await stranger.say(`${'rác '.repeat(900)}${i}`);
    const identity = await db.identity.findFirstOrThrow({ where: { channel: 'web' } });
    // A notice the bot queued once by its key: its row is what keeps it from going twice.
    await db.outboxMessage.create({ data: { identityId: identity.id, channel: 'web', chatId: identity.chatId, kind: 'notice', payloadJson: '{"text":"Thông báo"}', dedupeKey: 'digest:2026-11-30:x', status: 'sent', nextAttemptAt: clock.now() } });
    await expect.poll(() => db.outboxMessage.count({ where: { kind: 'reply', status: { not: 'sent' } } })).toBe(0);
    const entries = await db.webChatEntry.count();
    const replies = await db.outboxMessage.count({ where: { kind: 'reply' } });
    expect(entries).toBeGreaterThanOrEqual(3);

    // Within the days kept, nothing goes.
    clock.advance(29 * DAY);
    expect(await app.pruneChatHistory()).toEqual({ replies: 0, entries: 0 });
    const recent = new WebChatClient(app.url);
    await recent.say('/start');

    clock.advance(2 * DAY);
    expect(await app.pruneChatHistory()).toEqual({ replies, entries });
    expect(await db.webChatEntry.count({ where: { identityId: identity.id } })).toBe(0);
    expect(await db.outboxMessage.count({ where: { identityId: identity.id, kind: 'reply' } })).toBe(0);
    expect(await db.outboxMessage.count({ where: { dedupeKey: 'digest:2026-11-30:x' } })).toBe(1);
    // The newer visitor's messages, two days old, stay.
    const newer = await db.identity.findFirstOrThrow({ where: { channel: 'web', id: { not: identity.id } } });
    expect(await db.outboxMessage.count({ where: { identityId: newer.id } })).toBeGreaterThan(0);
  });
});
