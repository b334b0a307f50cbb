import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { FakeZaloApi, ZaloChat } from '../helpers/fake-zalo-api.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { TelegramChat } from '../helpers/telegram-chat.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';
import { WebChatClient } from '../helpers/web-chat-client.js';
import { LAM_DONG_UNITS } from '../units/lam-dong-units.js';

const ADMIN = 7001;
const PLACE_KINDS = new Set(['commune', 'ward', 'special_zone']);
const PREFIX = { commune: 'UBND x', ward: 'UBND p', special_zone: 'UBND đ' } as const;

/** The bundled Lâm Đồng file with the province's 124 communes, wards and special zone, and no lineage. */
function campaignWith124(dir: string): string {
  const file = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'prisma', 'campaigns', 'lam-dong-2026-2030.json'), 'utf8')) as {
    units: { code: string; kind: string }[];
    lineage?: unknown;
  };
  file.units = [
    ...file.units.filter((u) => !PLACE_KINDS.has(u.kind)),
    ...LAM_DONG_UNITS.map((u) => ({ code: u.code, nameVi: `${PREFIX[u.kind]}${u.name.slice(1)}`, nameEn: `People's Committee of ${u.name}`, shortName: u.name, kind: u.kind })),
  ];
  delete file.lineage;
  const target = path.join(dir, 'lam-dong-124.json');
  writeFileSync(target, JSON.stringify(file));
  return target;
}

const unitButtons = (buttons: { text: string }[][]) => buttons.flat().filter((b) => /^(Xã|Phường|Đặc khu) /.test(b.text));

describe.each(providers)('unit pickers over the 124 communes of Lâm Đồng (%s)', (provider) => {
  let telegram: FakeTelegramApi;
  let zalo: FakeZaloApi;
  let database: TestDatabase;
  let app: TestApp;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'thidua-124-'));
    telegram = await new FakeTelegramApi().start();
    zalo = await new FakeZaloApi().start();
    database = await createEmptyDatabase(provider);
    app = await startTestApp({
      databaseUrl: database.url,
      telegram,
      env: { CAMPAIGN_FILE: campaignWith124(dir), ZALO_BOT_TOKEN: zalo.token, ZALO_API_ROOT: zalo.url, ADMINS: `telegram:${ADMIN}` },
    });
  });
  afterAll(async () => {
    await app?.stop();
    await zalo?.stop();
    await telegram?.stop();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('should page the places on Telegram, say when nothing matches, and find "quang tan" for a report', async () => {
    const citizen = new TelegramChat(telegram, 7100);
    await citizen.say('/phananh');
    await citizen.press('Khác');
    await citizen.say('Nhà văn hóa xã xây xong để không, cửa khóa quanh năm.');
    const first = (await citizen.press('Chọn trong danh sách')).at(-1)!;
    expect(first.text).toContain('Gõ vài chữ trong tên hoặc mã để tìm');
    expect(first.text).toContain('Trang 1/16');
    expect(unitButtons(first.buttons)).toHaveLength(8);
    const second = (await citizen.press('Trang sau')).at(-1)!;
    expect(second.text).toContain('Trang 2/16');
    expect(unitButtons(second.buttons).map((b) => b.text)).not.toContain(unitButtons(first.buttons)[0]!.text);

    const none = TelegramChat.text(await citizen.say('xyzw'));
    expect(none).toContain('Không tìm thấy tên nào khớp với “xyzw”');
    const found = (await citizen.say('quang tan')).at(-1)!;
    expect(found.text).toContain('Tìm thấy 1 tên khớp với “quang tan”');
    expect(unitButtons(found.buttons).map((b) => b.text)).toEqual(['Xã Quảng Tân']);
    await citizen.press('Xã Quảng Tân');
    await citizen.press('Bỏ qua');
    const summary = TelegramChat.text(await citizen.press('Gửi ẩn danh'));
    expect(summary).toContain('Xã Quảng Tân');
    await citizen.press('Gửi phản ánh');
    const report = await app.database.db.wasteReport.findFirstOrThrow({ orderBy: { createdAt: 'desc' }, include: { localityUnit: true } });
    expect(report.localityUnit?.code).toBe('24748');
  });

  it('should let an official invite the contact of a commune typed by its code or its name on Telegram', async () => {
    const official = new TelegramChat(telegram, ADMIN);
    await official.say('/moi');
    await official.press('Đầu mối đơn vị');
    const list = (await official.press('UBND xã')).at(-1)!;
    expect(unitButtons(list.buttons)).toHaveLength(8);
    const byCode = (await official.say('24748')).at(-1)!;
    expect(unitButtons(byCode.buttons).map((b) => b.text)).toEqual(['Xã Quảng Tân']);
    const many = (await official.say('cat tien')).at(-1)!;
    expect(many.text).toContain('Có 3 tên khớp với “cat tien”');
    expect(unitButtons(many.buttons).map((b) => b.text)[0]).toBe('Xã Cát Tiên');
    const confirm = TelegramChat.text(await official.press('Xã Cát Tiên 2'));
    expect(confirm).toContain('Xác nhận tạo mã mời');
    expect(confirm).toContain('Cát Tiên 2');
    await official.press('Hủy');

    // A name typed instead of a kind is searched over every kind; so is one given with /moi.
    await official.say('/moi');
    await official.press('Đầu mối đơn vị');
    const ward = (await official.say('bac gia nghia')).at(-1)!;
    expect(unitButtons(ward.buttons).map((b) => b.text)).toEqual(['Phường Bắc Gia Nghĩa']);
    const direct = (await official.say('/moi quang tan')).at(-1)!;
    expect(unitButtons(direct.buttons).map((b) => b.text)).toEqual(['Xã Quảng Tân']);
  });

  it('should find "dak mil" on Zalo and take the number, every message within Zalo\'s limit', async () => {
    const citizen = new ZaloChat(zalo, 'z-124');
    const categories = await citizen.say('/phananh');
    await citizen.say(/(\d+)\. Khác/.exec(categories)![1]!);
    const place = await citizen.say('Xe công đưa đón cán bộ chạy rỗng mỗi ngày qua xã.');
    const list = await citizen.say(/(\d)\. Chọn trong danh sách/.exec(place)![1]!);
    expect(list).toContain('Trang 1/16');
    expect(list).toMatch(/\n1\. Xã |\n1\. Phường /);
    expect(list).toContain('(Trả lời bằng số thứ tự)');

    expect(await citizen.say('khong co ten nay')).toContain('Không tìm thấy tên nào khớp với');
    const found = await citizen.say('dak mil');
    expect(found).toContain('1. Xã Đắk Mil');
    const photos = await citizen.say('1');
    await citizen.say(/(\d)\. Bỏ qua/.exec(photos)![1]!);
    const anonymity = zalo.messagesTo('z-124').at(-1)!.text;
    const summary = await citizen.say(/(\d)\. 🕶 Gửi ẩn danh/.exec(anonymity)![1]!);
    expect(summary).toContain('Xã Đắk Mil');
    for (const m of zalo.messagesTo('z-124')) expect([...m.text].length).toBeLessThanOrEqual(2000);
  });

  it('should find a ward typed without diacritics in the web chat', async () => {
    const visitor = new WebChatClient(app.url);
    await visitor.say('/phananh');
    await visitor.press('Khác');
    await visitor.say('Đèn chiếu sáng công viên bật cả ban ngày suốt nhiều tháng.');
    await visitor.press('Chọn trong danh sách');
    const found = await visitor.say('nam gia nghia');
    expect(found.at(-1)!.text).toContain('Tìm thấy 1 tên');
    await visitor.press('Phường Nam Gia Nghĩa');
    await visitor.press('Bỏ qua');
    const summary = (await visitor.press('Gửi ẩn danh')).map((m) => m.text).join('\n');
    expect(summary).toContain('Phường Nam Gia Nghĩa');
    await visitor.press('Hủy');

    // A place typed as words that name a commune is offered as the locality, the words kept.
    await visitor.say('/phananh');
    await visitor.press('Khác');
    await visitor.say('Xe công đỗ ở sân trụ sở, không dùng đến suốt hai năm nay.');
    const offered = await visitor.say('xa dak mil');
    expect(offered.at(-1)!.text).toContain('Tìm thấy 1 tên khớp với “xa dak mil”');
    await visitor.press('Xã Đắk Mil');
    await visitor.press('Bỏ qua');
    const typed = (await visitor.press('Gửi ẩn danh')).map((m) => m.text).join('\n');
    expect(typed).toContain('Xã Đắk Mil — xa dak mil');
  });
});
