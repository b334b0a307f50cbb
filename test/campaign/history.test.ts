import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCampaign } from '../../src/campaign/load-campaign.js';
import { readCampaignFile } from '../../src/campaign/read-campaign-file.js';
import { DEFAULT_CAMPAIGN_FILE, PROJECT_ROOT } from '../../src/config.js';
import { ZOutMessage } from '../../src/outbox/out-message.js';
import { XLSX_HEADER_ROW } from '../../src/reports/write-xlsx.js';
import type { Db } from '../../src/store/db.js';
import { recordProgressUpdate } from '../../src/unit-reporting/record-progress-update.js';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { TelegramChat } from '../helpers/telegram-chat.js';
import { TestClock } from '../helpers/test-clock.js';
import { createMigratedDatabase, providers } from '../helpers/test-database.js';

const LAM_DONG_FILE = path.join(PROJECT_ROOT, 'prisma', 'campaigns', 'lam-dong-2026-2030.json');
const OFFICIAL = 4700;
const vn = (s: string) => new Date(`${s}+07:00`);
const MILLION = 1_000_000;

type Json = Record<string, unknown> & { units: { code: string; nameVi: string; nameEn: string; kind: string }[]; criteria: { code: string; owner?: string }[]; lineage?: unknown };

/**
 * A database that ran the bundled Đắk Nông campaign: loaded in 2024, figures entered for
 * 2024 and 2025 by the units of their time.
 */
async function ranDakNong(provider: (typeof providers)[number], figures: (db: Db, figure: (unit: string, criterion: string, year: number, value: number) => Promise<void>) => Promise<void>) {
  const testDb = await createMigratedDatabase(provider);
  const { db } = testDb.database;
  await loadCampaign({ db, source: readCampaignFile(DEFAULT_CAMPAIGN_FILE), clock: new TestClock(vn('2024-01-02T09:00:00')) });
  const who = await db.person.create({ data: { displayName: 'Đầu mối' } });
  await figures(db, async (unitCode, criterionCode, year, value) => {
    const unit = await db.unit.findFirstOrThrow({ where: { code: unitCode } });
    const criterion = await db.criterion.findFirstOrThrow({ where: { code: criterionCode } });
    await db.$transaction((tx) => recordProgressUpdate(tx, { unitId: unit.id, criterionId: criterion.id, period: String(year), value: { number: value }, submittedById: who.id, now: vn(`${year}-11-01T10:00:00`) }));
  });
  return testDb;
}

async function startWith(databaseUrl: string, campaignFile: string, api: FakeTelegramApi, clock: TestClock): Promise<TestApp> {
  return startTestApp({ databaseUrl, telegram: api, clock, env: { ADMINS: `telegram:${OFFICIAL}`, CAMPAIGN_FILE: campaignFile } });
}

const line = (text: string, start: string) => text.split('\n').find((l) => l.includes(start)) ?? '';

describe.each(providers)('history after the Lâm Đồng file is loaded over Đắk Nông (%s)', (provider) => {
  let api: FakeTelegramApi;
  let testDb: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let app: TestApp;
  let official: TelegramChat;
  const clock = new TestClock(vn('2026-03-02T09:00:00'));

  beforeAll(async () => {
    testDb = await ranDakNong(provider, async (db, figure) => {
      for (const [unit, amount] of [['SO_TC', 300], ['SO_KHDT', 200], ['H_CU_JUT', 100], ['H_DAK_MIL', 50], ['MTTQ', 10]] as const) {
        await figure(unit, 'THRIFT_SAVINGS', 2024, amount * MILLION);
        await figure(unit, 'THRIFT_SAVINGS', 2025, amount * MILLION);
      }
      // Disbursement weighed by each department's capital plan.
      await figure('SO_KHDT', 'PUBLIC_INVESTMENT_DISBURSEMENT', 2025, 90);
      await figure('SO_TC', 'PUBLIC_INVESTMENT_DISBURSEMENT', 2025, 100);
      await figure('SO_KHDT', 'PUBLIC_INVESTMENT_CAPITAL_PLAN', 2025, 100_000 * MILLION);
      await figure('SO_TC', 'PUBLIC_INVESTMENT_CAPITAL_PLAN', 2025, 300_000 * MILLION);
      const finance = await db.unit.findFirstOrThrow({ where: { code: 'SO_TC' } });
      await db.annualReport.create({ data: { unitId: finance.id, year: 2025, state: 'submitted', version: 1, number: 'BC-2025-SO_TC-01', submittedAt: vn('2025-12-10T10:00:00') } });
    });
    api = await new FakeTelegramApi().start();
    // The installation moves to the merged province: CAMPAIGN_FILE set, the bot restarted.
    app = await startWith(testDb.url, LAM_DONG_FILE, api, clock);
    official = new TelegramChat(api, OFFICIAL);
  });
  afterAll(async () => {
    await app?.stop();
    await api?.stop();
    await testDb?.drop();
  });

  it('should show 2025 with the units of 2025 and their figures', async () => {
    const text = TelegramChat.text(await official.say('/tonghop 2025'));
    expect(text).toContain('Đơn vị và số liệu như năm 2025');
    // 13 departments, 8 districts and 6 organisations of Đắk Nông.
    expect(text).toContain('Báo cáo năm: 1/27 đơn vị đã nộp (1 đúng hạn).');
    expect(line(text, 'Chưa nộp:')).toContain('Cư Jút');
    expect(line(text, 'Chưa nộp:')).toContain('Sở KH&ĐT');
    const savings = line(text, 'Số tiền tiết kiệm được');
    expect(savings).toContain('660 triệu đồng');
    expect(savings).toContain('(5 đơn vị)');
    expect(savings).toContain('cao nhất Sở Tài chính 300 triệu đồng');
    expect(savings).toContain('thấp nhất Mặt trận Tổ quốc tỉnh 10 triệu đồng');
    expect(line(text, 'Giải ngân kế hoạch vốn')).toContain('97,5%');
  });

  it('should read the superseded campaign when a command names it, and refuse to change it', async () => {
    const named = TelegramChat.text(await official.say('/tonghop 2025 DAK_NONG_2022_2030'));
    expect(named.split('\n')[0]).toMatch(/^🏷 Phong trào: .*Đắk Nông.* \(DAK_NONG_2022_2030\)$/);
    expect(named).toContain('Báo cáo năm: 1/27 đơn vị đã nộp (1 đúng hạn).');
    expect(line(named, 'Số tiền tiết kiệm được')).toContain('660 triệu đồng');
    for (const command of ['/quahan DAK_NONG_2022_2030', '/nhacnho DAK_NONG_2022_2030', '/phongtrao DAK_NONG_2022_2030']) {
      expect(TelegramChat.text(await official.say(command))).toContain('chỉ xem lại được số liệu, không thay đổi được');
    }
    const listed = TelegramChat.text(await official.say('/phongtrao'));
    expect(line(listed, 'DAK_NONG_2022_2030')).toContain('đã kết thúc, chỉ xem lại được');
    expect(line(listed, 'LAM_DONG_2026_2030')).toContain('đang làm việc');
    // Nothing else to choose: no promise of a button, the way to read the ended one instead.
    expect(listed).not.toContain('bằng nút bên dưới');
    expect(listed).toContain('Muốn xem lại một phong trào đã kết thúc, ghi mã của nó sau lệnh');
  });

  it('should draw 2025\'s charts with the units of 2025', async () => {
    const { yearCharts } = await import('../../src/jobs/chart-job.js');
    const ld = await app.database.db.campaign.findUniqueOrThrow({ where: { code: 'LAM_DONG_2026_2030' } });
    const [disbursement] = await yearCharts(app.database.db, ld.id, 2025);
    const bars = disbursement!.options.bars.map((b) => [b.label, b.value]);
    expect(bars.slice(0, 2)).toEqual([['Sở Tài chính', 100], ['Sở KH&ĐT', 90]]);
    expect(bars.map(([label]) => label)).toContain('Cư Jút');
    expect(bars).toHaveLength(21);
  });

  it('should show 2026 with the new units', async () => {
    const text = TelegramChat.text(await official.say('/tonghop 2026'));
    // 15 departments, 28 communes and wards, 6 organisations of the merged province.
    expect(text).toContain('Báo cáo năm: 0/49 đơn vị đã nộp (0 đúng hạn).');
    expect(line(text, 'Chưa nộp:')).toContain('Xã Cư Jút');
    expect(text).not.toContain('Sở KH&ĐT');
    expect(text).not.toContain('Đơn vị và số liệu như năm');
    // No figure at all for the new units' first year: one line says so, not one per criterion.
    expect(text).toMatch(/▫️ Chưa có đơn vị nào báo cáo số liệu cho \d+ tiêu chí của năm này\./);
    expect(text).not.toContain('Số tiền tiết kiệm được từ thực hành tiết kiệm, chống lãng phí');
    // A commune is named by its statistical code, which is digits but not a year.
    expect(TelegramChat.text(await official.say('/tonghop 2026 24640'))).toContain('Xã Cư Jút');
  });

  it('should roll 2025 up into today\'s units on request, saying what was not rolled up', async () => {
    const text = TelegramChat.text(await official.say('/tonghop 2025 nay'));
    expect(text).toContain('Số liệu năm 2025 được quy về các đơn vị hiện nay');
    expect(text).not.toContain('Đơn vị và số liệu như năm');
    // Finance and planning merged: 300 + 200 million for the new finance department. The
    // districts split with the rule `none`: their figures are not given to the communes.
    const savings = line(text, 'Số tiền tiết kiệm được');
    expect(savings).toContain('510 triệu đồng');
    expect(savings).toContain('(2 đơn vị)');
    expect(savings).toContain('cao nhất Sở Tài chính 500 triệu đồng');
    expect(text).toContain('2 số liệu của đơn vị đã chia tách hoặc giải thể không được quy về đơn vị hiện nay');
    // A rate of merged units is weighed by their capital plans: (90 × 100 + 100 × 300) / 400.
    expect(line(text, 'Giải ngân kế hoạch vốn')).toContain('97,5% ');
    expect(line(text, 'Giải ngân kế hoạch vốn')).toContain('(1 đơn vị)');
    // Today's finance department asked about 2025: the two departments it was formed from.
    const finance = TelegramChat.text(await official.say('/tonghop 2025 SO_TC'));
    expect(finance).toContain('Báo cáo năm: 1/2 đơn vị đã nộp (1 đúng hạn).');
    expect(line(finance, 'Số tiền tiết kiệm được')).toContain('500 triệu đồng');
    expect(line(finance, 'Số tiền tiết kiệm được')).toContain('(2 đơn vị)');
    expect(line(TelegramChat.text(await official.say('/tonghop 2025 SO_TC nay')), 'Số tiền tiết kiệm được')).toContain('500 triệu đồng — không có chỉ tiêu để so sánh (1 đơn vị)');
    // An area of today's file reads 2025 through the same criteria and the leads' units of the time.
    const area = TelegramChat.text(await official.say('/tonghop 2025 finance'));
    expect(area).toContain('Tổng hợp năm 2025 — ');
    expect(line(area, 'Số tiền tiết kiệm được')).toContain('500 triệu đồng');
    // A code that has since ended is the unit of its time.
    const district = TelegramChat.text(await official.say('/tonghop 2025 h_cu_jut'));
    expect(district).toContain('Tổng hợp năm 2025 — UBND huyện Cư Jút');
    expect(line(district, 'Số tiền tiết kiệm được')).toContain('100 triệu đồng');
    // The English word does the same.
    expect(TelegramChat.text(await official.say('/summary 2025 now'))).toContain('Số liệu năm 2025 được quy về các đơn vị hiện nay');
  });

  it('should export 2025 with the unit of the time and its successor today', async () => {
    const before = api.documents.length;
    expect(TelegramChat.text(await official.say('/xuat 2025'))).toContain('Đang lập bảng tính Excel năm 2025');
    await documentsArrive(before + 1);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await lastDocument()).data as unknown as ArrayBuffer);
    const rowsOf = (name: string) => {
      const ws = workbook.getWorksheet(name)!;
      return { header: ws.getRow(XLSX_HEADER_ROW).values as unknown[], rows: ws.getRows(XLSX_HEADER_ROW + 1, ws.rowCount - XLSX_HEADER_ROW)! };
    };
    // Today's office issues it; the campaign named is the one 2025 ran under.
    const unitSheet = workbook.getWorksheet('Đơn vị')!;
    expect(unitSheet.getCell('A1').value).toBe('ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG');
    expect(String(unitSheet.getCell('A5').value)).toContain('“Đắk Nông đẩy mạnh phát triển');
    const figures = rowsOf('Số liệu tiến độ');
    expect(figures.header.slice(2, 4)).toEqual(['Đơn vị (khi báo cáo)', 'Đơn vị kế tục hiện nay']);
    const successorOf = (unit: string) => figures.rows.filter((r) => r.getCell(2).value === unit).map((r) => String(r.getCell(3).value ?? ''));
    expect(new Set(successorOf('Sở Kế hoạch và Đầu tư'))).toEqual(new Set(['Sở Tài chính']));
    expect(new Set(successorOf('UBND huyện Cư Jút'))).toEqual(new Set(['UBND xã Đắk Wil; UBND xã Nam Dong; UBND xã Cư Jút']));
    expect(figures.rows.filter((r) => r.getCell(5).value === 'Năm 2025')).toHaveLength(9);

    const units = rowsOf('Đơn vị');
    expect(units.header.slice(2, 5)).toEqual(['Mã', 'Tên đơn vị', 'Đơn vị kế tục hiện nay']);
    expect(units.rows).toHaveLength(27);
    expect(units.rows.find((r) => r.getCell(2).value === 'SO_GTVT')!.getCell(4).value).toBe('Sở Xây dựng');

    const csvBefore = api.documents.length;
    await official.say('/xuat 2025 csv');
    await documentsArrive(csvBefore + 3);
    const rows = await app.database.db.outboxMessage.findMany({ where: { chatId: String(OFFICIAL) }, orderBy: { id: 'desc' }, take: 6 });
    const docs = rows.map((r) => ZOutMessage.parse(JSON.parse(r.payloadJson)).document).filter((d) => d !== undefined);
    const figuresCsv = docs.find((d) => d.fileName === 'so-lieu-2025.csv')!;
    const csv = Buffer.from((await app.database.db.storedFile.findUniqueOrThrow({ where: { id: figuresCsv.storedFileId } })).data).toString('utf8');
    expect(csv).toContain('Đơn vị (khi báo cáo),Đơn vị kế tục hiện nay,Tiêu chí');
    expect(csv).toMatch(/^Sở Kế hoạch và Đầu tư,Sở Tài chính,/m);
  });

  async function lastDocument() {
    const rows = await app.database.db.outboxMessage.findMany({ where: { chatId: String(OFFICIAL) }, orderBy: { id: 'desc' }, take: 5 });
    const doc = rows.map((r) => ZOutMessage.parse(JSON.parse(r.payloadJson)).document).find(Boolean)!;
    const file = await app.database.db.storedFile.findUniqueOrThrow({ where: { id: doc.storedFileId } });
    return { doc, data: Buffer.from(file.data) };
  }

  it('should keep in 2025 what a unit formed on 1 July 2025 reported for 2025', async () => {
    const db = app.database.db;
    const finance = await db.unit.findFirstOrThrow({ where: { code: 'SO_TC', active: true } });
    expect(finance.validFrom).toBe('2025-07-01');
    const criterion = await db.criterion.findFirstOrThrow({ where: { code: 'THRIFT_SAVINGS', campaignId: finance.campaignId } });
    const who = await db.person.create({ data: { displayName: 'Đầu mối mới' } });
    await db.$transaction((tx) => recordProgressUpdate(tx, { unitId: finance.id, criterionId: criterion.id, period: '2025', value: { number: 40 * MILLION }, submittedById: who.id, now: clock.now() }));
    const text = TelegramChat.text(await official.say('/tonghop 2025'));
    const savings = line(text, 'Số tiền tiết kiệm được');
    expect(savings).toContain('700 triệu đồng');
    expect(savings).toContain('(6 đơn vị)');
    // Units formed that year that reported nothing for it are not listed as late.
    expect(text).toContain('Báo cáo năm: 1/28 đơn vị đã nộp');
    expect(line(text, 'Chưa nộp:')).not.toContain('Xã Cư Jút');
    // The same code counted in other units is another criterion: its figure is left out.
    await db.criterion.update({ where: { id: criterion.id }, data: { unitLabelVi: 'nghìn đồng' } });
    // As a load of the file does, which is what tells a running bot its catalogue changed.
    await db.campaign.update({ where: { id: finance.campaignId }, data: { loadedAt: new Date() } });
    expect(line(TelegramChat.text(await official.say('/tonghop 2025')), 'Số tiền tiết kiệm được')).toContain('660 triệu đồng');
  });

  async function documentsArrive(count: number) {
    for (const deadline = Date.now() + 20_000; api.documents.filter((d) => d.chatId === String(OFFICIAL)).length < count; ) {
      if (Date.now() > deadline) throw new Error(`expected ${count} documents, got ${api.documents.length}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    await app.jobs.idle();
  }
});

describe.each(providers)('a merge and a split within the campaign (%s)', (provider) => {
  let api: FakeTelegramApi;
  let testDb: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let app: TestApp;
  let official: TelegramChat;
  const clock = new TestClock(vn('2026-03-02T09:00:00'));

  beforeAll(async () => {
    testDb = await ranDakNong(provider, async (_db, figure) => {
      await figure('SO_TC', 'THRIFT_SAVINGS', 2025, 300 * MILLION);
      await figure('SO_KHDT', 'THRIFT_SAVINGS', 2025, 200 * MILLION);
      await figure('H_CU_JUT', 'THRIFT_SAVINGS', 2025, 1_000 * MILLION);
      await figure('H_DAK_MIL', 'THRIFT_SAVINGS', 2025, 50 * MILLION);
      await figure('H_CU_JUT', 'PUBLIC_INVESTMENT_DISBURSEMENT', 2025, 80);
      await figure('H_DAK_MIL', 'PUBLIC_INVESTMENT_DISBURSEMENT', 2025, 70);
      await figure('H_CU_JUT', 'PUBLIC_INVESTMENT_CAPITAL_PLAN', 2025, 100_000 * MILLION);
      await figure('H_DAK_MIL', 'PUBLIC_INVESTMENT_CAPITAL_PLAN', 2025, 100_000 * MILLION);
      // A province-wide figure of the finance department of the time.
      await figure('SO_TC', 'BUDGET_REVENUE', 2025, 4_300_000 * MILLION);
      await figure('H_CU_JUT', 'KEY_PROJECTS_ON_SCHEDULE', 2025, 5);
      await figure('H_DAK_MIL', 'KEY_PROJECTS_ON_SCHEDULE', 2025, 3);
    });
    // Finance and planning merge into a new department; Cư Jút splits in two, its savings
    // divided 60/40, its disbursement rate held by both, its projects not divided.
    const file = JSON.parse(readFileSync(DEFAULT_CAMPAIGN_FILE, 'utf8')) as Json;
    file.units = file.units.filter((u) => !['SO_TC', 'SO_KHDT', 'H_CU_JUT'].includes(u.code));
    file.units.unshift({ code: 'SO_TC_MOI', nameVi: 'Sở Tài chính (mới)', nameEn: 'Department of Finance (new)', kind: 'department' });
    file.units.push({ code: 'X_A', nameVi: 'UBND xã A', nameEn: 'Commune A', kind: 'district' }, { code: 'X_B', nameVi: 'UBND xã B', nameEn: 'Commune B', kind: 'district' });
    for (const c of file.criteria) if (c.owner === 'SO_KHDT' || c.owner === 'SO_TC') c.owner = 'SO_TC_MOI';
    file.lineage = {
      changes: [
        { kind: 'merged', on: '2026-01-01', from: ['SO_TC', 'SO_KHDT'], to: 'SO_TC_MOI' },
        {
          kind: 'split', on: '2026-01-01', from: 'H_CU_JUT', to: [{ unit: 'X_A', share: 0.6 }, { unit: 'X_B', share: 0.4 }],
          figures: { default: 'none', criteria: { THRIFT_SAVINGS: 'share', PUBLIC_INVESTMENT_DISBURSEMENT: 'whole' } },
        },
      ],
    };
    const edited = path.join(mkdtempSync(path.join(os.tmpdir(), 'campaign-')), 'campaign.json');
    writeFileSync(edited, JSON.stringify(file));
    api = await new FakeTelegramApi().start();
    app = await startWith(testDb.url, edited, api, clock);
    official = new TelegramChat(api, OFFICIAL);
  });
  afterAll(async () => {
    await app?.stop();
    await api?.stop();
    await testDb?.drop();
  });

  it('should show the year before the merge with the units of its time', async () => {
    const text = TelegramChat.text(await official.say('/tonghop 2025'));
    expect(text).toContain('Đơn vị và số liệu như năm 2025');
    expect(text).toContain('Báo cáo năm: 0/27 đơn vị đã nộp');
    expect(line(text, 'Chưa nộp:')).not.toContain('Sở Tài chính (mới)');
    expect(text).not.toContain('xã A');
    const savings = line(text, 'Số tiền tiết kiệm được');
    expect(savings).toContain('1,55 tỷ đồng');
    expect(savings).toContain('(4 đơn vị)');
    expect(savings).toContain('cao nhất Cư Jút 1 tỷ đồng');
    expect(savings).toContain('thấp nhất Đắk Mil 50 triệu đồng');
    // (80 × 100 + 70 × 100) / 200.
    expect(line(text, 'Giải ngân kế hoạch vốn')).toContain('75% ');
    // The province's revenue is the figure of the finance department of the time.
    expect(text).toContain('Thu ngân sách nhà nước trên địa bàn: 4.300 tỷ đồng');
    expect(line(text, 'Thu ngân sách nhà nước trên địa bàn')).toContain('(số liệu của Sở Tài chính)');
  });

  it('should roll a merge and a split up into today\'s units by the recorded rules', async () => {
    const text = TelegramChat.text(await official.say('/tonghop 2025 nay'));
    // Merged: 300 + 200 million. Split by share: 600 and 400 million of Cư Jút's billion.
    const savings = line(text, 'Số tiền tiết kiệm được');
    expect(savings).toContain('1,55 tỷ đồng');
    expect(savings).toContain('(4 đơn vị)');
    expect(savings).toContain('cao nhất UBND xã A 600 triệu đồng');
    expect(savings).toContain('thấp nhất Đắk Mil 50 triệu đồng');
    // Whole: both communes hold Cư Jút's rate; Đắk Mil goes on as it was.
    const disbursement = line(text, 'Giải ngân kế hoạch vốn');
    // Weighed by the capital plans, Cư Jút's divided 60/40 between its communes: 75% again.
    expect(disbursement).toContain('75% ');
    expect(disbursement).toContain('(3 đơn vị)');
    expect(disbursement).toContain('cao nhất UBND xã A 80%');
    expect(disbursement).toContain('thấp nhất Đắk Mil 70%');
    // None: Cư Jút's projects stay its own, and the summary says one figure is left out.
    const projects = text.split('\n').findIndex((l) => l.includes('Dự án hạ tầng trọng điểm'));
    expect(text.split('\n')[projects]).toContain('3 dự án');
    expect(text.split('\n').slice(projects, projects + 4).join('\n')).toContain('1 số liệu của đơn vị đã chia tách hoặc giải thể không được quy về đơn vị hiện nay');
  });

  it('should show the current year with today\'s units only', async () => {
    const text = TelegramChat.text(await official.say('/tonghop 2026'));
    expect(text).toContain('Báo cáo năm: 0/27 đơn vị đã nộp');
    expect(line(text, 'Chưa nộp:')).toContain('Sở Tài chính (mới)');
    expect(line(text, 'Chưa nộp:')).not.toContain('Cư Jút');
  });
});
