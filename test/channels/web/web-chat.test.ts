import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/start-test-app.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../../helpers/test-database.js';
import { WebChatClient } from '../../helpers/web-chat-client.js';
import { bootstrapAdmins } from '../../../src/people/bootstrap-admins.js';

describe.each(providers)('web chat (%s)', (provider) => {
  let database: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    database = await createEmptyDatabase(provider);
    app = await startTestApp({ databaseUrl: database.url });
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  it('should serve the chat page and report health', async () => {
    const page = await fetch(`${app.url}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<script src="/chat.js"');
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', database: 'ok', channels: { web: 'on', telegram: 'off', zalo: 'off', zalo_oa: 'off' } });
  });

  it('should give a visitor a cookie and run onboarding with buttons', async () => {
    const visitor = new WebChatClient(app.url);
    const [hello] = await visitor.say('/start');
    expect(visitor.cookie).toMatch(/^thidua_visitor=[A-Za-z0-9_-]{43}$/);
    // The public id is not the cookie, nor derived from it.
    expect(visitor.visitorId).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(visitor.cookie).not.toContain(visitor.visitorId);
    expect(hello!.text).toContain('Xin chào');
    const [who] = await visitor.press('English');
    expect(who!.text).toBe('How are you taking part?');
    const done = await visitor.press('As a citizen');
    expect(done.map((m) => m.text).join('\n')).toContain('Thank you for supporting');
  });

  it('should handle a retried request once and return the replies the lost response had', async () => {
    const visitor = new WebChatClient(app.url);
    await visitor.say('/start');
    const before = visitor.after;
    const first = await visitor.say('/help', 'retry-me-123');
    expect(first.map((m) => m.text).join('\n')).toContain('/trogiup, /help');
    // The page never saw that response and sends the same message again.
    visitor.after = before;
    const again = await visitor.say('/help', 'retry-me-123');
    expect(again).toEqual(first);
    expect(await app.database.db.outboxMessage.count({ where: { id: { gt: first.at(-1)!.id } } })).toBe(0);
  });

  it('should keep a retried message before its replies when the first attempt was handled but never answered', async () => {
    const visitor = new WebChatClient(app.url);
    await visitor.say('/start');
    // The server stops right after the turn is stored: the page gets an error, not the replies.
    const handle = app.core.handle.bind(app.core);
    app.core.handle = async (update) => {
      app.core.handle = handle;
      await handle(update);
      throw new Error('stopped after the turn');
    };
    await expect(visitor.say('/help', 'lost-answer-1')).rejects.toThrow(/HTTP 500/);
    // The page sends it again under the same id, as it does after a reload.
    const replies = await visitor.say('/help', 'lost-answer-1');
    expect(replies.length).toBeGreaterThan(0);

    const res = await fetch(`${app.url}/api/chat/messages?after=0`, { headers: { cookie: visitor.cookie! } });
    const { messages, mine } = (await res.json()) as { messages: { id: number; text: string }[]; mine: { text: string; afterMessageId: number }[] };
    const help = mine.find((entry) => entry.text === '/help')!;
    expect(messages.find((m) => m.id > help.afterMessageId)?.id).toBe(replies[0]!.id);
  });

  it('should answer a message sent several times at once, and keep it once', async () => {
    const visitor = new WebChatClient(app.url);
    await visitor.say('/start');
    const sends = await Promise.all(Array.from({ length: 6 }, () => visitor.say('/help', 'sent-at-once-1')));
    expect(sends.every((replies) => replies.length > 0)).toBe(true);
    const res = await fetch(`${app.url}/api/chat/messages?after=0`, { headers: { cookie: visitor.cookie! } });
    const { mine } = (await res.json()) as { mine: { clientMessageId: string }[] };
    expect(mine.filter((entry) => entry.clientMessageId === 'sent-at-once-1')).toHaveLength(1);
  });

  it('should refuse malformed requests politely', async () => {
    const res = await fetch(`${app.url}/api/chat/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientMessageId: 'x' }),
    });
    expect(res.status).toBe(400);
  });

  it('should let an admin invite a unit contact who then joins from another browser', async () => {
    // ADMINS=web:<the id the page shows>, as at the next start.
    const admin = new WebChatClient(app.url);
    await admin.say('/start');
    await bootstrapAdmins(app.database.db, [{ channel: 'web', externalId: admin.visitorId! }], new Date());
    await admin.say('/moi');
    await admin.press('Đầu mối đơn vị');
    await admin.press('UBND huyện, thành phố');
    await admin.press('Krông Nô');
    const created = await admin.press('Tạo mã');
    const text = created.map((m) => m.text).join('\n');
    expect(text).toContain('Vai trò: đầu mối báo cáo của UBND huyện Krông Nô');
    const code = /Mã mời: ([0-9A-Z-]+)/.exec(text)![1]!;

    const contact = new WebChatClient(app.url);
    const joined = await contact.say(`/start ${code.toLowerCase()}`);
    expect(joined[0]!.text).toContain('Xác nhận thành công');
    expect(joined[0]!.text).toContain('Krông Nô');
    const audit = await app.database.db.auditLog.findMany({ where: { action: 'invite.create' } });
    expect(audit).toHaveLength(1);
  });

  it('should let the page fetch messages it missed', async () => {
    const visitor = new WebChatClient(app.url);
    await visitor.say('/start');
    const res = await fetch(`${app.url}/api/chat/messages?after=0`, { headers: { cookie: visitor.cookie! } });
    const { messages } = (await res.json()) as { messages: { text: string }[] };
    expect(messages.map((m) => m.text)).toEqual(visitor.received.map((m) => m.text));
  });
});
