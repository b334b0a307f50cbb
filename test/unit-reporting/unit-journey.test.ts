import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvite } from '../../src/invites/create-invite.js';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { TelegramChat } from '../helpers/telegram-chat.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';

const OFFICIAL = 900;
const text = TelegramChat.text;

describe.each(providers)('unit contacts: progress updates and the annual report (%s)', (provider) => {
  let api: FakeTelegramApi;
  let database: TestDatabase;
  let app: TestApp;
  let contact: TelegramChat;
  let colleague: TelegramChat;
  let official: TelegramChat;

  const start = () => startTestApp({ databaseUrl: database.url, telegram: api, env: { ADMINS: `telegram:${OFFICIAL}` } });
  const inviteFor = async (unitCode: string) => {
    const unit = await app.database.db.unit.findFirstOrThrow({ where: { code: unitCode } });
    return (await app.database.db.$transaction((tx) => createInvite(tx, { role: 'unit_contact', unitId: unit.id, createdById: null, ttlDays: 14, now: new Date() }))).code;
  };

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    database = await createEmptyDatabase(provider);
    app = await start();
    contact = new TelegramChat(api, 801);
    colleague = new TelegramChat(api, 802);
    official = new TelegramChat(api, OFFICIAL);
  });
  afterAll(async () => {
    await app?.stop();
    await api?.stop();
    await database?.drop();
  });

  it('should greet a new contact by unit with what is due and the commands', async () => {
    const welcome = text(await contact.say(`/start ${await inviteFor('SO_TC')}`));
    expect(welcome).toContain('Vai trò: đầu mối báo cáo của Sở Tài chính');
    expect(welcome).toContain('Sắp đến hạn:');
    expect(welcome).toMatch(/Báo cáo năm \(Năm 2026\): hạn 15\/12\/2026/);
    expect(welcome).toContain('/capnhat');
    expect(contact.last.buttons.flat().map((b) => b.text)).toContain('📊 Cập nhật tiến độ');
    await colleague.say(`/start ${await inviteFor('SO_TC')}`);
  });

  async function update(criterion: string, bad: string[], good: string, pages = 0) {
    await contact.say('/capnhat');
    for (let i = 0; i < pages; i++) await contact.press('Trang sau');
    await contact.press(criterion);
    const periodPrompt = contact.last;
    expect(periodPrompt.buttons.flat()[0]!.text).toMatch(/^Quý \d\/\d{4}$/);
    await contact.press('Năm 2026');
    const errors: string[] = [];
    for (const input of bad) errors.push(text(await contact.say(input)));
    await contact.say(good);
    await contact.press('Bỏ qua'); // note
    await contact.press('Bỏ qua'); // evidence
    const saved = text(await contact.press('Lưu'));
    return { errors, saved };
  }

  it('should take a figure of every measure kind, explaining bad input first', async () => {
    const money = await update('Thu ngân sách nhà nước trên địa bàn', ['rất nhiều tiền', '-5 tỷ'], '19.000 tỷ');
    expect(money.errors[0]).toContain('Chưa đọc được số tiền. Ví dụ: 12 tỷ');
    expect(money.errors[1]).toContain('Số không được âm');
    expect(money.saved).toContain('19.000 tỷ đồng');
    // The plan's revenue target is the 2021–2025 total: phase 2 has none yet, and says so.
    expect(money.saved).toContain('19.000 tỷ đồng — không có chỉ tiêu để so sánh');
    expect(money.saved).toContain('Chưa đặt chỉ tiêu cho Giai đoạn 2 (2026–2030).');

    const percent = await update('Tỉ trọng chi thường xuyên', ['abc', '120'], '64,5%');
    expect(percent.errors[0]).toContain('Chưa đọc được tỉ lệ');
    expect(percent.errors[1]).toContain('Tỉ lệ phải từ 0 đến 100%');
    expect(percent.saved).toContain('64,5%');
    expect(percent.saved).toContain('⏳ chưa đạt chỉ tiêu');

    const bool = await update('Ban hành Chương trình thực hành tiết kiệm', ['có lẽ'], 'có');
    expect(bool.errors[0]).toContain('Vui lòng trả lời Có hoặc Không');
    expect(bool.saved).toContain('Có — ✅ đạt chỉ tiêu');

    const date = await update('Hoàn thành sắp xếp lại, xử lý nhà, đất', ['32/13/2025', 'tháng sau'], '15/12/2025');
    expect(date.errors.every((e) => e.includes('Ngày chưa đúng'))).toBe(true);
    // "By 2025" is phase 1's; a 2026 figure has no target to meet.
    expect(date.saved).toContain('15/12/2025 — không có chỉ tiêu để so sánh');

    const number = await update('Số vụ việc lãng phí được phát hiện và xử lý', ['bốn'], '4', 1);
    expect(number.errors[0]).toContain('Chưa đọc được con số');
    expect(number.saved).toContain('4 vụ việc');

    const textual = await update('Kết quả cải cách thủ tục hành chính', ['ok'], 'Cắt giảm 30% thời gian giải quyết hồ sơ tài chính.', 1);
    expect(textual.errors[0]).toContain('Nội dung quá ngắn');
    expect(textual.saved).toContain('không có chỉ tiêu để so sánh');
  });

  it('should ask what an ambiguous figure means instead of saving a guess', async () => {
    await contact.say('/capnhat');
    await contact.press('Trang sau');
    await contact.press('Số tiền tiết kiệm được từ thực hành tiết kiệm, chống lãng phí');
    await contact.press('Năm 2026');
    // No unit, and far too small to be meant in đồng.
    expect(text(await contact.say('1.234,5'))).toContain('Bạn nhập 1.234,5 nhưng chưa ghi đơn vị');
    expect(contact.last.buttons.flat().map((b) => b.text)).toEqual(['1.234,5 tỷ đồng', '1.234,5 triệu đồng', '1.235 đồng', 'Nhập lại']);
    await contact.press('1.234,5 triệu đồng');
    await contact.press('Bỏ qua');
    await contact.press('Bỏ qua');
    expect(text(await contact.press('Lưu'))).toContain('Năm 2026: 1.234,5 triệu đồng');

    await contact.say('/capnhat');
    await contact.press('Tỉ trọng chi thường xuyên trong tổng chi ngân sách nhà nước');
    await contact.press('Năm 2026');
    expect(text(await contact.say('0,645'))).toContain('Bạn nhập 0,645. Có phải ý bạn là 64,5%?');
    await contact.press('64,5%');
    await contact.press('Bỏ qua');
    await contact.press('Bỏ qua');
    expect(text(await contact.press('Lưu'))).toContain('Năm 2026: 64,5%');

    await contact.say('/capnhat');
    await contact.press('Trang sau');
    await contact.press('Số vụ việc lãng phí được phát hiện và xử lý');
    await contact.press('Năm 2026');
    expect(text(await contact.say('2,5'))).toContain('Số lượng phải là số nguyên');
    await contact.say('/huy');
  });

  it('should answer a photo where a number is expected, and keep the draft', async () => {
    await contact.say('/capnhat');
    await contact.press('Thu ngân sách nhà nước trên địa bàn');
    await contact.press('Năm 2026');
    api.registerFile('stray', Buffer.from([0xff, 0xd8, 0xff, 0x00]));
    expect(text(await contact.photo('stray'))).toContain('Vui lòng trả lời bằng tin nhắn chữ');
    expect(text(await contact.say('/tiendo'))).toContain('Số liệu năm 2026 so với chỉ tiêu');
    // /tiendo kept the dialog: the value is still asked for.
    expect(contact.last.text).toContain('Nhập số tiền');
    await contact.say('/huy');
  });

  it('should replace a figure for the same period and keep the history', async () => {
    const again = await update('Thu ngân sách nhà nước trên địa bàn', [], '18.000 tỷ');
    expect(again.saved).toContain('thay cho số đã báo trước đó: 19.000 tỷ đồng');
    const rows = await app.database.db.progressUpdate.findMany({ where: { criterion: { code: 'BUDGET_REVENUE' } }, orderBy: { createdAt: 'asc' } });
    expect(rows.map((r) => [r.valueNumber, r.supersededAt === null])).toEqual([[19_000_000_000_000, false], [18_000_000_000_000, true]]);
    const status = text(await contact.say('/tiendo'));
    expect(status).toContain('Thu ngân sách nhà nước trên địa bàn: 18.000 tỷ đồng (Năm 2026) — không có chỉ tiêu để so sánh');
    expect(status).toMatch(/Đã có số liệu 7\/\d+ tiêu chí/);
  });

  it('should write the annual report section by section, resume after a restart, and submit', async () => {
    const first = text(await contact.say('/baocao'));
    expect(first).toContain('Mục 1/6');
    expect(first).toContain('Công tác triển khai, tuyên truyền Phong trào');
    await contact.say('Ban hành Kế hoạch số 12/KH-STC, tổ chức hội nghị quán triệt cho 100% công chức.');
    const second = text(contact.messages.slice(-1));
    expect(second).toContain('Mục 2/6');
    await contact.say('Phối hợp kiểm soát giải ngân vốn đầu tư công đạt 95% kế hoạch.');
    expect(contact.last.text).toContain('Mục 3/6');
    expect(contact.last.text).toContain('Nội dung gợi ý từ số liệu');
    expect(contact.last.text).toContain('Thu ngân sách nhà nước trên địa bàn: 18.000 tỷ đồng');

    await app.stop();
    app = await start();

    const resumed = text(await contact.say('/baocao'));
    expect(resumed).toContain('Mục 3/6');
    await contact.press('Giữ nguyên');
    expect(contact.last.text).toContain('Tổng số tiền tiết kiệm');
    expect(text(await contact.say('nhiều'))).toContain('Chưa đọc được số tiền');
    // A digit too many, and then far too many: each is explained, with the limit written out.
    expect(text(await contact.say('150.000 tỷ'))).toContain('Số tiền vượt quá 100.000 tỷ đồng');
    expect(text(await contact.say('9.999.999 tỷ'))).toContain('Số tiền vượt quá 1.000.000 tỷ đồng');
    await contact.say('1,5 tỷ');
    await contact.say('Tập thể Phòng Quản lý ngân sách có nhiều sáng kiến tiết kiệm chi.');
    await contact.say('Đề nghị tặng Bằng khen cho Phòng Quản lý ngân sách.');
    await contact.press('Bằng khen của Chủ tịch UBND tỉnh');
    const review = text(await contact.say('Đề nghị hướng dẫn thống nhất biểu mẫu báo cáo tiết kiệm.'));
    expect(review).toContain('Kiểm tra lại toàn bộ báo cáo');
    expect(review).toContain('Số tiền tiết kiệm: 1,5 tỷ đồng');
    expect(review).toContain('Hình thức khen thưởng đề nghị: Bằng khen của Chủ tịch UBND tỉnh');
    const receipt = text(await contact.press('Nộp báo cáo'));
    expect(receipt).toContain('Số báo cáo: BC-2026-SO_TC-01');
    const report = await app.database.db.annualReport.findFirstOrThrow({ where: { unit: { code: 'SO_TC' }, year: 2026 } });
    expect(report).toMatchObject({ state: 'submitted', version: 1 });
    const told = await official.waitFor((m) => m.text.includes('BC-2026-SO_TC-01'));
    expect(told.text).toContain('Sở Tài chính đã nộp báo cáo năm 2026');
  });

  it('should let the board return it with a reason, and the contact fix and resubmit it', async () => {
    const waiting = text(await official.say('/xembaocao'));
    expect(waiting).toContain('Có 1 báo cáo năm 2026 chờ duyệt');
    await official.press('Sở Tài chính');
    expect(official.last.text).toContain('Lần nộp 1');
    await official.press('Trả lại để sửa');
    await official.say('Mục 2 cần nêu rõ số dự án được kiểm soát giải ngân.');
    const notice = await contact.waitFor((m) => m.text.includes('được trả lại để chỉnh sửa'));
    expect(notice.text).toContain('Mục 2 cần nêu rõ số dự án');

    const review = text(await contact.press('Sửa báo cáo'));
    expect(review).toContain('Lý do trả lại: Mục 2 cần nêu rõ số dự án');
    await contact.press('Sửa một mục');
    await contact.press('2. Kết quả phát triển kết cấu hạ tầng');
    const back = text(await contact.say('Kiểm soát giải ngân 42 dự án, đạt 95% kế hoạch vốn.'));
    expect(back).toContain('Kiểm tra lại toàn bộ báo cáo');
    expect(text(await contact.press('Nộp báo cáo'))).toContain('BC-2026-SO_TC-02');
    const resubmitted = await official.waitFor((m) => m.text.includes('BC-2026-SO_TC-02'));
    expect(resubmitted.text).toContain('Sở Tài chính đã nộp lại báo cáo năm 2026');

    await official.say('/xembaocao SO_TC');
    expect(official.last.text).toContain('Lần nộp 2');
    expect(official.last.text).toContain('Trạng thái: đã nộp lại, chờ duyệt');
    await official.press('Chấp nhận');
    await contact.waitFor((m) => m.text.includes('đã được chấp nhận'));
    const report = await app.database.db.annualReport.findFirstOrThrow({ where: { unit: { code: 'SO_TC' }, year: 2026 }, include: { versions: true } });
    expect(report.state).toBe('accepted');
    expect(report.versions).toHaveLength(2);
    const actions = (await app.database.db.auditLog.findMany({ where: { subjectId: report.id }, orderBy: { createdAt: 'asc' } })).map((a) => a.action);
    expect(actions).toEqual(['annual_report.submit', 'annual_report.return', 'annual_report.submit', 'annual_report.accept']);
  });

  it('should not let two contacts overwrite each other silently', async () => {
    await contact.say('/baocao 2027');
    await colleague.say('/baocao 2027');
    await colleague.say('Nội dung của đồng nghiệp: phát động phong trào tại tất cả phòng ban.');
    const conflict = text(await contact.say('Nội dung của tôi: tổ chức hội nghị phát động đầu năm.'));
    expect(conflict).toContain('Một đầu mối khác của đơn vị vừa sửa mục này');
    expect(conflict).toContain('Nội dung của đồng nghiệp');
    await contact.say('Nội dung của tôi: tổ chức hội nghị phát động đầu năm.');
    const section = await app.database.db.annualReportSection.findFirstOrThrow({ where: { sectionCode: 'launch', report: { year: 2027 } } });
    expect(section.content).toContain('Nội dung của tôi');
  });

  it('should let a contact reopen a submitted report before the deadline and send it again', async () => {
    const builder = new TelegramChat(api, 803);
    await builder.say(`/start ${await inviteFor('SO_XD')}`);
    await builder.say('/baocao');
    for (let i = 1; i <= 6; i++) {
      await builder.say(`Nội dung mục ${i} của báo cáo năm của Sở Xây dựng.`);
      if (builder.last.text.includes('Tổng số tiền tiết kiệm')) await builder.press('Bỏ qua');
      if (builder.last.text.includes('Hình thức khen thưởng đề nghị:')) await builder.press('Không đề nghị');
    }
    expect(TelegramChat.text(await builder.press('Nộp báo cáo'))).toContain('BC-2026-SO_XD-01');
    const opened = TelegramChat.text(await builder.say('/baocao'));
    expect(opened).toContain('Trước hạn nộp, bạn có thể mở lại');
    expect(TelegramChat.text(await builder.press('Mở lại để sửa'))).toContain('Đã mở lại báo cáo');
    expect(TelegramChat.text(await builder.press('Nộp báo cáo'))).toContain('BC-2026-SO_XD-02');
    const versions = await app.database.db.annualReportVersion.count({ where: { report: { unit: { code: 'SO_XD' } } } });
    expect(versions).toBe(2);
  });

  it('should refuse evidence of a type that is not a picture or an office document', async () => {
    await contact.say('/capnhat');
    await contact.press('Thu ngân sách nhà nước trên địa bàn');
    await contact.press('Năm 2026');
    await contact.say('18.500 tỷ');
    await contact.press('Bỏ qua');
    expect(TelegramChat.text(await contact.document('virus', 'application/x-msdownload'))).toContain('Loại tệp này không được nhận');
    // The declared type proves nothing: a page sent as "PDF" is refused, a real PDF is taken.
    api.registerFile('page', Buffer.from('<html><script>alert(1)</script></html>'));
    expect(TelegramChat.text(await contact.document('page', 'application/pdf'))).toContain('Loại tệp này không được nhận');
    api.registerFile('minutes', Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n'));
    expect(TelegramChat.text(await contact.document('minutes', 'application/pdf'))).toContain('Có minh chứng kèm theo');
    expect(TelegramChat.text(await contact.press('Lưu'))).toContain('Đã lưu số liệu');
    const latest = await app.database.db.progressUpdate.findFirstOrThrow({ where: { supersededAt: null, criterion: { code: 'BUDGET_REVENUE' } }, include: { attachments: true } });
    expect(latest.attachments.map((a) => [a.fileRef, a.mimeType])).toEqual([['minutes', 'application/pdf']]);
  });

  it('should ask a province-wide figure only of the unit responsible for it', async () => {
    const planning = new TelegramChat(api, 871);
    await planning.say(`/start ${await inviteFor('SO_KHDT')}`);
    await planning.say('/capnhat');
    const pages = [planning.last];
    while (planning.last.buttons.flat().some((b) => b.text === 'Trang sau')) {
      await planning.press('Trang sau');
      pages.push(planning.last);
    }
    const offered = pages.flatMap((m) => m.buttons.flat().map((b) => b.text));
    // Revenue belongs to the finance department; GRDP is the planning department's own.
    expect(offered).not.toContain('Thu ngân sách nhà nước trên địa bàn');
    expect(offered).toContain('Tốc độ tăng trưởng kinh tế (GRDP) bình quân');
    expect(offered).toContain('Giải ngân kế hoạch vốn đầu tư công được giao');
    await planning.say('/huy');
    const district = new TelegramChat(api, 872);
    await district.say(`/start ${await inviteFor('H_DAK_MIL')}`);
    await district.say('/capnhat');
    const districtOffered = district.last.buttons.flat().map((b) => b.text);
    expect(districtOffered).not.toContain('Tỉ lệ bảo đảm nước tưới cho diện tích cần tưới');
    expect(districtOffered).not.toContain('Tỉ lệ nhựa hóa đường tỉnh');
    await district.say('/huy');
  });

  it('should let an official revoke a contact, who is told', async () => {
    await official.say('/thuhoi SO_TC');
    await official.press('User802');
    await colleague.waitFor((m) => m.text.includes('đã được thu hồi'));
    expect(text(await colleague.say('/capnhat'))).toContain('dành cho cán bộ được phân quyền');
  });
});
