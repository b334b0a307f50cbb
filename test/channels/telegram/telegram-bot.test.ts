import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvite } from '../../../src/invites/create-invite.js';
import { FakeTelegramApi } from '../../helpers/fake-telegram-api.js';
import { startTestApp, type TestApp } from '../../helpers/start-test-app.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../../helpers/test-database.js';

describe.each(providers)('Telegram bot end to end (%s)', (provider) => {
  let api: FakeTelegramApi;
  let database: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    database = await createEmptyDatabase(provider);
    app = await startTestApp({ databaseUrl: database.url, telegram: api });
  });

  afterAll(async () => {
    await app?.stop();
    await api?.stop();
    await database?.drop();
  });

  it('should greet a newcomer in Vietnamese and ask for a language', async () => {
    api.pushText(1001, '/start');
    const [greeting] = await api.waitForMessages(1001, 1);
    expect(greeting!.text).toContain('Xin chào');
    expect(greeting!.buttons.flat().map((b) => b.text)).toEqual(['Tiếng Việt', 'English']);
  });

  it('should walk onboarding to a menu, and answer /help in Vietnamese', async () => {
    api.pushButton(1001, api.buttonData(1001, 'Tiếng Việt'));
    const afterLanguage = await api.waitForMessages(1001, 2);
    expect(afterLanguage[1]!.text).toContain('Bạn tham gia với tư cách nào?');
    api.pushButton(1001, api.buttonData(1001, 'Người dân'));
    const afterWho = await api.waitForMessages(1001, 4);
    expect(afterWho[2]!.text).toContain('Cảm ơn bạn');
    expect(afterWho[3]!.text).toContain('Bạn muốn làm gì tiếp theo?');
    expect(afterWho[3]!.buttons.flat().map((b) => b.text)).toContain('❓ Hướng dẫn');
    // A citizen is not offered the officials' invite button.
    expect(afterWho[3]!.buttons.flat().map((b) => b.text)).not.toContain('✉️ Tạo mã mời');

    api.pushText(1001, '/help');
    const help = (await api.waitForMessages(1001, 5))[4]!;
    expect(help.text).toContain('/trogiup, /help');
    expect(help.text).toContain('/huy, /cancel');
    expect(help.text).not.toContain('/moi');
  });

  it('should switch to English with /lang and remember it', async () => {
    api.pushText(1001, '/lang');
    const choose = (await api.waitForMessages(1001, 6))[5]!;
    expect(choose.buttons.flat().map((b) => b.data)).toEqual(['m:ngonngu vi', 'm:ngonngu en']);
    api.pushButton(1001, 'm:lang en');
    const switched = await api.waitForMessages(1001, 8);
    expect(switched[6]!.text).toBe('Switched to English.');
    // The menu follows, in English.
    expect(switched[7]!.text).toContain('What would you like to do next?');
    expect(switched[7]!.buttons.flat().map((b) => b.text)).toContain('📢 Report waste');
    api.pushText(1001, '/help');
    expect((await api.waitForMessages(1001, 9))[8]!.text).toContain('Commands you can use');
  });

  it('should bind a unit contact who opens an invite link', async () => {
    const { db } = app.database;
    const unit = await db.unit.findFirstOrThrow({ where: { code: 'SO_TC' } });
    const invite = await db.$transaction((tx) =>
      createInvite(tx, { role: 'unit_contact', unitId: unit.id, createdById: null, ttlDays: 14, now: new Date() }),
    );
    api.pushText(2002, `/start ${invite.code}`);
    const [joined, menu] = await api.waitForMessages(2002, 2);
    expect(joined!.text).toContain('Xác nhận thành công');
    expect(joined!.text).toContain('Sở Tài chính');
    expect(menu!.text).toContain('Bạn muốn làm gì tiếp theo?');
    const identity = await db.identity.findFirstOrThrow({ where: { channel: 'telegram', externalId: '2002' } });
    const roles = await db.roleAssignment.findMany({ where: { personId: identity.personId, revokedAt: null } });
    expect(roles.map((r) => [r.role, r.unitId])).toEqual([['unit_contact', unit.id]]);

    // The same code a second time, by someone else: refused.
    api.pushText(2003, `/start ${invite.code}`);
    const [refused] = await api.waitForMessages(2003, 1);
    expect(refused!.text).toContain('đã được sử dụng');
  });

  it('should handle a replayed update only once', async () => {
    const before = api.messagesTo(3003).length;
    const id = api.pushText(3003, '/help');
    await api.waitForMessages(3003, before + 1);
    api.pushText(3003, '/help', id);
    api.pushText(3003, '/menu');
    const all = await api.waitForMessages(3003, before + 2);
    // The replay produced nothing; the next message is the menu's answer.
    expect(all[before + 1]!.text).toContain('Bạn muốn làm gì tiếp theo?');
    await new Promise((r) => setTimeout(r, 300));
    expect(api.messagesTo(3003)).toHaveLength(before + 2);
    expect(await app.database.db.processedUpdate.count({ where: { channel: 'telegram', updateId: String(id) } })).toBe(1);
  });

  it('should re-prompt politely on a wrong answer and let /huy leave the flow', async () => {
    api.pushText(4004, '/start');
    await api.waitForMessages(4004, 1);
    api.pushText(4004, 'tôi không biết');
    const [, retry] = await api.waitForMessages(4004, 2);
    expect(retry!.text).toContain('Vui lòng bấm một nút bên dưới, hoặc gõ số thứ tự');
    expect(retry!.buttons.flat()).toHaveLength(2);
    api.pushText(4004, '2');
    const [, , who] = await api.waitForMessages(4004, 3);
    expect(who!.text).toContain('How are you taking part?');
    api.pushText(4004, '/cancel');
    const [, , , stopped] = await api.waitForMessages(4004, 4);
    expect(stopped!.text).toContain('Left what you were doing.');
    const identity = await app.database.db.identity.findFirstOrThrow({ where: { externalId: '4004' } });
    expect(await app.database.db.conversation.count({ where: { identityId: identity.id } })).toBe(0);
  });

  it('should refuse an official command to a citizen without revealing anything', async () => {
    api.pushText(5005, '/moi SO_TC');
    const [refusal] = await api.waitForMessages(5005, 1);
    expect(refusal!.text).toContain('dành cho cán bộ được phân quyền');
    // A citizen who guessed the wrong command is pointed at the one for them.
    expect(refusal!.text).toContain('Để phản ánh lãng phí, gõ /phananh');
    expect(refusal!.text).not.toContain('SO_TC');
    expect(await app.database.db.invite.count()).toBe(1); // only the one created by the test above
  });

  it('should never write the bot token to the logs', () => {
    expect(app.logs.length).toBeGreaterThan(0);
    expect(app.logs.join('\n')).not.toContain(api.token.split(':')[1]);
  });
});
