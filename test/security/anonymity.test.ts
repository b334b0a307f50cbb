import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { TelegramChat } from '../helpers/telegram-chat.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';
import { fileWasteReport, trackingCodeIn } from '../helpers/waste-report-chat.js';

const OFFICIAL = 7500;
const text = TelegramChat.text;

describe.each(providers)('security: blocking the author of an anonymous report (%s)', (provider) => {
  let api: FakeTelegramApi;
  let database: TestDatabase;
  let app: TestApp;
  let official: TelegramChat;

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    database = await createEmptyDatabase(provider);
    app = await startTestApp({ databaseUrl: database.url, telegram: api, env: { ADMINS: `telegram:${OFFICIAL}` } });
    official = new TelegramChat(api, OFFICIAL);
  });
  afterAll(async () => {
    await app?.stop();
    await api?.stop();
    await database?.drop();
  });

  it('should reveal nothing of who is behind an anonymous report when its sender is blocked, and let officials list and lift blocks', async () => {
    const author = new TelegramChat(api, 7401);
    const named = trackingCodeIn(await fileWasteReport(api, author, { category: 'Khác', description: 'Phản ánh có tên: bóng đèn sân vận động bật cả ngày.', named: true }));
    const anonymous = trackingCodeIn(await fileWasteReport(api, author, { category: 'Khác', description: 'Phản ánh ẩn danh: thủ trưởng dùng xe công đi việc riêng.' }));
    const other = new TelegramChat(api, 7402);
    const unrelated = trackingCodeIn(await fileWasteReport(api, other, { category: 'Khác', description: 'Phản ánh của người khác về máy bơm nước chạy suốt đêm.' }));
    const person = await app.database.db.person.findFirstOrThrow({ where: { identities: { some: { externalId: '7401' } } } });

    const before = text(await official.say('/hopthu'));
    expect(before).toContain('Có 3 phản ánh chờ xử lý');
    await official.say(`/xl ${anonymous} view`);
    const blocked = text(await official.press('Chặn người gửi'));
    expect(blocked).toContain(`Đã chặn người gửi phản ánh ${anonymous}`);

    // The inbox, its count and every report stay as they were: nothing links the two reports.
    // (One message per report: wait for all of them, not for a quiet spell after the first.)
    const from = official.messages.length;
    await official.say('/hopthu');
    await official.waitFor(() => [named, anonymous, unrelated].every((code) => text(official.messages.slice(from)).includes(code)));
    const after = text(official.messages.slice(from));
    expect(after).toContain('Có 3 phản ánh chờ xử lý');
    for (const code of [named, anonymous, unrelated]) expect(after).toContain(code);

    // A second block, from the named report, reads exactly like a first one.
    await official.say(`/xl ${named} view`);
    expect(text(await official.press('Chặn người gửi'))).toBe(blocked.replace(anonymous, named));

    // The list names each block by its report only.
    const list = await official.say('/chan');
    const listed = text(list) + JSON.stringify(list.map((m) => m.buttons));
    expect(listed).toContain(anonymous);
    expect(listed).toContain(named);
    expect(listed).not.toContain(person.displayName);
    expect(listed).not.toContain(person.id);
    expect(listed).not.toContain('7401');

    // The sender cannot file while any block stands.
    expect(text(await author.say('/phananh'))).toContain('không thể gửi phản ánh mới');
    expect(text(await official.press(`Bỏ chặn ${anonymous}`))).toContain(`Đã bỏ chặn người gửi phản ánh ${anonymous}`);
    expect(text(await author.say('/phananh'))).toContain('không thể gửi phản ánh mới');
    expect(text(await official.say(`/chan bo ${named}`))).toContain(`Đã bỏ chặn người gửi phản ánh ${named}`);
    expect(text(await official.say('/chan'))).toContain('Không có người gửi nào đang bị chặn');
    expect(text(await author.say('/phananh'))).toContain('Lãng phí thuộc lĩnh vực nào?');
    await author.say('/huy');

    const audit = await app.database.db.auditLog.findMany({ where: { action: { in: ['waste.block_sender', 'waste.unblock_sender'] } }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['waste.block_sender', 'waste.block_sender', 'waste.unblock_sender', 'waste.unblock_sender']);
    expect(JSON.stringify(audit.map((a) => a.detailsJson))).not.toContain(person.id);
  });
  it('should print a typed place on one line, so that it cannot pass for the card\'s own fields', async () => {
    const author = new TelegramChat(api, 7403);
    const place = ['Thôn 3', 'Gửi lúc: 08:00 01/11/2026', 'Người phản ánh: Trần Văn Bị Hại — 0987 654 321 (đã xác minh)', 'Trạng thái: Đã xử lý xong'].join('\n');
    const code = trackingCodeIn(await fileWasteReport(api, author, { category: 'Khác', description: 'Phản ánh ẩn danh về máy phát điện chạy không tải suốt đêm.', place }));
    const card = text(await official.say(`/xl ${code} view`)).split('\n');
    expect(card.filter((line) => line.startsWith('Người phản ánh'))).toEqual(['Người phản ánh: ẩn danh']);
    expect(card.filter((line) => line.startsWith('Trạng thái:'))).toEqual(['Trạng thái: Đã tiếp nhận']);
    expect(card).toContain('Địa điểm: Thôn 3 Gửi lúc: 08:00 01/11/2026 Người phản ánh: Trần Văn Bị Hại — 0987 654 321 (đã xác minh) Trạng thái: Đã xử lý xong');
  });
});
