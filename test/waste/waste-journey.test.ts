import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvite } from '../../src/invites/create-invite.js';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { TelegramChat } from '../helpers/telegram-chat.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';
import { tinyJpeg } from '../helpers/tiny-jpeg.js';

const OFFICIAL = 100;
const JPEG = tinyJpeg();
const text = TelegramChat.text;

describe.each(providers)('citizen waste reports, end to end (%s)', (provider) => {
  let api: FakeTelegramApi;
  let database: TestDatabase;
  let app: TestApp;
  let official: TelegramChat;
  let contact: TelegramChat;

  const start = () =>
    startTestApp({ databaseUrl: database.url, telegram: api, env: { ADMINS: `telegram:${OFFICIAL}`, WASTE_REPORTS_PER_HOUR: '3' } });

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    database = await createEmptyDatabase(provider);
    app = await start();
    official = new TelegramChat(api, OFFICIAL);
    contact = new TelegramChat(api, 200);
    const unit = await app.database.db.unit.findFirstOrThrow({ where: { code: 'H_DAK_MIL' } });
    const invite = await app.database.db.$transaction((tx) =>
      createInvite(tx, { role: 'unit_contact', unitId: unit.id, createdById: null, ttlDays: 14, now: new Date() }),
    );
    await contact.say(`/start ${invite.code}`);
  });
  afterAll(async () => {
    await app?.stop();
    await api?.stop();
    await database?.drop();
  });

  async function fileReport(
    chat: TelegramChat,
    options: { category: string; description: string; locality?: string; location?: [number, number]; photos?: string[]; named?: boolean; phone?: string },
  ) {
    await chat.say('/phananh');
    await chat.press(options.category);
    await chat.say(options.description);
    if (options.location) await chat.location(...options.location);
    else if (options.locality) {
      await chat.press('Chọn trong danh sách');
      await chat.press(options.locality);
    } else await chat.press('Bỏ qua');
    for (const photo of options.photos ?? []) {
      api.registerFile(photo, JPEG);
      await chat.photo(photo);
    }
    await chat.press(options.photos?.length ? 'Xong' : 'Bỏ qua');
    if (options.named) {
      await chat.press('Ghi tên tôi');
      // The first time, the person confirms the name officials will read.
      if (chat.last.buttons.flat().some((b) => b.text.includes('Dùng tên'))) await chat.press('Dùng tên');
      if (options.phone) {
        await chat.press('Để lại số điện thoại');
        // A number too short is answered with what a phone number looks like, not a length rule.
        expect(text(await chat.say('12345'))).toContain('Số điện thoại chưa đúng');
        await chat.say(options.phone);
      } else await chat.press('Không để lại số');
    } else await chat.press('Gửi ẩn danh');
    return chat.press('Gửi phản ánh');
  }

  const codeIn = (s: string) => /PA-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(s)![0];

  it('should file an anonymous report with a location and photos, and give a tracking code', async () => {
    const citizen = new TelegramChat(api, 301);
    // A citizen unsure of the area is pointed at the catch-all; typing instead of pressing is
    // answered with the number of buttons the campaign file has.
    expect(text(await citizen.say('/phananh'))).toContain('Lãng phí thuộc lĩnh vực nào?\nNếu không chắc, bạn cứ chọn «Khác».');
    expect(citizen.last.buttons.flat().map((b) => b.text)).toContain('Mua sắm, đầu tư xây dựng, quản lý tài sản công');
    const categories = await app.database.db.wasteCategory.count({ where: { active: true, campaign: { code: 'DAK_NONG_2022_2030' } } });
    expect(text(await citizen.say('xe công'))).toContain(`(1 đến ${categories})`);
    await citizen.press('Mua sắm, đầu tư xây dựng');
    const short = await citizen.say('Xe công để không');
    expect(text(short)).toContain('cần ít nhất 20 ký tự, bạn mới nhập 16');
    await citizen.say('Xe ô tô công của xã để không suốt 6 tháng trong sân trụ sở, không ai sử dụng.');
    await citizen.location(12.4447, 107.6275);
    api.registerFile('photo-1', JPEG);
    api.registerFile('photo-2', JPEG);
    expect(text(await citizen.photo('photo-1'))).toContain('Đã nhận 1/5 ảnh');
    const underFirst = citizen.last;
    expect(text(await citizen.photo('photo-2'))).toContain('Đã nhận 2/5 ảnh');
    // "Xong" under the first photo still means done, after the second.
    expect(text(await citizen.pressOn(underFirst, 'Xong'))).toContain('ẩn danh');
    const summary = await citizen.press('Gửi ẩn danh');
    expect(text(summary)).toContain('Ảnh đính kèm: 2');
    expect(text(summary)).toContain('12.44470, 107.62750');
    const filed = await citizen.press('Gửi phản ánh');
    expect(text(filed)).toContain('Đã tiếp nhận phản ánh');
    const code = codeIn(text(filed));

    const report = await app.database.db.wasteReport.findUniqueOrThrow({ where: { code }, include: { attachments: true, events: true } });
    expect(report).toMatchObject({ anonymous: true, status: 'received', latitude: 12.4447, contactPhone: null });
    expect(report.attachments.map((a) => a.fileRef)).toEqual(['photo-1', 'photo-2']);
    expect(report.events.map((e) => e.status)).toEqual(['received']);
  });

  it('should keep what a newcomer sends before being asked: words typed out of the blue, a photo sent early, a code typed alone', async () => {
    const citizen = new TelegramChat(api, 305);
    const words = 'Đèn đường ở đường Lê Duẩn bật sáng cả ban ngày';
    const offered = text(await citizen.say(words));
    expect(offered).toContain('Bạn muốn gửi phản ánh lãng phí với nội dung này?');
    expect(offered).toContain(words);
    await citizen.press('Có, gửi phản ánh');
    // The words are the description: the next question after the category is the place.
    expect(text(await citizen.press('Khác'))).toContain('Sự việc ở đâu?');
    await citizen.press('Bỏ qua');
    await citizen.press('Bỏ qua');
    await citizen.press('Gửi ẩn danh');
    const code = codeIn(text(await citizen.press('Gửi phản ánh')));
    expect((await app.database.db.wasteReport.findUniqueOrThrow({ where: { code } })).description).toBe(words);
    // The code typed alone, as people do, is read as /tracuu.
    expect(text(await citizen.say(code.toLowerCase()))).toContain(words);

    const early = new TelegramChat(api, 306);
    await early.say('/phananh');
    await early.press('Khác');
    api.registerFile('early-photo', JPEG);
    const kept = text(await early.photo('early-photo'));
    expect(kept).toContain('Đã nhận 1 ảnh, sẽ gửi kèm phản ánh.');
    expect(kept).toContain('Hãy mô tả sự việc');
    await early.say('Máy lạnh phòng họp chạy suốt đêm không có ai, tuần nào cũng vậy.');
    await early.press('Bỏ qua');
    await early.press('Xong');
    await early.press('Gửi ẩn danh');
    const earlyCode = codeIn(text(await early.press('Gửi phản ánh')));
    const report = await app.database.db.wasteReport.findUniqueOrThrow({ where: { code: earlyCode }, include: { attachments: true } });
    expect(report.attachments.map((a) => a.fileRef)).toEqual(['early-photo']);
  });

  it('should not drop a report half written for a menu button tapped by mistake, and leave it only when asked to', async () => {
    const citizen = new TelegramChat(api, 309);
    await citizen.say('xin chào');
    const menu = citizen.messages.findLast((m) => m.buttons.flat().some((b) => b.text === '📢 Phản ánh lãng phí'))!;
    await citizen.say('/phananh');
    await citizen.press('Khác');
    const words = 'Trụ sở UBND xã cũ bỏ hoang nhiều năm, cửa kính vỡ hết, không ai trông coi.';
    await citizen.say(words);
    // The person scrolls up and taps the menu of the first message.
    const asked = text(await citizen.pressOn(menu, '📢 Phản ánh lãng phí'));
    expect(asked).toContain('Bạn đang làm dở một việc. Nếu chuyển sang việc khác bây giờ:');
    expect(asked).toContain('Phản ánh đang viết dở chưa được gửi');
    expect(text(await citizen.press('↩️ Làm tiếp việc đang dở'))).toContain('Sự việc ở đâu?');
    await citizen.say('Thôn 3, xã Quảng Khê');
    await citizen.press('Bỏ qua');
    await citizen.pressOn(menu, '🔎 Tra cứu phản ánh');
    expect(text(await citizen.press('↩️ Làm tiếp việc đang dở'))).toContain('ẩn danh');
    await citizen.press('Gửi ẩn danh');
    const code = codeIn(text(await citizen.press('Gửi phản ánh')));
    expect((await app.database.db.wasteReport.findUniqueOrThrow({ where: { code } })).description).toBe(words);

    // Asked, and told what is lost, a person may still switch.
    await citizen.say('/phananh');
    await citizen.press('Khác');
    await citizen.pressOn(menu, '📢 Phản ánh lãng phí');
    const switched = text(await citizen.press('➡️ Chuyển sang việc mới'));
    expect(switched).toContain('Phản ánh đang viết dở chưa được gửi');
    expect(switched).toContain('Lãng phí thuộc lĩnh vực nào?');
  });

  it('should let a reporter change one part from the summary and come back to it, keeping the rest', async () => {
    const citizen = new TelegramChat(api, 307);
    await citizen.say('/phananh');
    await citizen.press('Khác');
    await citizen.say('Đèn chiếu sáng công viên bật suốt ngày, kể cả buổi trưa.');
    // An address that names no commune goes straight on to the photos.
    expect(text(await citizen.say('gan cho cu'))).toContain('ảnh');
    api.registerFile('edit-photo', JPEG);
    await citizen.photo('edit-photo');
    await citizen.press('Xong');
    expect(text(await citizen.press('Gửi ẩn danh'))).toContain('Địa điểm: gan cho cu');
    // The place typed without accents is fixed; nothing else is asked again.
    expect(text(await citizen.press('✏️ Sửa'))).toContain('Bạn muốn sửa phần nào?');
    await citizen.press('Địa điểm');
    const fixed = text(await citizen.say('Công viên trung tâm, gần chợ cũ'));
    expect(fixed).toContain('Vui lòng kiểm tra lại phản ánh trước khi gửi');
    expect(fixed).toContain('Địa điểm: Công viên trung tâm, gần chợ cũ');
    expect(fixed).toContain('Ảnh đính kèm: 1');
    // So are the words.
    await citizen.press('✏️ Sửa');
    // The words written are shown, to copy and change.
    const asked = text(await citizen.press('Nội dung'));
    expect(asked).toContain('Nội dung bạn đã viết:\nĐèn chiếu sáng công viên bật suốt ngày, kể cả buổi trưa.');
    expect(asked).not.toContain('sẽ gửi kèm phản ánh');
    const reworded = text(await citizen.say('Đèn chiếu sáng công viên trung tâm bật suốt ngày, kể cả buổi trưa nắng.'));
    expect(reworded).toContain('kể cả buổi trưa nắng');
    const code = codeIn(text(await citizen.press('Gửi phản ánh')));
    const report = await app.database.db.wasteReport.findUniqueOrThrow({ where: { code }, include: { attachments: true } });
    expect(report).toMatchObject({ placeText: 'Công viên trung tâm, gần chợ cũ', description: 'Đèn chiếu sáng công viên trung tâm bật suốt ngày, kể cả buổi trưa nắng.', anonymous: true });
    expect(report.attachments.map((a) => a.fileRef)).toEqual(['edit-photo']);
  });

  it('should not drop a finished report for one tap on "Hủy" or for words typed at its summary', async () => {
    const citizen = new TelegramChat(api, 308);
    await citizen.say('/phananh');
    await citizen.press('Khác');
    await citizen.say('Máy lạnh phòng họp xã chạy cả cuối tuần khi không có ai.');
    await citizen.press('Bỏ qua'); // the place
    await citizen.press('Bỏ qua'); // the photos
    expect(text(await citizen.press('Gửi ẩn danh'))).toContain('Vui lòng kiểm tra lại phản ánh trước khi gửi');
    // Words typed at the summary ask it again.
    const typed = text(await citizen.say('ok gửi đi'));
    expect(typed).toContain('(1 đến 3)');
    expect(typed).toContain('Máy lạnh phòng họp xã');
    // "Hủy" asks first; going back shows the report as it was.
    expect(text(await citizen.press('Hủy'))).toContain('Bỏ phản ánh này?');
    expect(text(await citizen.press('Quay lại'))).toContain('Máy lạnh phòng họp xã chạy cả cuối tuần');
    const code = codeIn(text(await citizen.press('Gửi phản ánh')));
    expect((await app.database.db.wasteReport.findUniqueOrThrow({ where: { code } })).description).toBe('Máy lạnh phòng họp xã chạy cả cuối tuần khi không có ai.');
    // And a report the person does mean to drop is dropped, once they say so.
    await citizen.say('/phananh');
    await citizen.press('Khác');
    await citizen.say('Một phản ánh viết thử rồi bỏ, không gửi đi đâu cả.');
    await citizen.press('Bỏ qua'); // the place
    await citizen.press('Bỏ qua'); // the photos
    await citizen.press('Gửi ẩn danh');
    await citizen.press('Hủy');
    expect(text(await citizen.press('Bỏ phản ánh'))).toContain('Đã hủy. Không có gì được lưu.');
    expect(await app.database.db.wasteReport.count({ where: { description: { startsWith: 'Một phản ánh viết thử' } } })).toBe(0);
  });

  it('should keep the codes unguessable: random, not sequential', async () => {
    const codes = (await app.database.db.wasteReport.findMany()).map((r) => r.code);
    const second = new TelegramChat(api, 302);
    const filed = await fileReport(second, { category: 'Tổ chức lễ hội', description: 'Lễ hội huyện tổ chức quá tốn kém, pháo hoa ba đêm liền.' });
    const code = codeIn(text(filed));
    expect(codes).not.toContain(code);
    expect(code).toMatch(/^PA-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  it('should show the report to its reporter, and only the status to anyone else', async () => {
    const reporter = new TelegramChat(api, 303);
    const filed = await fileReport(reporter, { category: 'Khác', description: 'Đèn đường bật sáng cả ngày ở khu hành chính mới.', locality: 'Đắk Song' });
    const code = codeIn(text(filed));
    const own = text(await reporter.say(`/tracuu ${code.toLowerCase()}`));
    expect(own).toContain('Đèn đường bật sáng cả ngày');
    expect(own).toContain('Đã tiếp nhận');
    const stranger = new TelegramChat(api, 304);
    const other = text(await stranger.say(`/tracuu ${code}`));
    expect(other).toContain('Đã tiếp nhận');
    expect(other).not.toContain('Đèn đường');
    expect(other).not.toContain('Đắk Song');
    expect(text(await stranger.say('/tracuu PA-0000-0000'))).toContain('Không tìm thấy');
  });

  it('should offer to follow a similar open report instead of filing a new one', async () => {
    const first = new TelegramChat(api, 305);
    const filed = await fileReport(first, { category: 'Dự án, công trình chậm tiến độ', description: 'Công trình chợ Đắk Mil xây xong bỏ hoang hai năm nay.', locality: 'Đắk Mil' });
    const code = codeIn(text(filed));
    const second = new TelegramChat(api, 306);
    const offered = await fileReport(second, { category: 'Dự án, công trình chậm tiến độ', description: 'Chợ mới Đắk Mil không hoạt động, cỏ mọc đầy, rất lãng phí.', locality: 'Đắk Mil' });
    expect(text(offered)).toContain('Có phản ánh tương tự');
    expect(text(offered)).toContain('Đắk Mil');
    const followed = await second.press('Theo dõi phản ánh 1');
    expect(text(followed)).toContain('Bạn sẽ nhận thông báo khi phản ánh này đổi trạng thái');
    const report = await app.database.db.wasteReport.findUniqueOrThrow({ where: { code }, include: { followers: true } });
    expect(report.followers).toHaveLength(1);
    expect(await app.database.db.wasteReport.count({ where: { description: { contains: 'cỏ mọc đầy' } } })).toBe(0);
  });

  it('should triage: verify, forward to a unit whose contact answers, then ask the reporter and reopen on "no"', async () => {
    const reporter = new TelegramChat(api, 307);
    const filed = await fileReport(reporter, {
      category: 'Quản lý, khai thác, sử dụng đất đai',
      description: 'Khu đất công 2 ha ở Đắk Mil bị bỏ trống nhiều năm, không khai thác.',
      locality: 'Đắk Mil',
      photos: ['land-photo'],
      named: true,
      phone: '0912 345 678',
    });
    const code = codeIn(text(filed));

    const inbox = text(await official.say('/hopthu'));
    expect(inbox).toContain('phản ánh chờ xử lý');
    expect(inbox).toContain(code);
    await official.say(`/xl ${code} view`);
    expect(api.photos.some((p) => p.chatId === String(OFFICIAL) && p.photo === 'land-photo')).toBe(true);
    expect(text(official.messages.slice(-1))).toContain('Người phản ánh: User307');
    expect(text(official.messages.slice(-1))).toContain('0912345678');

    await official.press('Xác minh');
    await reporter.waitFor((m) => m.text.includes(`Phản ánh ${code} có cập nhật mới`) && m.text.includes('Đang xác minh'));

    await official.say(`/xl ${code} forward`);
    await official.press('UBND huyện, thành phố');
    await official.press('Đắk Mil');
    const forwarded = await official.say('Đề nghị kiểm tra, báo cáo trong 10 ngày.');
    expect(text(forwarded)).toContain('Đã chuyển phản ánh');
    const toUnit = await contact.waitFor((m) => m.text.includes('chuyển đến đơn vị phản ánh sau'));
    expect(toUnit.text).toContain('Khu đất công 2 ha');
    expect(toUnit.text).toContain('Đề nghị kiểm tra');
    expect(api.photos.some((p) => p.chatId === '200' && p.photo === 'land-photo')).toBe(true);

    await contact.press('Báo cáo kết quả xử lý');
    await contact.press('Đã xử lý xong');
    const saved = await contact.say('Đã thu hồi khu đất, giao cho xã làm sân thể thao.');
    // The reporter hears nothing until the board confirms the unit's result.
    expect(text(saved)).toContain('Người phản ánh sẽ được báo khi Ban xác nhận');
    const proposed = await official.waitFor((m) => m.text.includes(code) && m.text.includes('báo đã xử lý xong'));
    expect(proposed.text).toContain('Đã thu hồi khu đất');
    expect(reporter.messages.some((m) => m.text.includes('Đã thu hồi khu đất'))).toBe(false);
    expect(text(await official.press('Xác nhận kết quả'))).toContain(`Đã xác nhận kết quả xử lý phản ánh ${code}`);
    const resolved = await reporter.waitFor((m) => m.text.includes('Đã xử lý xong') && m.text.includes('xử lý thỏa đáng chưa'));
    expect(resolved.text).toContain('Đã thu hồi khu đất');

    const reopened = await reporter.press('Chưa ổn');
    expect(text(reopened)).toContain('đã được mở lại');
    const row = await app.database.db.wasteReport.findUniqueOrThrow({ where: { code } });
    expect(row).toMatchObject({ status: 'reopened', resolutionOk: false });
    expect(text(await official.say('/hopthu'))).toContain(code);
    const audit = await app.database.db.auditLog.findMany({ where: { subjectId: row.id } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['waste.view', 'waste.verifying', 'waste.forwarded', 'waste.resolved']));
  });

  it('should reject with a reason and mark a duplicate, telling the reporters', async () => {
    const a = new TelegramChat(api, 308);
    const codeA = codeIn(text(await fileReport(a, { category: 'Quản lý, sử dụng lao động', description: 'Cán bộ phường đi muộn về sớm, bỏ vị trí làm việc.' })));
    await official.say(`/xl ${codeA} reject`);
    await official.say('Nội dung không đủ thông tin để xác minh.');
    const rejected = await a.waitFor((m) => m.text.includes('Không được chấp nhận'));
    expect(rejected.text).toContain('Nội dung không đủ thông tin');

    const b = new TelegramChat(api, 309);
    const codeB = codeIn(text(await fileReport(b, { category: 'Quản lý, sử dụng lao động', description: 'Nhân viên một phòng ban thường xuyên vắng mặt giờ hành chính.' })));
    const c = new TelegramChat(api, 310);
    const codeC = codeIn(text(await fileReport(c, { category: 'Quản lý, sử dụng lao động', description: 'Phòng ban ở trụ sở huyện vắng người trong giờ làm việc cả tuần.' })));
    await official.say(`/xl ${codeC} duplicate`);
    expect(text(await official.say(codeC))).toContain('chính nó');
    await official.say(codeB.replace(/-/g, ' ').toLowerCase());
    const dup = await c.waitFor((m) => m.text.includes('Trùng với phản ánh khác'));
    expect(dup.text).toContain('một phản ánh khác');
    const followers = await app.database.db.wasteFollower.findMany({ where: { report: { code: codeB } } });
    expect(followers).toHaveLength(1);
  });

  it('should let an official resolve a report and the reporter confirm it', async () => {
    const reporter = new TelegramChat(api, 317);
    const code = codeIn(text(await fileReport(reporter, { category: 'Khác', description: 'Vòi nước công cộng bị rò rỉ suốt nhiều tuần liền.' })));
    await official.say(`/xl ${code} resolve`);
    expect(text(await official.say('Đã thay vòi nước mới.'))).toContain(`Đã đóng phản ánh ${code}`);
    const asked = await reporter.waitFor((m) => m.text.includes('Đã xử lý xong'));
    expect(asked.text).toContain('Đã thay vòi nước mới.');
    expect(text(await reporter.press('Đã xử lý tốt'))).toContain('Cảm ơn bạn đã xác nhận');
    expect(text(await reporter.press('Đã xử lý tốt'))).toContain('đã được ghi nhận đánh giá');
    expect(await app.database.db.wasteReport.findUniqueOrThrow({ where: { code } })).toMatchObject({ status: 'resolved', resolutionOk: true });
  });

  it('should offer a report when a location arrives outside any dialog', async () => {
    const citizen = new TelegramChat(api, 318);
    expect(text(await citizen.location(12.0, 107.7))).toContain('gửi phản ánh lãng phí tại vị trí này');
    await citizen.press('Có, gửi phản ánh');
    await citizen.press('Khác');
    // The place is known already: the next question is about photos.
    expect(text(await citizen.say('Ống nước công trình mới lắp đã vỡ, nước chảy lãng phí.'))).toContain('Gửi ảnh chụp sự việc');
  });

  it('should never reveal an anonymous reporter to officials or units', async () => {
    const anon = new TelegramChat(api, 311);
    const code = codeIn(text(await fileReport(anon, { category: 'Sản xuất, kinh doanh và tiêu dùng', description: 'Doanh nghiệp xả nước sạch lãng phí ra suối suốt ngày đêm.', locality: 'Đắk Mil' })));
    const view = text(await official.say(`/xl ${code} view`));
    expect(view).toContain('Người phản ánh: ẩn danh');
    expect(view).not.toContain('User311');
    expect(view).not.toContain('311');
    await official.say(`/xl ${code} forward`);
    await official.press('UBND huyện, thành phố');
    await official.press('Đắk Mil');
    await official.press('Bỏ qua');
    const toUnit = await contact.waitFor((m) => m.text.includes(code) && m.text.includes('xả nước sạch'));
    expect(toUnit.text).not.toContain('User311');
    expect(toUnit.text).not.toContain('311');
  });

  it('should send user text as plain text: no markup reaches officials', async () => {
    const injector = new TelegramChat(api, 312);
    const payload = '<a href="http://evil.example">bấm vào đây</a> *đậm* [link](http://evil.example) lãng phí';
    const code = codeIn(text(await fileReport(injector, { category: 'Khác', description: payload })));
    const view = await official.say(`/xl ${code} view`);
    expect(text(view)).toContain(payload);
    const sends = api.calls.filter((c) => c.method === 'sendMessage');
    expect(sends.every((c) => c.body.parse_mode === undefined && c.body.entities === undefined)).toBe(true);
  });

  it('should offer a report when a photo arrives outside any dialog, and refuse a fake image', async () => {
    const citizen = new TelegramChat(api, 313);
    api.registerFile('street', JPEG);
    const offer = await citizen.photo('street');
    expect(text(offer)).toContain('gửi phản ánh lãng phí kèm ảnh này');
    await citizen.press('Có, gửi phản ánh');
    await citizen.press('Khác');
    await citizen.say('Cột đèn mới thay lại bị thay tiếp sau hai tháng.');
    await citizen.press('Bỏ qua');
    api.registerFile('not-an-image', Buffer.from('%PDF-1.7 this is not a picture at all........'));
    const refused = await citizen.document('not-an-image', 'image/jpeg');
    expect(text(refused)).toContain('không phải là ảnh được nhận');
    api.registerFile('real-png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array(40).fill(1)]));
    expect(text(await citizen.document('real-png', 'image/png'))).toContain('Đã nhận 2/5 ảnh');
  });

  it('should limit reports per hour politely and keep the draft', async () => {
    const busy = new TelegramChat(api, 314);
    for (let i = 0; i < 3; i++) {
      await fileReport(busy, { category: 'Khác', description: `Phản ánh số ${i + 1} về việc dùng xe công sai mục đích.` });
    }
    const limited = await fileReport(busy, { category: 'Khác', description: 'Phản ánh thứ tư trong cùng một giờ, vẫn cần được giữ lại.' });
    expect(text(limited)).toContain('Bạn đã gửi 3 phản ánh trong một giờ qua');
    const identity = await app.database.db.identity.findFirstOrThrow({ where: { externalId: '314' } });
    const conversation = await app.database.db.conversation.findUniqueOrThrow({ where: { identityId: identity.id } });
    expect(conversation.step).toBe('confirm');
    expect(conversation.dataJson).toContain('Phản ánh thứ tư');
  });

  it('should stop a blocked sender from filing new reports, keeping the ones sent', async () => {
    const spammer = new TelegramChat(api, 315);
    const code = codeIn(text(await fileReport(spammer, { category: 'Khác', description: 'Nội dung quấy rối lặp lại nhiều lần không liên quan.' })));
    await official.say(`/xl ${code} view`);
    await official.press('Chặn người gửi');
    expect(text(await spammer.say('/phananh'))).toContain('không thể gửi phản ánh mới');
    expect(await app.database.db.wasteReport.count({ where: { code } })).toBe(1);
    expect(text(await official.say('/chan'))).toContain(code);
  });

  it('should deliver status notifications queued before a restart', async () => {
    const reporter = new TelegramChat(api, 316);
    const code = codeIn(text(await fileReport(reporter, { category: 'Khác', description: 'Máy lạnh phòng họp bật suốt đêm không ai dùng.' })));
    const before = reporter.messages.length;
    // Telegram fails every send: the official's reply and the reporter's notification wait in the outbox.
    api.failNextSends(...Array.from({ length: 100 }, () => ({ status: 502, description: 'Bad Gateway' })));
    api.pushText(OFFICIAL, `/xl ${code} verify`);
    const report = await app.database.db.wasteReport.findUniqueOrThrow({ where: { code } });
    for (let i = 0; i < 200 && report.status !== 'verifying'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      report.status = (await app.database.db.wasteReport.findUniqueOrThrow({ where: { code } })).status;
    }
    expect(report.status).toBe('verifying');
    await app.stop();
    expect(reporter.messages).toHaveLength(before);
    api.clearFaults();
    app = await start();
    await reporter.waitFor((m) => m.text.includes(code) && m.text.includes('Đang xác minh'), 15_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(reporter.messages.slice(before).filter((m) => m.text.includes('Đang xác minh'))).toHaveLength(1);
  });
});
