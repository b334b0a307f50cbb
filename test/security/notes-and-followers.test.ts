import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvite } from '../../src/invites/create-invite.js';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { TelegramChat } from '../helpers/telegram-chat.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';
import { fileWasteReport, trackingCodeIn } from '../helpers/waste-report-chat.js';

const OFFICIAL = 7100;
const text = TelegramChat.text;

describe.each(providers)('security: other citizens and internal notes (%s)', (provider) => {
  let api: FakeTelegramApi;
  let database: TestDatabase;
  let app: TestApp;
  let official: TelegramChat;
  let contact: TelegramChat;

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    database = await createEmptyDatabase(provider);
    app = await startTestApp({ databaseUrl: database.url, telegram: api, env: { ADMINS: `telegram:${OFFICIAL}` } });
    official = new TelegramChat(api, OFFICIAL);
    contact = new TelegramChat(api, 7200);
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

  it('should show a stranger filing nearby nothing of another report but its category, place, status and age, and tell a follower no notes', async () => {
    const victim = new TelegramChat(api, 7301);
    const secret = 'Ông trưởng phòng tài chính dùng xe công chở gia đình đi Đà Lạt mỗi cuối tuần.';
    const code = trackingCodeIn(
      await fileWasteReport(api, victim, { category: 'Mua sắm, đầu tư xây dựng', description: secret, locality: 'Đắk Mil', photos: ['victim-photo'] }),
    );

    const stranger = new TelegramChat(api, 7302);
    const offered = await fileWasteReport(api, stranger, {
      category: 'Mua sắm, đầu tư xây dựng',
      description: 'Xe công của huyện Đắk Mil bị dùng vào việc riêng, tôi muốn phản ánh.',
      locality: 'Đắk Mil',
    });
    const seen = text(offered) + JSON.stringify(offered.map((m) => m.buttons));
    expect(seen).toContain('Có phản ánh tương tự');
    expect(seen).not.toContain(code);
    expect(seen).not.toContain('Ông trưởng phòng');
    expect(seen).not.toContain('Đà Lạt');
    const report = await app.database.db.wasteReport.findUniqueOrThrow({ where: { code } });
    expect(seen).not.toContain(report.id);
    expect(seen).toContain('Đắk Mil');
    expect(seen).toContain('Đã tiếp nhận');
    const followed = await stranger.press('Theo dõi phản ánh 1');
    expect(text(followed)).not.toContain(code);
    expect(api.photos.filter((p) => p.chatId === String(stranger.userId))).toEqual([]);

    // The official forwards with a word for the unit, then the unit answers with its result.
    await official.say(`/xl ${code} forward`);
    await official.press('UBND huyện, thành phố');
    await official.press('Đắk Mil');
    await official.say('Nội bộ: người phản ánh có thể là kế toán của phòng.');
    const toUnit = await contact.waitFor((m) => m.text.includes(code) && m.text.includes('chuyển đến đơn vị'));
    expect(toUnit.text).toContain('Nội bộ: người phản ánh');
    const forwardedToStranger = await stranger.waitFor((m) => m.text.includes('Đã chuyển đơn vị xử lý'));
    expect(forwardedToStranger.text).not.toContain(code);
    expect(forwardedToStranger.text).not.toContain('Nội bộ');

    await contact.press('Báo cáo kết quả xử lý');
    await contact.press('Đã xử lý xong');
    await contact.say('Đã thu hồi xe, kỷ luật người vi phạm theo quy định.');
    await official.waitFor((m) => m.text.includes(code) && m.text.includes('báo đã xử lý xong'));
    await official.press('Xác nhận kết quả');
    const resolvedToStranger = await stranger.waitFor((m) => m.text.includes('Đã xử lý xong'));
    expect(resolvedToStranger.text).not.toContain('thu hồi xe');
    expect(resolvedToStranger.text).not.toContain(code);
    expect(resolvedToStranger.buttons).toEqual([]);
    const all = text(stranger.messages);
    expect(all).not.toContain(code);
    expect(all).not.toContain('Nội bộ');
    expect(all).not.toContain('thu hồi xe');
    expect(all).not.toContain('Đà Lạt');

    // The reporter is told the unit's result, never the note meant for the unit.
    const resolved = await victim.waitFor((m) => m.text.includes('Đã xử lý xong'));
    expect(resolved.text).toContain('Đã thu hồi xe');
    expect(text(victim.messages)).not.toContain('Nội bộ');
    const tracked = text(await victim.say(`/tracuu ${code}`));
    expect(tracked).toContain('Đã thu hồi xe');
    expect(tracked).not.toContain('Nội bộ');
    // The board still reads both, the internal one marked as such.
    const board = text(await official.say(`/xl ${code} view`));
    expect(board).toContain('Nội bộ: người phản ánh');
    expect(board).toContain('nội bộ, người phản ánh không thấy');
  });

  it('should keep a forward note for the unit from the reporter, in the notice and in /tracuu', async () => {
    const reporter = new TelegramChat(api, 7305);
    const code = trackingCodeIn(await fileWasteReport(api, reporter, { category: 'Khác', description: 'Cổng chào mới xây ở xã đã xuống cấp sau ba tháng.' }));
    await official.say(`/xl ${code} forward`);
    await official.press('UBND huyện, thành phố');
    await official.press('Đắk Mil');
    await official.say('Lưu ý: người gửi là cán bộ xã, đề nghị giữ kín.');
    expect((await contact.waitFor((m) => m.text.includes(code) && m.text.includes('chuyển đến đơn vị'))).text).toContain('Lưu ý: người gửi');
    const notice = await reporter.waitFor((m) => m.text.includes('Đã chuyển đơn vị xử lý'));
    expect(notice.text).not.toContain('Lưu ý');
    expect(text(await reporter.say(`/tracuu ${code}`))).not.toContain('Lưu ý');
    const event = await app.database.db.wasteStatusEvent.findFirstOrThrow({ where: { report: { code }, status: 'forwarded' } });
    expect(event.audience).toBe('internal');
  });

  it('should not tell the reporter of a duplicate the code of someone else\'s report', async () => {
    const first = new TelegramChat(api, 7303);
    const kept = trackingCodeIn(await fileWasteReport(api, first, { category: 'Khác', description: 'Trụ sở xã bật điều hòa cả đêm không có người làm việc.' }));
    const second = new TelegramChat(api, 7304);
    const dupCode = trackingCodeIn(await fileWasteReport(api, second, { category: 'Khác', description: 'Điều hòa ở trụ sở xã chạy suốt đêm, rất lãng phí điện.' }));
    await official.say(`/xl ${dupCode} duplicate`);
    await official.say(kept);
    await second.waitFor((m) => m.text.includes('Trùng với phản ánh khác'));
    await official.say(`/xl ${kept} reject`);
    await official.say('Đã kiểm tra, điều hòa phục vụ trực ban theo quy định.');
    const rejected = await second.waitFor((m) => m.text.includes('Không được chấp nhận'));
    expect(rejected.text).not.toContain('trực ban');
    expect(text(second.messages)).not.toContain(kept);
    expect(text(await second.say(`/tracuu ${dupCode}`))).not.toContain(kept);
    // The reporter of the kept report reads the reason meant for them.
    expect((await first.waitFor((m) => m.text.includes('Không được chấp nhận'))).text).toContain('trực ban');
  });
});
