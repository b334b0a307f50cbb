import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapAdmins } from '../../src/people/bootstrap-admins.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';
import { WebChatClient } from '../helpers/web-chat-client.js';

const HUGE = '99999999999999';
const text = (messages: { text: string }[]) => messages.map((m) => m.text).join('\n');

describe.each(providers)('web cookies and typed numbers against the logs and the database (%s)', (provider) => {
  let database: TestDatabase;
  let app: TestApp;
  let admin: WebChatClient;
  let contact: WebChatClient;

  beforeAll(async () => {
    database = await createEmptyDatabase(provider);
    app = await startTestApp({ databaseUrl: database.url });
    admin = new WebChatClient(app.url);
    await admin.say('/start');
    await bootstrapAdmins(app.database.db, [{ channel: 'web', externalId: admin.visitorId! }], new Date());
    await admin.say('/moi');
    await admin.press('Đầu mối đơn vị');
    await admin.press('UBND huyện, thành phố');
    await admin.press('Krông Nô');
    const code = /Mã mời: ([0-9A-Z-]+)/.exec(text(await admin.press('Tạo mã')))![1]!;
    contact = new WebChatClient(app.url);
    await contact.say(`/start ${code}`);
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  const cookieValue = (client: WebChatClient) => client.cookie!.slice(client.cookie!.indexOf('=') + 1);

  it('should answer an absurd year in /baocao politely, and let the person try again', async () => {
    const before = app.logs.length;
    const refused = text(await contact.say(`/baocao ${HUGE}`));
    expect(refused).toContain('Năm chưa hợp lệ');
    expect(refused).toContain('từ 2000 đến 2100');
    expect(app.logs.slice(before).join('')).not.toContain('turn failed');
    // The command still works with a real year.
    expect(text(await contact.say('/baocao 2024'))).not.toContain('Năm chưa hợp lệ');
  });

  it.each([`/xembaocao KRONGNO ${HUGE}`, `/tonghop ${HUGE}`, `/xuat ${HUGE}`, `/bieudo ${HUGE}`, '/bieudo 1999', '/xuat 0000'])(
    'should refuse the year in %s before the database sees it',
    async (command) => {
      const before = app.logs.length;
      expect(text(await admin.say(command))).toContain('Năm chưa hợp lệ');
      expect(app.logs.slice(before).join('')).not.toContain('turn failed');
    },
  );

  it.each([`/hopthu ${HUGE}`, '/hopthu -1', `/nhatky ${HUGE}`, '/nhatky 0'])('should refuse the number in %s politely', async (command) => {
    expect(text(await admin.say(command))).toContain('Số chưa hợp lệ');
  });

  it("should answer in the person's language", async () => {
    await admin.say('/lang en');
    expect(text(await admin.say(`/tonghop ${HUGE}`))).toContain('That year is not valid');
    await admin.say('/lang vi');
  });

  it('should never write a web cookie to the logs or use it as an id, even when a turn fails', async () => {
    const visitor = new WebChatClient(app.url);
    await visitor.say('/start');
    const token = cookieValue(visitor);
    const db = app.database.db;
    // A turn that fails for a reason of the server's, as the overflowing year used to.
    await db.$executeRawUnsafe('ALTER TABLE "Conversation" RENAME TO "Conversation_off"');
    const before = app.logs.length;
    try {
      await visitor.say('/help');
    } finally {
      await db.$executeRawUnsafe('ALTER TABLE "Conversation_off" RENAME TO "Conversation"');
    }
    const logged = app.logs.slice(before).join('');
    expect(logged).toContain('turn failed');
    expect(logged).toContain(visitor.visitorId!);
    expect(app.logs.join('')).not.toContain(token);

    // Nor is it an id in the database: only its hash is kept.
    const identity = await db.identity.findFirstOrThrow({ where: { channel: 'web', externalId: visitor.visitorId! } });
    expect(identity.chatId).not.toContain(token);
    expect(await db.processedUpdate.count({ where: { updateId: { contains: token } } })).toBe(0);
    expect(await db.identity.count({ where: { OR: [{ externalId: { contains: token } }, { chatId: { contains: token } }] } })).toBe(0);
    expect(await db.webVisitor.count({ where: { tokenHash: { contains: token } } })).toBe(0);
  });
});
