import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCampaigns } from '../../src/campaign/load-campaigns.js';
import { DEFAULT_CAMPAIGN_FILE, PROJECT_ROOT } from '../../src/config.js';
import { CampaignFileError } from '../../src/errors.js';
import { createWasteReport } from '../../src/waste/create-waste-report.js';
import { ZOutMessage } from '../../src/outbox/out-message.js';
import { XLSX_HEADER_ROW } from '../../src/reports/write-xlsx.js';
import type { Db } from '../../src/store/db.js';
import { recordProgressUpdate } from '../../src/unit-reporting/record-progress-update.js';
import { inviteIn, SECOND_MOVEMENT, secondMovementFile } from '../helpers/second-movement.js';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { TelegramChat } from '../helpers/telegram-chat.js';
import { TestClock } from '../helpers/test-clock.js';
import { createMigratedDatabase, providers } from '../helpers/test-database.js';

const MAIN = 'DAK_NONG_2022_2030';
const SECOND = SECOND_MOVEMENT;
const ADMIN = 5100;
const SCOPED = 5101;
const MAIN_CONTACT = 5102;
const SECOND_CONTACT = 5103;
const MILLION = 1_000_000;
const vn = (s: string) => new Date(`${s}+07:00`);
const line = (text: string, start: string) => text.split('\n').find((l) => l.includes(start)) ?? '';


describe.each(providers)('two movements side by side (%s)', (provider) => {
  let api: FakeTelegramApi;
  let testDb: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let app: TestApp;
  let db: Db;
  const clock = new TestClock(vn('2026-04-03T09:00:00'));
  const chat = (id: number) => new TelegramChat(api, id);

  const invite = (role: 'official' | 'unit_contact', campaignCode: string, unitCode?: string) => inviteIn(db, clock, role, campaignCode, unitCode);

  async function figure(campaignCode: string, unitCode: string, amount: number) {
    const campaign = await db.campaign.findUniqueOrThrow({ where: { code: campaignCode } });
    const unit = await db.unit.findFirstOrThrow({ where: { campaignId: campaign.id, code: unitCode } });
    const criterion = await db.criterion.findFirstOrThrow({ where: { campaignId: campaign.id, code: 'THRIFT_SAVINGS' } });
    const who = await db.person.create({ data: { displayName: 'Đầu mối' } });
    await db.$transaction((tx) => recordProgressUpdate(tx, { unitId: unit.id, criterionId: criterion.id, period: '2026', value: { number: amount }, submittedById: who.id, now: clock.now() }));
  }

  beforeAll(async () => {
    testDb = await createMigratedDatabase(provider);
    api = await new FakeTelegramApi().start();
    app = await startTestApp({ databaseUrl: testDb.url, telegram: api, clock, env: { ADMINS: `telegram:${ADMIN}`, CAMPAIGN_FILE: `${DEFAULT_CAMPAIGN_FILE}, ${secondMovementFile({ annualDue: { month: 11, day: 20 } })}` } });
    db = app.database.db;
    await figure(MAIN, 'SO_TC', 300 * MILLION);
    await figure(SECOND, 'SO_TC', 7 * MILLION);
  });
  afterAll(async () => {
    await app?.stop();
    await api?.stop();
    await testDb?.drop();
  });

  it('should keep each movement its own units and figures, the first one by default', async () => {
    expect(await db.campaign.count({ where: { archivedAt: null } })).toBe(2);
    const admin = chat(ADMIN);
    expect(line(TelegramChat.text(await admin.say('/tonghop 2026')), 'Số tiền tiết kiệm được')).toContain('300 triệu đồng');
    // Named once: that command alone reads the other movement.
    expect(line(TelegramChat.text(await admin.say(`/tonghop 2026 ${SECOND.toLowerCase()}`)), 'Số tiền tiết kiệm được')).toContain('7 triệu đồng');
    expect(line(TelegramChat.text(await admin.say('/tonghop 2026')), 'Số tiền tiết kiệm được')).toContain('300 triệu đồng');
    // The summary's next steps (charts, workbook, late units) stay in the movement it showed.
    const next = (await admin.say(`/tonghop 2026 ${SECOND}`)).flatMap((m) => m.buttons.flat());
    expect(next.map((b) => [b.text, b.data])).toEqual(
      expect.arrayContaining([['📈 Biểu đồ', `m:bieudo 2026 ${SECOND}`], ['📤 Xuất Excel', `m:xuat 2026 ${SECOND}`], ['⏰ Đơn vị quá hạn', `m:quahan ${SECOND}`]]),
    );
    // Each answer says whose figures they are.
    expect(TelegramChat.text(await admin.say('/tonghop 2026')).split('\n')[0]).toBe(`🏷 Phong trào: Phong trào thi đua “Đắk Nông đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hành tiết kiệm, chống lãng phí” giai đoạn 2022–2030 (${MAIN})`);
    expect(TelegramChat.text(await admin.say(`/quahan ${SECOND}`)).split('\n')[0]).toBe(`🏷 Phong trào: Phong trào thi đua chuyển đổi số (${SECOND})`);
    // A unit code after the campaign's still scopes the summary, in that campaign.
    expect(TelegramChat.text(await admin.say(`/tonghop 2026 SO_TC ${SECOND}`))).toContain('7 triệu đồng');
  });

  it('should count citizens\' reports in the main movement only', async () => {
    const main = await db.campaign.findUniqueOrThrow({ where: { code: MAIN } });
    const category = await db.wasteCategory.findFirstOrThrow({ where: { campaignId: main.id } });
    const citizen = await db.person.create({ data: { displayName: 'Người dân' } });
    await db.$transaction((tx) => createWasteReport(tx, { categoryId: category.id, description: 'Đèn đường sáng cả ngày', photos: [], anonymous: true, reporterId: citizen.id, now: clock.now() }));
    const admin = chat(ADMIN);
    expect(TelegramChat.text(await admin.say('/tonghop 2026'))).toContain('Phản ánh của người dân trong năm: 1');
    expect(TelegramChat.text(await admin.say(`/tonghop 2026 ${SECOND}`))).toContain('Phản ánh của người dân trong năm: 0');
  });

  it('should let an official choose the movement to work in', async () => {
    const admin = chat(ADMIN);
    const listed = TelegramChat.text(await admin.say('/phongtrao'));
    expect(listed).toContain(`(${MAIN}) — đang làm việc`);
    expect(listed).toContain(`Phong trào thi đua chuyển đổi số (${SECOND})`);
    expect(TelegramChat.text(await admin.press('Phong trào thi đua chuyển đổi số'))).toContain('Từ giờ các lệnh của bạn làm việc với phong trào: Phong trào thi đua chuyển đổi số');
    expect(line(TelegramChat.text(await admin.say('/tonghop 2026')), 'Số tiền tiết kiệm được')).toContain('7 triệu đồng');
    expect(TelegramChat.text(await admin.say('/phongtrao')).split('\n').find((l) => l.includes('đang làm việc'))).toContain(SECOND);
    expect(TelegramChat.text(await admin.say('/phongtrao KHONG_CO'))).toContain('Không có phong trào nào mang mã KHONG_CO.');
    await admin.say(`/phongtrao ${MAIN}`);
    expect(line(TelegramChat.text(await admin.say('/tonghop 2026')), 'Số tiền tiết kiệm được')).toContain('300 triệu đồng');
  });

  it('should export the movement a command named', async () => {
    const admin = chat(ADMIN);
    const before = api.documents.filter((d) => d.chatId === String(ADMIN)).length;
    expect(TelegramChat.text(await admin.say(`/xuat 2026 ${SECOND}`))).toContain('Đang lập bảng tính Excel năm 2026');
    for (const deadline = Date.now() + 20_000; api.documents.filter((d) => d.chatId === String(ADMIN)).length <= before; ) {
      if (Date.now() > deadline) throw new Error('no workbook arrived');
      await new Promise((r) => setTimeout(r, 25));
    }
    await app.jobs.idle();
    const job = await db.job.findFirstOrThrow({ where: { kind: 'export' }, orderBy: { createdAt: 'desc' } });
    expect(job.campaignId).toBe((await db.campaign.findUniqueOrThrow({ where: { code: SECOND } })).id);
    const rows = await db.outboxMessage.findMany({ where: { chatId: String(ADMIN) }, orderBy: { id: 'desc' }, take: 5 });
    const doc = rows.map((r) => ZOutMessage.parse(JSON.parse(r.payloadJson)).document).find(Boolean)!;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from((await db.storedFile.findUniqueOrThrow({ where: { id: doc.storedFileId } })).data) as unknown as ArrayBuffer);
    const unitSheet = workbook.getWorksheet('Đơn vị')!;
    expect(String(unitSheet.getCell('A5').value)).toContain('chuyển đổi số');
    const figures = workbook.getWorksheet('Số liệu tiến độ')!;
    const values = figures.getRows(XLSX_HEADER_ROW + 1, figures.rowCount - XLSX_HEADER_ROW)!.map((r) => r.values as unknown[]);
    const savings = values.filter((v) => v.some((cell) => String(cell).includes('tiết kiệm')));
    expect(savings.flat()).toContain(7 * MILLION);
    expect(savings.flat()).not.toContain(300 * MILLION);
  });

  it('should hold an official of one movement to that movement', async () => {
    const scoped = chat(SCOPED);
    expect(TelegramChat.text(await scoped.say(`/start ${await invite('official', SECOND)}`))).toContain('cán bộ');
    // Their commands work in their movement without naming it.
    expect(line(TelegramChat.text(await scoped.say('/tonghop 2026')), 'Số tiền tiết kiệm được')).toContain('7 triệu đồng');
    expect(TelegramChat.text(await scoped.say(`/tonghop 2026 ${MAIN}`))).toContain('bạn chưa được phân quyền trong phong trào này');
    expect(TelegramChat.text(await scoped.say(`/xuat 2026 ${MAIN}`))).toContain('bạn chưa được phân quyền trong phong trào này');
    expect(await db.job.count({ where: { campaignId: (await db.campaign.findUniqueOrThrow({ where: { code: MAIN } })).id } })).toBe(0);
    expect(TelegramChat.text(await scoped.say(`/phongtrao ${MAIN}`))).toContain('bạn chưa được phân quyền trong phong trào này');
    const listed = TelegramChat.text(await scoped.say('/phongtrao'));
    expect(listed).toContain(SECOND);
    expect(listed).not.toContain(MAIN);
  });

  it('should not let an official of one movement invite an official of the Board', async () => {
    const scoped = chat(SCOPED);
    await scoped.say('/moi');
    await scoped.press('Cán bộ Ban Thi đua - Khen thưởng');
    const created = TelegramChat.text(await scoped.press('✅ Tạo mã'));
    expect(created).toContain('Vai trò: cán bộ Ban Thi đua - Khen thưởng — Phong trào thi đua chuyển đổi số');
    const code = /start=([A-Z0-9]+)/.exec(created)![1]!;
    const invited = chat(5105);
    await invited.say(`/start ${code}`);
    const role = await db.roleAssignment.findFirstOrThrow({ where: { role: 'official', person: { identities: { some: { externalId: '5105' } } } } });
    expect(role.campaignId).toBe((await db.campaign.findUniqueOrThrow({ where: { code: SECOND } })).id);
    expect(TelegramChat.text(await invited.say(`/tonghop 2026 ${MAIN}`))).toContain('bạn chưa được phân quyền trong phong trào này');
  });

  it('should remind each movement\'s units, and a contact works in their unit\'s movement', async () => {
    const mainContact = chat(MAIN_CONTACT);
    const secondContact = chat(SECOND_CONTACT);
    await mainContact.say(`/start ${await invite('unit_contact', MAIN, 'SO_TC')}`);
    await secondContact.say(`/start ${await invite('unit_contact', SECOND, 'SO_TC')}`);
    await app.runScheduler();
    const reminded = await db.reminder.findMany({ where: { unit: { code: 'SO_TC' } }, include: { unit: { include: { campaign: true } } } });
    expect(new Set(reminded.map((r) => r.unit.campaign.code))).toEqual(new Set([MAIN, SECOND]));
    await secondContact.waitFor((m) => m.text.includes('Sở Tài chính'));
    await mainContact.waitFor((m) => m.text.includes('Sở Tài chính'));
    // Not an official anywhere: naming a movement gives no more than they had.
    expect(TelegramChat.text(await secondContact.say(`/tonghop 2026 ${SECOND}`))).toContain('bạn chưa được phân quyền trong phong trào này');
  });

  it('should ask a contact of one department in both movements which one a report is for', async () => {
    const both = chat(5104);
    await both.say(`/start ${await invite('unit_contact', MAIN, 'SO_KHDT')}`);
    await both.say(`/start ${await invite('unit_contact', SECOND, 'SO_KHDT')}`);
    const asked = await both.say('/baocao 2026');
    expect(TelegramChat.text(asked)).toContain('Báo cáo năm của đơn vị nào?');
    const labels = asked.flatMap((m) => m.buttons.flat().map((b) => b.text));
    expect(labels).toEqual(expect.arrayContaining([`Sở Kế hoạch và Đầu tư (${MAIN})`, `Sở Kế hoạch và Đầu tư (${SECOND})`]));
    const second = await db.unit.findFirstOrThrow({ where: { code: 'SO_KHDT', campaign: { code: SECOND } } });
    await both.press(`(${SECOND})`);
    const report = await db.annualReport.findFirstOrThrow({ where: { year: 2026, unit: { code: 'SO_KHDT' } } });
    expect(report.unitId).toBe(second.id);
    // Each unit's due dates come from its own movement's calendar, each named with its movement.
    const status = await both.say('/tiendo');
    const ofMovement = (code: string) => TelegramChat.text(status.filter((m) => m.text.startsWith(`Sở Kế hoạch và Đầu tư (${code})`)));
    expect(ofMovement(SECOND)).toContain('20/11/2026');
    expect(ofMovement(MAIN)).toContain('15/12/2026');
    expect(ofMovement(MAIN)).not.toContain('20/11/2026');
    // The second movement's award forms and deadline are those of its own file.
    expect(await db.annualReport.count({ where: { unit: { code: 'SO_KHDT', campaign: { code: MAIN } } } })).toBe(0);
  });

  it('should refuse a CAMPAIGN_FILE that lists a campaign and its successor, before writing anything', async () => {
    const lamDong = path.join(PROJECT_ROOT, 'prisma', 'campaigns', 'lam-dong-2026-2030.json');
    const before = await db.campaign.count();
    await expect(loadCampaigns({ db, files: [DEFAULT_CAMPAIGN_FILE, lamDong], clock })).rejects.toThrow(CampaignFileError);
    await expect(loadCampaigns({ db, files: [DEFAULT_CAMPAIGN_FILE, lamDong], clock })).rejects.toThrow(/supersedes DAK_NONG_2022_2030, which CAMPAIGN_FILE also lists/);
    await expect(loadCampaigns({ db, files: [DEFAULT_CAMPAIGN_FILE, DEFAULT_CAMPAIGN_FILE], clock })).rejects.toThrow(/list each campaign once/);
    expect(await db.campaign.count()).toBe(before);
  });
});
