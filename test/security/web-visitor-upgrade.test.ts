import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashVisitorToken } from '../../src/channels/web/web-visitor-token.js';
import { resolveIdentity } from '../../src/people/resolve-identity.js';
import { applyMigrations } from '../../src/store/apply-migrations.js';
import { createDatabase } from '../../src/store/create-database.js';
import { migrationsDir } from '../../src/store/read-migrations.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';
import { WebChatClient } from '../helpers/web-chat-client.js';

const MIGRATION = 'web_visitor_tokens';
/** A cookie as issued before: its value was the identity's externalId. */
const OLD_COOKIE = 'OldVisitorCookie_0123456';

describe.each(providers)('web visitors from before hashed tokens (%s)', (provider) => {
  let database: TestDatabase;
  let app: TestApp;
  let personId: string;
  let earlier: string;

  beforeAll(async () => {
    database = await createEmptyDatabase(provider);
    // The database as it was before the migration, with a visitor who used the web chat.
    earlier = mkdtempSync(path.join(os.tmpdir(), 'thidua-migrations-'));
    for (const entry of readdirSync(migrationsDir(provider))) {
      if (!entry.endsWith(MIGRATION)) cpSync(path.join(migrationsDir(provider), entry), path.join(earlier, entry), { recursive: true });
    }
    await applyMigrations({ target: database.target, dir: earlier });
    const old = await createDatabase(database.target);
    const who = await old.db.$transaction((tx) => resolveIdentity(tx, 'web', { externalId: OLD_COOKIE, chatId: OLD_COOKIE, displayName: 'Web' }, new Date()));
    personId = who.personId;
    await old.db.processedUpdate.create({ data: { channel: 'web', updateId: `${OLD_COOKIE}:earlier-msg-1`, processedAt: new Date() } });
    await old.db.outboxMessage.create({
      data: { identityId: who.identityId, channel: 'web', chatId: OLD_COOKIE, kind: 'reply', payloadJson: JSON.stringify({ text: 'Trả lời trước đây' }), status: 'sent' },
    });
    await old.close();

    // ADMINS still names the visitor the old way, by their cookie value.
    app = await startTestApp({ databaseUrl: database.url, env: { ADMINS: `web:${OLD_COOKIE}` } });
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
    rmSync(earlier, { recursive: true, force: true });
  });

  it('should keep the visitor, their history and their retries, with only the hash of the old cookie stored', async () => {
    const db = app.database.db;
    const identity = await db.identity.findFirstOrThrow({ where: { channel: 'web' } });
    expect(identity.personId).toBe(personId);
    expect(identity.externalId).not.toBe(OLD_COOKIE);
    expect(identity.chatId).toBe(identity.externalId);
    expect(await db.webVisitor.findUnique({ where: { publicId: identity.externalId } })).toMatchObject({ tokenHash: hashVisitorToken(OLD_COOKIE) });
    // The old cookie value is gone from every id.
    expect(await db.webVisitor.count({ where: { OR: [{ publicId: OLD_COOKIE }, { tokenHash: { contains: OLD_COOKIE } }] } })).toBe(0);
    expect(await db.outboxMessage.count({ where: { chatId: OLD_COOKIE } })).toBe(0);
    // The stale ADMINS entry creates no account named by the old cookie, and is not logged.
    expect(await db.identity.count({ where: { externalId: OLD_COOKIE } })).toBe(0);
    expect(app.logs.join('')).toContain('ADMINS names web visitor ids nobody has');
    expect(app.logs.join('')).not.toContain(OLD_COOKIE);
    expect(await db.processedUpdate.findMany({ where: { channel: 'web' } })).toEqual([
      expect.objectContaining({ updateId: `${identity.externalId}:earlier-msg-1` }),
    ]);

    // The visitor comes back with their old cookie: same person, same history.
    const visitor = new WebChatClient(app.url, OLD_COOKIE);
    const history = await fetch(`${app.url}/api/chat/messages?after=0`, { headers: { cookie: visitor.cookie! } });
    const body = (await history.json()) as { visitorId: string; messages: { text: string }[] };
    expect(body.visitorId).toBe(identity.externalId);
    expect(body.messages.map((m) => m.text)).toEqual(['Trả lời trước đây']);
    // A message the page retries from before the upgrade is still handled once.
    const rows = await db.outboxMessage.count();
    await visitor.say('/help', 'earlier-msg-1');
    expect(await db.outboxMessage.count()).toBe(rows);
    await visitor.say('/help');
    expect(await db.identity.count({ where: { channel: 'web' } })).toBe(1);
    expect(visitor.visitorId).toBe(identity.externalId);
  });
});
