import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvite } from '../../src/invites/create-invite.js';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { TelegramChat } from '../helpers/telegram-chat.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';
import { WebChatClient } from '../helpers/web-chat-client.js';
import { fileWasteReport, trackingCodeIn } from '../helpers/waste-report-chat.js';

const OFFICIAL = 110;
const text = TelegramChat.text;

describe.each(providers)('the loop between citizen, board and unit (%s)', (provider) => {
  let api: FakeTelegramApi;
  let database: TestDatabase;
  let app: TestApp;
  let official: TelegramChat;

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    database = await createEmptyDatabase(provider);
    app = await startTestApp({ databaseUrl: database.url, telegram: api, env: { ADMINS: `telegram:${OFFICIAL}`, WEB_MESSAGES_PER_MINUTE: '200' } });
    official = new TelegramChat(api, OFFICIAL);
    await official.say('/start');
  });
  afterAll(async () => {
    await app?.stop();
    await api?.stop();
    await database?.drop();
  });

  async function inviteContact(userId: number, unitCode: string): Promise<TelegramChat> {
    const unit = await app.database.db.unit.findFirstOrThrow({ where: { code: unitCode } });
    const invite = await app.database.db.$transaction((tx) =>
      createInvite(tx, { role: 'unit_contact', unitId: unit.id, createdById: null, ttlDays: 14, now: new Date() }),
    );
    const chat = new TelegramChat(api, userId);
    await chat.say(`/start ${invite.code}`);
    return chat;
  }

  describe('leaving a dialog half-way', () => {
    it('should say plainly that a half-written waste report was not sent', async () => {
      const citizen = new TelegramChat(api, 401);
      await citizen.say('/phananh');
      await citizen.press('Tổ chức lễ hội');
      await citizen.say('Pháo hoa ba đêm liền tốn kém ở lễ hội của huyện.');
      const left = text(await citizen.say('/start'));
      expect(left).toContain('chưa được gửi');
      expect(left).not.toContain('Đã dừng thao tác đang làm dở');
      expect(await app.database.db.wasteReport.count({ where: { description: { contains: 'Pháo hoa ba đêm' } } })).toBe(0);
    });

    it('should say the annual report\'s answered sections are saved, and resume after them', async () => {
      const contact = await inviteContact(403, 'SO_XD');
      expect(text(await contact.say('/baocao'))).toContain('Mục 1/6');
      expect(text(await contact.say('Ban hành kế hoạch, quán triệt Phong trào đến toàn thể công chức của Sở.'))).toContain('Mục 2/6');
      const left = text(await contact.say('/start'));
      expect(left).toContain('Các phần bạn đã trả lời đều đã được lưu');
      expect(text(await contact.say('/baocao'))).toContain('Mục 2/6');
    });
  });

  async function forward(code: string, unit = 'Đắk Mil') {
    await official.say(`/xl ${code} forward`);
    await official.press('UBND huyện, thành phố');
    await official.press(unit);
    return official.press('Bỏ qua');
  }

  describe('a unit result the board confirms', () => {
    it('should hold the unit\'s "done" for the board, send it back with a reason, then tell the reporter once confirmed', async () => {
      const contact = await inviteContact(420, 'H_DAK_MIL');
      const reporter = new TelegramChat(api, 421);
      const code = trackingCodeIn(await fileWasteReport(api, reporter, { category: 'Khác', description: 'Máy phát điện của xã để ngoài trời hỏng từ lâu.' }));
      await forward(code);
      await contact.waitFor((m) => m.text.includes(code) && m.text.includes('chuyển đến đơn vị'));

      await contact.say(`/ketqua ${code}`);
      await contact.press('Đã xử lý xong');
      expect(text(await contact.say('Đã sửa máy phát điện, cất vào kho.'))).toContain('Người phản ánh sẽ được báo khi Ban xác nhận');
      const proposed = await official.waitFor((m) => m.text.includes(code) && m.text.includes('báo đã xử lý xong'));
      expect(proposed.text).toContain('Đã sửa máy phát điện');
      expect(await app.database.db.wasteReport.findUniqueOrThrow({ where: { code } })).toMatchObject({ status: 'handling', proposedResult: 'Đã sửa máy phát điện, cất vào kho.' });
      const inbox = text(await official.say('/hopthu'));
      expect(inbox).toContain(code);
      expect(inbox).toContain('chờ Ban xác nhận: Đã sửa máy phát điện');
      expect(text(await contact.say(`/ketqua ${code}`))).toContain('đang chờ Ban Thi đua - Khen thưởng xác nhận');

      expect(text(await official.press('Trả lại đơn vị'))).toContain('Lý do trả lại');
      expect(text(await official.say('Chưa có ảnh chụp máy sau khi sửa.'))).toContain('Đã trả lại');
      const back = await contact.waitFor((m) => m.text.includes(code) && m.text.includes('trả lại kết quả'));
      expect(back.text).toContain('Chưa có ảnh chụp máy');
      expect(await app.database.db.wasteReport.findUniqueOrThrow({ where: { code } })).toMatchObject({ status: 'handling', proposedResult: null });

      await contact.say(`/ketqua ${code}`);
      await contact.press('Đã xử lý xong');
      await contact.say('Đã sửa máy, kèm biên bản nghiệm thu của xã.');
      await official.waitFor((m) => m.text.includes('kèm biên bản nghiệm thu'));
      expect(text(await official.press('Xác nhận kết quả'))).toContain(`Đã xác nhận kết quả xử lý phản ánh ${code}`);
      const resolved = await reporter.waitFor((m) => m.text.includes(code) && m.text.includes('Đã xử lý xong'));
      expect(resolved.text).toContain('kèm biên bản nghiệm thu');
      await contact.waitFor((m) => m.text.includes(code) && m.text.includes('đã xác nhận kết quả'));
      // The reason for sending it back stays between the board and the unit.
      expect(text(reporter.messages)).not.toContain('Chưa có ảnh chụp');
      expect(text(reporter.messages)).not.toContain('Đã sửa máy phát điện, cất vào kho');
      expect(text(await official.press('Xác nhận kết quả'))).toContain('không có kết quả nào đang chờ');
      expect((await app.database.db.wasteReport.findUniqueOrThrow({ where: { code } })).status).toBe('resolved');
    });

    it('should tell the board what a unit reports while it is handling the report', async () => {
      const contact = await inviteContact(422, 'H_DAK_MIL');
      const reporter = new TelegramChat(api, 423);
      const code = trackingCodeIn(await fileWasteReport(api, reporter, { category: 'Khác', description: 'Xe công chở hàng cá nhân vào cuối tuần.' }));
      await forward(code);
      await contact.waitFor((m) => m.text.includes(code) && m.text.includes('chuyển đến đơn vị'));
      await contact.say(`/ketqua ${code}`);
      await contact.press('Đơn vị đang xử lý');
      await contact.say('Đang xác minh lịch trình xe với lái xe.');
      const told = await official.waitFor((m) => m.text.includes(code) && m.text.includes('Đang xác minh lịch trình'));
      expect(told.text).toContain('đang xử lý');
    });
  });

  describe('a unit whose contact joins after a report was forwarded', () => {
    it('should tell the official nobody was told, then greet the contact with what waits and list it under /ketqua', async () => {
      const reporter = new TelegramChat(api, 440);
      const code = trackingCodeIn(await fileWasteReport(api, reporter, { category: 'Khác', description: 'Hội trường xã mở điện cả đêm không có người.' }));
      const forwarded = text(await forward(code, 'Đắk Song'));
      expect(forwarded).toContain('chưa có đầu mối nào dùng bot');
      expect(forwarded).not.toContain('đầu mối của đơn vị và người phản ánh đã được báo');

      const contact = await inviteContact(441, 'H_DAK_SONG');
      expect(text(contact.messages)).toContain('Đơn vị đang có 1 phản ánh');
      const list = text(await contact.press('Xem phản ánh đang chờ'));
      expect(list).toContain('Đơn vị có 1 phản ánh đang chờ xử lý');
      expect(list).toContain(code);
      expect(text(await contact.press(`Báo kết quả ${code}`))).toContain(`Tình trạng xử lý phản ánh ${code}`);
      await contact.say('/huy');
      expect(text(await contact.say('/ketqua'))).toContain(code);

      const other = await inviteContact(442, 'H_TUY_DUC');
      expect(text(other.messages)).not.toContain('phản ánh của người dân được chuyển đến');
      expect(text(await other.say('/ketqua'))).toContain('không có phản ánh nào đang chờ');
      expect(text(await other.say(`/ketqua ${code}`))).toContain('không thuộc đơn vị của bạn');
    });
  });

  describe('the name of a person who chooses to be named', () => {
    it('should ask a web reporter for a name, re-ask politely on a bad one, and show it to officials', async () => {
      const citizen = new WebChatClient(app.url);
      const said = (messages: { text: string }[]) => messages.map((m) => m.text).join('\n');
      await citizen.say('/phananh');
      await citizen.press('Khác');
      await citizen.say('Xe công của phường đỗ trước quán ăn giờ hành chính.');
      await citizen.press('Bỏ qua');
      await citizen.press('Bỏ qua');
      expect(said(await citizen.press('Ghi tên tôi'))).toContain('Vui lòng nhập họ và tên');
      expect(said(await citizen.say('A'))).toContain('Tên cần ít nhất 2 ký tự');
      expect(said(await citizen.say('Nguyễn\u200bVăn An'))).toContain('Tên này chưa dùng được');
      expect(said(await citizen.say('1234'))).toContain('Tên này chưa dùng được');
      expect(said(await citizen.say('x'.repeat(61)))).toContain('dài quá 60 ký tự');
      expect(said(await citizen.say('  Nguyễn   Văn An '))).toContain('số điện thoại');
      await citizen.press('Không để lại số');
      expect(said(citizen.received.slice(-1))).toContain('Sẽ ghi tên người phản ánh: Nguyễn Văn An');
      const code = /PA-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(said(await citizen.press('Gửi phản ánh')))![0];
      expect(text(await official.say(`/xl ${code}`))).toContain('Người phản ánh: Nguyễn Văn An');

      // Changed with /ten, and not asked again on the next named report.
      expect(said(await citizen.say('/ten'))).toContain('Tên hiện tại của bạn: Nguyễn Văn An');
      expect(said(await citizen.say('Trần Thị Bình'))).toContain('Đã lưu tên của bạn: Trần Thị Bình');
      await citizen.say('/phananh');
      await citizen.press('Khác');
      await citizen.say('Máy tính mới mua để trong kho chưa ai dùng đến.');
      await citizen.press('Bỏ qua');
      await citizen.press('Bỏ qua');
      expect(said(await citizen.press('Ghi tên tôi'))).not.toContain('Vui lòng nhập họ và tên');
      await citizen.press('Không để lại số');
      const second = /PA-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(said(await citizen.press('Gửi phản ánh')))![0];
      expect(text(await official.say(`/xl ${second}`))).toContain('Người phản ánh: Trần Thị Bình');
      expect(text(await official.say(`/xl ${code}`))).toContain('Người phản ánh: Trần Thị Bình');
    });

    it('should ask a unit contact who joins on the web for a name before greeting them by it', async () => {
      const unit = await app.database.db.unit.findFirstOrThrow({ where: { code: 'H_CU_JUT' } });
      const invite = await app.database.db.$transaction((tx) => createInvite(tx, { role: 'unit_contact', unitId: unit.id, createdById: null, ttlDays: 14, now: new Date() }));
      const contact = new WebChatClient(app.url);
      const joined = (await contact.say(`/start ${invite.code}`)).map((m) => m.text).join('\n');
      expect(joined).toContain('Chào mừng bạn');
      expect(joined).not.toContain('Web');
      expect(joined).toContain('chúng tôi chưa biết tên của bạn');
      expect((await contact.say('Lê Văn Cường')).map((m) => m.text).join('\n')).toContain('Đã lưu tên của bạn: Lê Văn Cường');
      expect((await contact.say('/start')).map((m) => m.text).join('\n')).toContain('Chào mừng Lê Văn Cường quay lại');
    });
  });

  describe('a stale triage button', () => {
    it('should say the action is impossible before asking for any words', async () => {
      const citizen = new TelegramChat(api, 402);
      const code = trackingCodeIn(await fileWasteReport(api, citizen, { category: 'Khác', description: 'Đèn chiếu sáng sân trụ sở bật suốt ngày đêm.' }));
      await official.say(`/xl ${code}`);
      const view = official.messages.length;
      await official.say(`/xl ${code} reject`);
      await official.say('Không đủ thông tin để xác minh.');
      expect(official.messages.length).toBeGreaterThan(view);
      const pressed = text(await official.press('Đã xử lý'));
      expect(pressed).toContain(`Không thể thực hiện thao tác này với phản ánh ${code}`);
      expect(pressed).not.toContain('Kết quả xử lý (sẽ gửi');
      expect(text(await official.say('Một ghi chú lạc.'))).not.toContain('Đã xử lý xong');
    });
  });
});

describe.each(providers)('units that close reports themselves (%s)', (provider) => {
  let api: FakeTelegramApi;
  let database: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    database = await createEmptyDatabase(provider);
    app = await startTestApp({ databaseUrl: database.url, telegram: api, env: { ADMINS: `telegram:${OFFICIAL}`, UNIT_RESULT_REVIEW: 'unit' } });
  });
  afterAll(async () => {
    await app?.stop();
    await api?.stop();
    await database?.drop();
  });

  it('should resolve at once and still tell the board', async () => {
    const official = new TelegramChat(api, OFFICIAL);
    await official.say('/start');
    const unit = await app.database.db.unit.findFirstOrThrow({ where: { code: 'H_DAK_MIL' } });
    const invite = await app.database.db.$transaction((tx) => createInvite(tx, { role: 'unit_contact', unitId: unit.id, createdById: null, ttlDays: 14, now: new Date() }));
    const contact = new TelegramChat(api, 430);
    await contact.say(`/start ${invite.code}`);
    const reporter = new TelegramChat(api, 431);
    const code = trackingCodeIn(await fileWasteReport(api, reporter, { category: 'Khác', description: 'Điều hòa phòng họp bật cả khi không họp.' }));
    await official.say(`/xl ${code} forward`);
    await official.press('UBND huyện, thành phố');
    await official.press('Đắk Mil');
    await official.press('Bỏ qua');
    await contact.waitFor((m) => m.text.includes(code) && m.text.includes('chuyển đến đơn vị'));
    await contact.say(`/ketqua ${code}`);
    await contact.press('Đã xử lý xong');
    expect(text(await contact.say('Đã lắp hẹn giờ tắt điều hòa.'))).toContain('Đã ghi nhận kết quả');
    await reporter.waitFor((m) => m.text.includes(code) && m.text.includes('Đã lắp hẹn giờ'));
    await official.waitFor((m) => m.text.includes(code) && m.text.includes('đóng phản ánh') && m.text.includes('Đã lắp hẹn giờ'));
  });
});
