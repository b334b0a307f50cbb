import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CAMPAIGN_FILE } from '../../src/config.js';
import { generateTrackingCode } from '../../src/domain/tracking-code.js';
import { createInvite } from '../../src/invites/create-invite.js';
import { ZOutMessage } from '../../src/outbox/out-message.js';
import type { Db } from '../../src/store/db.js';
import { inviteIn, SECOND_MOVEMENT, secondMovementFile } from '../helpers/second-movement.js';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { TelegramChat } from '../helpers/telegram-chat.js';
import { TestClock } from '../helpers/test-clock.js';
import { createMigratedDatabase, providers } from '../helpers/test-database.js';

const MAIN = 'DAK_NONG_2022_2030';
const SECOND = SECOND_MOVEMENT;
const ADMIN = 5200;
const SCOPED = 5201;
const MAIN_CONTACT = 5202;
const BOTH_CONTACT = 5203;
const vn = (s: string) => new Date(`${s}+07:00`);
const text = TelegramChat.text;


/**
 * An official invited for one movement reaching, by id or by an old button, what belongs to
 * another movement: each attempt must change nothing there.
 */
describe.each(providers)('an official of one movement against another movement (%s)', (provider) => {
  let api: FakeTelegramApi;
  let testDb: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let app: TestApp;
  let db: Db;
  const clock = new TestClock(vn('2026-04-03T09:00:00'));
  const chat = (id: number) => new TelegramChat(api, id);

  const campaignOf = (code: string) => db.campaign.findUniqueOrThrow({ where: { code } });
  const unitOf = async (campaignCode: string, unitCode: string) => db.unit.findFirstOrThrow({ where: { campaignId: (await campaignOf(campaignCode)).id, code: unitCode } });

  const invite = (role: 'official' | 'unit_contact', campaignCode: string, unitCode?: string) => inviteIn(db, clock, role, campaignCode, unitCode);

  async function openReview(campaignCode: string) {
    const admin = await db.person.create({ data: { displayName: 'Cán bộ' } });
    return db.phaseReview.create({ data: { campaignId: (await campaignOf(campaignCode)).id, phaseCode: 'P1', openedAt: clock.now(), openedById: admin.id } });
  }

  beforeAll(async () => {
    testDb = await createMigratedDatabase(provider);
    api = await new FakeTelegramApi().start();
    app = await startTestApp({ databaseUrl: testDb.url, telegram: api, clock, env: { ADMINS: `telegram:${ADMIN}`, CAMPAIGN_FILE: `${DEFAULT_CAMPAIGN_FILE}, ${secondMovementFile()}` } });
    db = app.database.db;
    await chat(SCOPED).say(`/start ${await invite('official', SECOND)}`);
  });
  afterAll(async () => {
    await app?.stop();
    await api?.stop();
    await testDb?.drop();
  });

  it("should not let an official of one movement accept or return another movement's annual report by its id", async () => {
    const unit = await unitOf(MAIN, 'SO_TC');
    const report = await db.annualReport.create({ data: { unitId: unit.id, year: 2026, state: 'submitted', version: 1, number: 'BC-1', submittedAt: clock.now() } });
    const scoped = chat(SCOPED);
    // The button an official of the Board was shown, kept from before the role was narrowed.
    expect(text(await scoped.say(`/xembaocao accept ${report.id}`))).toContain('Báo cáo không ở trạng thái chờ duyệt.');
    await scoped.say(`/xembaocao return ${report.id}`);
    expect(text(await scoped.say('Trả lại để sửa toàn bộ số liệu'))).toContain('Báo cáo không ở trạng thái chờ duyệt.');
    expect((await db.annualReport.findUniqueOrThrow({ where: { id: report.id } })).state).toBe('submitted');
    await db.annualReport.delete({ where: { id: report.id } });
  });

  it("should not list another movement's annual reports waiting for review", async () => {
    const unit = await unitOf(MAIN, 'SO_KHDT');
    const report = await db.annualReport.create({ data: { unitId: unit.id, year: 2026, state: 'submitted', version: 1, number: 'BC-2', submittedAt: clock.now() } });
    const listed = await chat(SCOPED).say('/xembaocao');
    expect(text(listed)).toContain('Chưa có báo cáo năm 2026 nào chờ duyệt.');
    expect(listed.flatMap((m) => m.buttons.flat())).toEqual([]);
    await db.annualReport.delete({ where: { id: report.id } });
  });

  it("should not let an official of one movement revoke a contact of another movement's unit", async () => {
    await chat(MAIN_CONTACT).say(`/start ${await invite('unit_contact', MAIN, 'SO_TC')}`);
    const assignment = await db.roleAssignment.findFirstOrThrow({ where: { role: 'unit_contact', person: { identities: { some: { externalId: String(MAIN_CONTACT) } } } } });
    expect(text(await chat(SCOPED).say(`/thuhoi x ${assignment.id}`))).toContain('Không tìm thấy đầu mối này hoặc quyền đã được thu hồi.');
    expect((await db.roleAssignment.findUniqueOrThrow({ where: { id: assignment.id } })).revokedAt).toBeNull();
  });

  it("should not let an official of one movement decide on another movement's commendation proposal", async () => {
    const main = await openReview(MAIN);
    const second = await openReview(SECOND);
    const unit = await unitOf(MAIN, 'SO_TC');
    const proposal = await db.commendationProposal.create({
      data: { reviewId: main.id, unitId: unit.id, nomineeKind: 'individual', nomineeName: 'Nguyễn Văn A', awardCode: 'BANG_KHEN', achievements: 'Tiết kiệm chi thường xuyên.', submittedById: main.openedById, submittedAt: clock.now() },
    });
    const scoped = chat(SCOPED);
    // Their own movement's review is open: the id alone must not reach the other's.
    expect(text(await scoped.say(`/khenthuong duyet ${proposal.id}`))).toContain('Không tìm thấy đề nghị này.');
    expect(text(await scoped.say(`/khenthuong tra ${proposal.id} Thiếu hồ sơ minh chứng`))).toContain('Không tìm thấy đề nghị này.');
    expect((await db.commendationProposal.findUniqueOrThrow({ where: { id: proposal.id } })).state).toBe('submitted');
    await db.commendationProposal.delete({ where: { id: proposal.id } });
    await db.phaseReview.deleteMany({ where: { id: { in: [main.id, second.id] } } });
  });

  it("should put a contact's proposal in the review of the movement of the unit they chose, not of their turn", async () => {
    const main = await openReview(MAIN);
    const second = await openReview(SECOND);
    const both = chat(BOTH_CONTACT);
    await both.say(`/start ${await invite('unit_contact', MAIN, 'SO_KHDT')}`);
    await both.say(`/start ${await invite('unit_contact', SECOND, 'SO_KHDT')}`);
    await both.say('/dexuat');
    await both.press(`(${SECOND})`);
    await both.say('Báo cáo giai đoạn của Sở trong phong trào chuyển đổi số.');
    await both.press('Cá nhân');
    await both.say('Trần Thị B');
    await both.press('Huân chương Lao động');
    await both.say('Số hoá toàn bộ hồ sơ một cửa của Sở trong năm.');
    await both.press('Bỏ qua');
    expect(text(await both.press('Gửi đề nghị'))).toContain('Đã gửi đề nghị khen thưởng.');
    const unit = await unitOf(SECOND, 'SO_KHDT');
    const proposal = await db.commendationProposal.findFirstOrThrow({ where: { nomineeName: 'Trần Thị B' } });
    expect(proposal.unitId).toBe(unit.id);
    // The other movement's officials must not read this unit's nominee, nor its phase report.
    expect(proposal.reviewId).toBe(second.id);
    expect(await db.phaseReport.count({ where: { reviewId: main.id } })).toBe(0);
    await db.phaseReview.deleteMany({ where: { id: { in: [main.id, second.id] } } });
  });

  async function citizenReport() {
    const category = await db.wasteCategory.findFirstOrThrow({ where: { campaignId: (await campaignOf(MAIN)).id } });
    const reporter = await db.person.create({ data: { displayName: 'Người dân' } });
    return db.wasteReport.create({ data: { code: generateTrackingCode(), categoryId: category.id, description: 'Trụ sở bỏ hoang nhiều năm gây lãng phí.', contactPhone: '0912345678', anonymous: false, reporterId: reporter.id } });
  }

  it("should stop a triage dialog of the Board's official whose role was narrowed to another movement before the next answer", async () => {
    const report = await citizenReport();
    const board = chat(5204);
    const code = await db.$transaction((tx) => createInvite(tx, { role: 'official', unitId: null, campaignId: null, createdById: null, ttlDays: 7, now: clock.now() }));
    await board.say(`/start ${code.code}`);
    expect(text(await board.say(`/xl ${report.code} reject`))).toContain('Lý do từ chối');
    const person = (await db.identity.findFirstOrThrow({ where: { externalId: '5204' } })).personId;
    await db.roleAssignment.updateMany({ where: { personId: person, role: 'official' }, data: { revokedAt: clock.now() } });
    await db.roleAssignment.create({ data: { personId: person, role: 'official', campaignId: (await campaignOf(SECOND)).id, createdAt: clock.now() } });
    expect(text(await board.say('Không thuộc phạm vi của phong trào'))).toContain('quyền của bạn để làm việc này vừa thay đổi');
    expect((await db.wasteReport.findUniqueOrThrow({ where: { id: report.id } })).status).toBe('received');
  });

  it("should forward a citizen's report among the main movement's units, whichever movement the Board's official works in", async () => {
    const report = await citizenReport();
    const admin = chat(ADMIN);
    await admin.say(`/phongtrao ${SECOND}`);
    expect(text(await admin.say(`/xl ${report.code} forward`))).toContain('Đơn vị thuộc loại nào?');
    await admin.say('ke hoach');
    await admin.press('Sở KH&ĐT');
    await admin.press('Bỏ qua');
    const forwarded = await db.wasteReport.findUniqueOrThrow({ where: { id: report.id }, include: { assignedUnit: true } });
    // Citizens report to the main movement: another movement's contacts must not read the reporter's words and phone.
    expect(forwarded.assignedUnit?.campaignId).toBe((await campaignOf(MAIN)).id);
    await admin.say(`/phongtrao ${MAIN}`);
  });

  it('should act, from the buttons of a command that named a movement, in that movement', async () => {
    const admin = chat(ADMIN);
    const second = await campaignOf(SECOND);
    // The same department in both movements: a button that carried only its code or an id would act in the admin's own.
    const report = await db.annualReport.create({ data: { unitId: (await unitOf(SECOND, 'SO_TC')).id, year: 2026, state: 'submitted', version: 1, number: 'BC-3', submittedAt: clock.now() } });
    await admin.say(`/xembaocao ${SECOND}`);
    await admin.press('Sở Tài chính');
    expect(text(await admin.press('✅ Chấp nhận'))).toContain('Đã chấp nhận báo cáo');
    expect((await db.annualReport.findUniqueOrThrow({ where: { id: report.id } })).state).toBe('accepted');

    const review = await openReview(SECOND);
    const proposal = await db.commendationProposal.create({
      data: { reviewId: review.id, unitId: (await unitOf(SECOND, 'SO_TC')).id, nomineeKind: 'individual', nomineeName: 'Lê Văn C', awardCode: 'BANG_KHEN', achievements: 'Chuyển đổi số hồ sơ.', submittedById: review.openedById, submittedAt: clock.now() },
    });
    await admin.say(`/khenthuong ${SECOND}`);
    expect(text(await admin.press('Lê Văn C'))).toContain('Đã chấp nhận đề nghị.');
    expect((await db.commendationProposal.findUniqueOrThrow({ where: { id: proposal.id } })).state).toBe('accepted');
    const other = await db.commendationProposal.create({
      data: { reviewId: review.id, unitId: (await unitOf(SECOND, 'SO_TC')).id, nomineeKind: 'individual', nomineeName: 'Phạm Thị D', awardCode: 'BANG_KHEN', achievements: 'Chuyển đổi số hồ sơ.', submittedById: review.openedById, submittedAt: clock.now() },
    });
    await admin.say(`/khenthuong ${SECOND}`);
    const typed = /\/khenthuong tra \S+ \S+/.exec(text(await admin.press('↩️ Trả lại')))![0];
    await admin.say(`${typed} Thiếu minh chứng sáng kiến`);
    expect((await db.commendationProposal.findUniqueOrThrow({ where: { id: other.id } })).state).toBe('returned');

    const nudged = text(await admin.say(`/nhacnho ${SECOND}`));
    expect(nudged).toContain('Chọn đơn vị cần nhắc');
    await admin.press('Sở KH&ĐT');
    const reminders = await db.reminder.findMany({ where: { unit: { code: 'SO_KHDT' } }, include: { unit: true } });
    expect(reminders.map((r) => r.unit.campaignId)).toEqual([second.id]);

    await admin.say(`/thuhoi SO_KHDT ${SECOND}`);
    await admin.press(`User${BOTH_CONTACT}`);
    const roles = await db.roleAssignment.findMany({ where: { role: 'unit_contact', person: { identities: { some: { externalId: String(BOTH_CONTACT) } } } }, include: { unit: true } });
    expect(roles.filter((r) => r.revokedAt).map((r) => r.unit?.campaignId)).toEqual([second.id]);
  });

  it('should return a report in the movement its button named, whichever movement the reason is typed in', async () => {
    const admin = chat(ADMIN);
    const report = await db.annualReport.create({ data: { unitId: (await unitOf(SECOND, 'SO_KHDT')).id, year: 2026, state: 'submitted', version: 1, number: 'BC-4', submittedAt: clock.now() } });
    await admin.say(`/xembaocao SO_KHDT 2026 ${SECOND}`);
    expect(text(await admin.press('↩️ Trả lại để sửa'))).toContain('Lý do trả lại');
    await admin.say('Thiếu số liệu tiết kiệm của quý I');
    expect((await db.annualReport.findUniqueOrThrow({ where: { id: report.id } })).state).toBe('returned');
  });

  it("should stop an invite dialog whose official lost the movement it started in, though they hold another", async () => {
    const official = chat(5205);
    await official.say(`/start ${await invite('official', SECOND)}`);
    expect(text(await official.say('/moi SO_TC'))).toContain('Sở Tài chính');
    const person = (await db.identity.findFirstOrThrow({ where: { externalId: '5205' } })).personId;
    await db.roleAssignment.updateMany({ where: { personId: person, role: 'official' }, data: { revokedAt: clock.now() } });
    await db.roleAssignment.create({ data: { personId: person, role: 'official', campaignId: (await campaignOf(MAIN)).id, createdAt: clock.now() } });
    const before = await db.invite.count();
    expect(text(await official.press('✅ Tạo mã'))).toContain('quyền của bạn để làm việc này vừa thay đổi');
    expect(await db.invite.count()).toBe(before);
  });

  it("should not give an official of another movement the citizens' reports in their workbook", async () => {
    await citizenReport();
    const scoped = chat(SCOPED);
    const before = api.documents.filter((d) => d.chatId === String(SCOPED)).length;
    expect(text(await scoped.say('/xuat 2026'))).toContain('Đang lập bảng tính Excel năm 2026');
    for (const deadline = Date.now() + 20_000; api.documents.filter((d) => d.chatId === String(SCOPED)).length <= before; ) {
      if (Date.now() > deadline) throw new Error('no workbook arrived');
      await new Promise((r) => setTimeout(r, 25));
    }
    await app.jobs.idle();
    const rows = await db.outboxMessage.findMany({ where: { chatId: String(SCOPED) }, orderBy: { id: 'desc' }, take: 5 });
    const doc = rows.map((r) => ZOutMessage.parse(JSON.parse(r.payloadJson)).document).find(Boolean)!;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from((await db.storedFile.findUniqueOrThrow({ where: { id: doc.storedFileId } })).data) as unknown as ArrayBuffer);
    const cells: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value)))));
    // Citizens report to the main movement: their words, names and phones are its officials' to read.
    expect(cells.filter((c) => c.includes('0912345678') || c.includes('Trụ sở bỏ hoang'))).toEqual([]);
  });

  it("should file a citizen's report with the main movement, whichever movement its sender works in", async () => {
    const main = await campaignOf(MAIN);
    const category = await db.wasteCategory.findFirstOrThrow({ where: { campaignId: main.id }, orderBy: { sortOrder: 'asc' } });
    const scoped = chat(SCOPED);
    await scoped.say('/phananh');
    await scoped.press(category.nameVi);
    await scoped.say('Xe công để không cả năm ở sân trụ sở xã.');
    await scoped.press('Bỏ qua');
    await scoped.press('Bỏ qua');
    await scoped.press('Gửi ẩn danh');
    await scoped.press('Gửi phản ánh');
    const person = (await db.identity.findFirstOrThrow({ where: { externalId: String(SCOPED) } })).personId;
    const filed = await db.wasteReport.findFirstOrThrow({ where: { reporterId: person }, include: { category: true } });
    // Under another movement's categories it would leave the main movement's workbook and figures.
    expect(filed.category.campaignId).toBe(main.id);
  });
});
