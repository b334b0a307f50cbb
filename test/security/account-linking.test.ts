import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvite } from '../../src/invites/create-invite.js';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { TelegramChat } from '../helpers/telegram-chat.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';
import { WebChatClient, type WebMessage } from '../helpers/web-chat-client.js';

const text = TelegramChat.text;
const webText = (messages: WebMessage[]) => messages.map((m) => m.text).join('\n');
const codeIn = (shown: string) => /LK-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(shown)![0];
const DENIED = 'chức năng này dành cho cán bộ được phân quyền';
const BLOCKED = 'bạn tạm thời không thể gửi phản ánh mới';

describe.each(providers)('linking accounts (%s)', (provider) => {
  let api: FakeTelegramApi;
  let database: TestDatabase;
  let app: TestApp;

  const db = () => app.database.db;
  const join = async (userId: number, role: 'unit_contact' | 'official') => {
    const unit = role === 'unit_contact' ? await db().unit.findFirstOrThrow({ where: { code: 'SO_TC' } }) : null;
    const { code } = await db().$transaction((tx) => createInvite(tx, { role, unitId: unit?.id ?? null, createdById: null, ttlDays: 14, now: new Date() }));
    const chat = new TelegramChat(api, userId);
    expect(text(await chat.say(`/start ${code}`))).toContain('Xác nhận thành công');
    // The menu follows the welcome; under load it may come after the answer was read.
    await chat.waitFor((m) => m.text.includes('Bạn muốn làm gì tiếp theo'));
    return { chat, code };
  };
  const personOfTelegram = async (userId: number) => (await db().identity.findFirstOrThrow({ where: { channel: 'telegram', externalId: String(userId) } })).personId;
  const personOfWeb = async (web: WebChatClient) => {
    return (await db().identity.findFirstOrThrow({ where: { channel: 'web', externalId: web.visitorId! } })).personId;
  };
  /** What the page fetches on its own: messages queued for it since the last one it saw. */
  const poll = async (web: WebChatClient) => {
    const res = await fetch(`${app.url}/api/chat/messages?after=${web.after}`, { headers: { cookie: web.cookie! } });
    const { messages } = (await res.json()) as { messages: WebMessage[] };
    for (const m of messages) web.after = Math.max(web.after, m.id);
    web.received.push(...messages);
    return messages;
  };
  const newWeb = async () => {
    const web = new WebChatClient(app.url);
    await web.say('/menu');
    return web;
  };

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

  it('should not hand an official\'s role to the web account that showed the code the official typed', async () => {
    const { chat: official } = await join(701, 'official');
    const attacker = await newWeb();
    const code = codeIn(webText(await attacker.say('/lienket')));

    const asked = text(await official.say(`/lienket ${code}`));
    // The official is told plainly who gets what before anything happens.
    expect(asked).toContain('Web chat');
    expect(asked).toContain('Vai trò: cán bộ Ban Thi đua - Khen thưởng');
    expect(asked).toContain('Chỉ xác nhận nếu tài khoản kia là của chính bạn');
    expect(await personOfTelegram(701)).not.toBe(await personOfWeb(attacker));
    expect(webText(await attacker.say('/hopthu'))).toContain(DENIED);

    expect(text(await official.press('Hủy'))).toContain('Không có gì được liên kết');
    expect(webText(await attacker.say('/hopthu'))).toContain(DENIED);
    expect(await db().roleAssignment.count({ where: { personId: await personOfTelegram(701), revokedAt: null } })).toBe(1);
  });

  it('should not let someone who read an official\'s code join the official without the official\'s confirmation', async () => {
    const { chat: official } = await join(702, 'official');
    const code = codeIn(text(await official.say('/lienket')));
    const attacker = await newWeb();

    expect(webText(await attacker.say(`/lienket ${code}`))).toContain('Tài khoản kia cũng sẽ được hỏi xác nhận');
    expect(webText(await attacker.press('Liên kết'))).toContain('Đã ghi nhận');
    expect(webText(await attacker.say('/hopthu'))).toContain(DENIED);

    const question = await official.waitFor((m) => m.text.includes('vừa nhập mã liên kết của bạn'));
    expect(question.text).toContain('Web chat');
    expect(text(await official.press('Từ chối'))).toContain('Không có gì được liên kết');
    expect(webText(await poll(attacker))).toContain('Tài khoản kia đã từ chối liên kết');
    expect(webText(await attacker.say('/hopthu'))).toContain(DENIED);
    // The refused request cannot be confirmed afterwards, nor the code used again.
    expect(text(await official.press('Xác nhận liên kết'))).toContain('đã hết hạn hoặc đã được dùng');
    expect(webText(await attacker.say(`/lienket ${code}`))).toContain('đã hết hạn hoặc đã được dùng');
    expect(webText(await attacker.say('/hopthu'))).toContain(DENIED);
  });

  it('should link an official\'s own web chat once both sides confirmed, keeping the official as the person', async () => {
    const { chat: official } = await join(703, 'official');
    const own = await newWeb();
    const code = codeIn(webText(await own.say('/lienket')));
    await official.say(`/lienket ${code}`);
    expect(text(await official.press('Liên kết'))).toContain('Đã ghi nhận');
    expect(webText(await poll(own))).toContain('vừa nhập mã liên kết của bạn');
    expect(webText(await own.say('/hopthu'))).toContain(DENIED);
    expect(webText(await own.press('Xác nhận liên kết'))).toContain('Đã liên kết');
    await official.waitFor((m) => m.text.includes('Đã liên kết'));
    expect(await personOfWeb(own)).toBe(await personOfTelegram(703));
    expect(webText(await own.say('/hopthu'))).not.toContain(DENIED);

    // Replaying the confirmation or the code does nothing more.
    expect(webText(await own.press('Xác nhận liên kết'))).toContain('đã hết hạn hoặc đã được dùng');
    const stranger = await newWeb();
    expect(webText(await stranger.say(`/lienket ${code}`))).toContain('đã hết hạn hoặc đã được dùng');
    expect(webText(await stranger.say('/hopthu'))).toContain(DENIED);
  });

  it('should refuse to link two people who both hold roles', async () => {
    const { chat: official } = await join(704, 'official');
    const { chat: contact } = await join(705, 'unit_contact');
    const code = codeIn(text(await official.say('/lienket')));
    expect(text(await contact.say(`/lienket ${code}`))).toContain('cả hai tài khoản đều đang có vai trò');
    expect(text(await contact.say('/hopthu'))).toContain(DENIED);
    expect(await personOfTelegram(704)).not.toBe(await personOfTelegram(705));
  });

  it('should not bring back a revoked role through a linked account', async () => {
    const { chat: contact, code: inviteCode } = await join(706, 'unit_contact');
    await db().roleAssignment.updateMany({ where: { personId: await personOfTelegram(706) }, data: { revokedAt: new Date() } });
    const web = await newWeb();
    const code = codeIn(text(await contact.say('/lienket')));
    await web.say(`/lienket ${code}`);
    await web.press('Liên kết');
    await contact.waitFor((m) => m.text.includes('vừa nhập mã liên kết của bạn'));
    await contact.press('Xác nhận liên kết');
    expect(await personOfWeb(web)).toBe(await personOfTelegram(706));
    expect(webText(await web.say('/baocao'))).toContain(DENIED);
    expect(webText(await web.say(`/start ${inviteCode}`))).toContain('Quyền được cấp bằng mã mời này đã bị thu hồi');
    expect(await db().roleAssignment.count({ where: { personId: await personOfWeb(web), revokedAt: null } })).toBe(0);
  });

  it('should keep a block on filing reports when a blocked sender links to a fresh account', async () => {
    const blocked = await newWeb();
    const blockedId = await personOfWeb(blocked);
    const category = await db().wasteCategory.findFirstOrThrow();
    const report = await db().wasteReport.create({ data: { code: 'PA-BLCK-0001', categoryId: category.id, description: 'Một phản ánh đã bị chặn người gửi.', reporterId: blockedId } });
    await db().reportingBlock.create({ data: { reportId: report.id, personId: blockedId } });
    const fresh = new TelegramChat(api, 707);
    const code = codeIn(text(await fresh.say('/lienket')));
    await blocked.say(`/lienket ${code}`);
    await blocked.press('Liên kết');
    await fresh.waitFor((m) => m.text.includes('vừa nhập mã liên kết của bạn'));
    await fresh.press('Xác nhận liên kết');
    expect(await personOfWeb(blocked)).toBe(await personOfTelegram(707));
    expect(text(await fresh.say('/phananh'))).toContain(BLOCKED);
  });
});
