import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZOutMessage } from '../../src/outbox/out-message.js';
import { XLSX_HEADER_ROW } from '../../src/reports/write-xlsx.js';
import { createWasteReport } from '../../src/waste/create-waste-report.js';
import { recordProgressUpdate } from '../../src/unit-reporting/record-progress-update.js';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { TelegramChat } from '../helpers/telegram-chat.js';
import { TestClock } from '../helpers/test-clock.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';

const vn = (s: string) => new Date(`${s}+07:00`);
const OFFICIAL = 4400;

describe.each(providers)('officials: overdue list, unit view and exports (%s)', (provider) => {
  let api: FakeTelegramApi;
  let database: TestDatabase;
  let app: TestApp;
  let official: TelegramChat;
  const clock = new TestClock(vn('2026-12-20T09:00:00'));
  let exported: Buffer | undefined;

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    database = await createEmptyDatabase(provider);
    app = await startTestApp({ databaseUrl: database.url, telegram: api, clock, env: { ADMINS: `telegram:${OFFICIAL}` } });
    official = new TelegramChat(api, OFFICIAL);
    const { db } = app.database;
    // In use since the start of the year: 2026's cycles are due in the bot.
    await db.campaign.updateMany({ data: { goLiveAt: vn('2026-01-01T00:00:00') } });
    const finance = await db.unit.findFirstOrThrow({ where: { code: 'SO_TC' } });
    const contact = await db.person.create({ data: { displayName: 'Đầu mối Sở Tài chính', roles: { create: { role: 'unit_contact', unitId: finance.id } } } });
    const criterion = await db.criterion.findFirstOrThrow({ where: { code: 'BUDGET_REVENUE' } });
    const figure = (period: string, number: number, now: Date) =>
      db.$transaction((tx) => recordProgressUpdate(tx, { unitId: finance.id, criterionId: criterion.id, period, value: { number }, submittedById: contact.id, now }));
    // The year's figure, corrected once; then a third quarter's, entered after it.
    await figure('2026', 18_500_000_000_000, vn('2026-10-20T10:00:00'));
    await figure('2026', 19_000_000_000_000, vn('2026-11-01T10:00:00'));
    await figure('2026-Q3', 14_250_000_000_000, vn('2026-12-01T10:00:00'));
    await db.annualReport.create({ data: { unitId: finance.id, year: 2026, state: 'submitted', version: 1, number: 'BC-2026-SO_TC-01', submittedAt: vn('2026-12-10T10:00:00') } });
    const category = await db.wasteCategory.findFirstOrThrow({ where: { code: 'other' } });
    const citizen = await db.person.create({ data: { displayName: 'Nguyễn Văn Dân' } });
    await db.$transaction(async (tx) => {
      await createWasteReport(tx, { categoryId: category.id, description: 'Phản ánh ẩn danh về xe công dùng sai mục đích.', photos: [], anonymous: true, reporterId: citizen.id, now: vn('2026-06-01T10:00:00') });
      await createWasteReport(tx, { categoryId: category.id, description: 'Phản ánh có tên về điện chiếu sáng lãng phí.', photos: [], anonymous: false, contactPhone: '0912345678', reporterId: citizen.id, now: vn('2026-07-01T10:00:00') });
    });
  });
  afterAll(async () => {
    await app?.stop();
    await api?.stop();
    await database?.drop();
  });

  it('should list overdue units with how late they are and a nudge button each', async () => {
    const text = TelegramChat.text(await official.say('/quahan'));
    expect(text).toContain('Báo cáo năm — Năm 2026 — hạn 15/12/2026, đã quá 5 ngày');
    const annual = text.split('\n\n').find((block) => block.startsWith('Báo cáo năm — Năm 2026'))!;
    expect(annual).toContain('Sở Xây dựng — chưa có đầu mối');
    expect(annual).not.toContain('Sở Tài chính'); // submitted
    // The quarterly cycle is listed too: nobody gave a third-quarter figure.
    expect(text).toContain('Cập nhật tiến độ quý — Quý 3/2026 — hạn 10/10/2026');
    expect(official.last.buttons.flat().map((b) => b.data)).toContain('m:nhacnho SO_XD');
  });

  it('should show one unit\'s figures and report', async () => {
    const text = TelegramChat.text(await official.say('/donvi so_tc'));
    // The plan's revenue target is phase 1's 2021–2025 total: 2026 has none to meet.
    // The year's own figure speaks for the year, over a quarter's entered after it.
    expect(text).toContain('Thu ngân sách nhà nước trên địa bàn: 19.000 tỷ đồng (Năm 2026) — không có chỉ tiêu để so sánh');
    expect(text).not.toContain('14.250 tỷ');
    // The report comes in a second message: waited for by its words, not by a quiet spell.
    expect((await official.waitFor((m) => m.text.includes('Số báo cáo:'))).text).toContain('Số báo cáo: BC-2026-SO_TC-01');
  });

  async function lastDocument() {
    const rows = await app.database.db.outboxMessage.findMany({ where: { chatId: String(OFFICIAL) }, orderBy: { id: 'desc' }, take: 5 });
    const doc = rows.map((r) => ZOutMessage.parse(JSON.parse(r.payloadJson)).document).find(Boolean)!;
    const file = await app.database.db.storedFile.findUniqueOrThrow({ where: { id: doc.storedFileId } });
    return { doc, data: Buffer.from(file.data) };
  }

  async function documentsArrive(count: number) {
    for (const deadline = Date.now() + 20_000; api.documents.filter((d) => d.chatId === String(OFFICIAL)).length < count; ) {
      if (Date.now() > deadline) throw new Error(`expected ${count} documents, got ${api.documents.length}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    await app.jobs.idle();
  }

  it('should export the year as an Excel workbook that reads back, anonymous reporters masked', async () => {
    expect(TelegramChat.text(await official.say('/xuat 2026'))).toContain('Đang lập bảng tính Excel năm 2026');
    await documentsArrive(1);
    expect(api.documents.filter((d) => d.chatId === String(OFFICIAL))).toHaveLength(1);
    expect(api.chatActions).toContainEqual({ chatId: String(OFFICIAL), action: 'upload_document' });
    const { doc, data } = await lastDocument();
    expect(doc.fileName).toBe('thi-dua-2026.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Đơn vị', 'Số liệu tiến độ', 'Báo cáo năm', 'Phản ánh', 'Tổng hợp tiêu chí']);
    for (const ws of workbook.worksheets) expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: XLSX_HEADER_ROW });
    // Data rows start under the title block and the header; column 1 is the row number (STT).
    const dataRows = (ws: ExcelJS.Worksheet) => ws.getRows(XLSX_HEADER_ROW + 1, ws.rowCount - XLSX_HEADER_ROW)!;

    const units = workbook.getWorksheet('Đơn vị')!;
    expect(units.getRow(XLSX_HEADER_ROW).values).toEqual([undefined, 'STT', 'Mã', 'Tên đơn vị', 'Đơn vị kế tục hiện nay', 'Loại', 'Số đầu mối', 'Báo cáo năm', 'Số báo cáo', 'Ngày nộp', 'Nộp bản giấy']);
    const finance = dataRows(units).find((r) => r.getCell(2).value === 'SO_TC')!;
    // A unit that goes on has no successor to name.
    expect(finance.getCell(4).value ?? '').toBe('');
    expect(finance.getCell(7).value).toBe('Đã nộp');
    // Excel has no time zones: the cell holds Vietnam's wall-clock time of 10:00 on 10/12.
    expect(finance.getCell(9).value).toEqual(new Date('2026-12-10T10:00:00Z'));
    expect(finance.getCell(9).numFmt).toBe('dd/mm/yyyy');
    expect(dataRows(units).map((r) => r.getCell(1).value)).toEqual(dataRows(units).map((_, i) => i + 1));

    const figures = workbook.getWorksheet('Số liệu tiến độ')!;
    expect(figures.getRow(XLSX_HEADER_ROW).values).toEqual([
      undefined, 'STT', 'Đơn vị (khi báo cáo)', 'Đơn vị kế tục hiện nay', 'Tiêu chí', 'Kỳ', 'Giá trị', 'Giá trị (chữ)', 'Đơn vị tính', 'Chỉ tiêu', 'Đánh giá', 'Ghi chú', 'Cập nhật lúc', 'Người cập nhật', 'Số lần sửa', 'Giá trị trước khi sửa',
    ]);
    // The figures in force only, a year's quarters before the year.
    expect(dataRows(figures).map((r) => [r.getCell(5).value, r.getCell(6).value])).toEqual([
      ['Quý 3/2026', 14_250_000_000_000],
      ['Năm 2026', 19_000_000_000_000],
    ]);
    const year = figures.getRow(XLSX_HEADER_ROW + 2);
    expect([year.getCell(2).value, year.getCell(3).value ?? '']).toEqual(['Sở Tài chính', '']);
    // A whole number shows no decimal mark in Excel.
    expect(year.getCell(6).numFmt).toBe('#,##0');
    // Phase 2 has no revenue target of its own; phase 1's 2021–2025 total is not reused.
    expect(year.getCell(9).value ?? '').toBe('');
    expect(year.getCell(10).value).toBe('Không có chỉ tiêu');
    // Who gave the figure, and that it corrected an earlier one: counted once, the old value shown.
    expect([13, 14, 15].map((i) => year.getCell(i).value)).toEqual(['Đầu mối Sở Tài chính', 1, 18_500_000_000_000]);
    expect(figures.getRow(XLSX_HEADER_ROW + 1).getCell(14).value).toBe(0);

    const citizen = workbook.getWorksheet('Phản ánh')!;
    const rows = dataRows(citizen);
    const anonymous = rows.find((r) => String(r.getCell(11).value).includes('ẩn danh'))!;
    const named = rows.find((r) => String(r.getCell(11).value).includes('có tên'))!;
    expect([anonymous.getCell(9).value, anonymous.getCell(10).value ?? '']).toEqual(['Ẩn danh', '']);
    expect([named.getCell(9).value, named.getCell(10).value]).toEqual(['Nguyễn Văn Dân', '0912345678']);
    expect(JSON.stringify(workbook.getWorksheet('Phản ánh')!.getSheetValues())).not.toContain('Nguyễn Văn Dân", "Phản ánh ẩn danh');

    const summary = workbook.getWorksheet('Tổng hợp tiêu chí')!;
    const budget = dataRows(summary).find((r) => r.getCell(2).value === 'Thu ngân sách nhà nước trên địa bàn')!;
    // One row per criterion: its scope, owner, target of the phase, the province figure.
    // The province's figure is a number, in the unit beside it, for formulas to check.
    expect([3, 4, 5, 7, 9, 10, 11].map((i) => budget.getCell(i).value)).toEqual(['Toàn tỉnh (một đơn vị báo cáo)', 'Sở Tài chính', 'Chưa đặt chỉ tiêu cho Giai đoạn 2 (2026–2030)', 19_000_000_000_000, 'đồng', 'Không có chỉ tiêu', 1]);
    expect(budget.getCell(7).numFmt).toBe('#,##0');

    // Each sheet is a document an office files: its title block, a header that prints on every
    // page, a filter, landscape A4 as wide as the table.
    expect(units.getCell('A1').value).toBe('ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG');
    expect(units.getCell('A4').value).toBe('DANH SÁCH ĐƠN VỊ VÀ TÌNH HÌNH BÁO CÁO NĂM 2026');
    expect(units.getCell('A6').value).toBe('Lập ngày 20/12/2026');
    expect(units.getRow(XLSX_HEADER_ROW).getCell(2).fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    expect(units.getRow(XLSX_HEADER_ROW).getCell(2).border?.bottom).toMatchObject({ style: 'thin' });
    expect(finance.getCell(3).border?.left).toMatchObject({ style: 'thin' });
    for (const ws of workbook.worksheets) {
      expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${XLSX_HEADER_ROW}:${XLSX_HEADER_ROW}` });
      expect(ws.autoFilter).toBeTruthy();
    }
    exported = data;
    const audit = await app.database.db.auditLog.findMany({ where: { action: 'export' } });
    expect(audit).toHaveLength(1);
  });

  // LibreOffice prints as Excel does; without it (`soffice`, Debian libreoffice-calc-nogui) the check is skipped.
  const soffice = process.env.SOFFICE ?? ['/usr/bin/soffice', '/usr/local/bin/soffice'].find((p) => existsSync(p));
  it.skipIf(!soffice)('should print each sheet one page wide: five sheets, five pages', async () => {
    expect(exported).toBeDefined();
    const dir = await mkdtemp(path.join(tmpdir(), 'thidua-print-'));
    try {
      await writeFile(path.join(dir, 'thi-dua.xlsx'), exported!);
      await promisify(execFile)(soffice!, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'thi-dua.xlsx')], { timeout: 120_000 });
      const pdf = (await readFile(path.join(dir, 'thi-dua.pdf'))).toString('latin1');
      const pages = pdf.match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
      // Before the print setup the same workbook took 19 portrait pages, columns split across them.
      expect(pages).toBe(5);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 150_000);

  it('should let an admin read the audit log in chat', async () => {
    const text = TelegramChat.text(await official.say('/nhatky 5'));
    expect(text).toContain('Nhật ký thao tác');
    expect(text).toMatch(/— Admin — export/);
  });

  it('should export CSV files that Excel reads as UTF-8', async () => {
    const before = api.documents.length;
    await official.say('/xuat csv');
    await documentsArrive(before + 3);
    expect(api.documents.length - before).toBe(3);
    const { doc, data } = await lastDocument();
    expect(doc.mimeType).toBe('text/csv');
    expect(data.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(data.toString('utf8')).toContain('Mã,Tên đơn vị,Đơn vị kế tục hiện nay,Loại');
    expect(data.toString('utf8')).toMatch(/^SO_TC,Sở Tài chính,.*,Đã nộp,BC-2026-SO_TC-01,10\/12\/2026,/m);
  });

  it('should export CSV files for Excel set to Vietnamese: semicolons, decimal commas, UTF-8 mark', async () => {
    const before = api.documents.length;
    await official.say('/xuat 2026 csv-vn');
    await documentsArrive(before + 3);
    const { doc, data } = await lastDocument();
    expect(doc.fileName).toBe('don-vi-2026-excel-vn.csv');
    expect(data.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(data.toString('utf8')).toContain('Mã;Tên đơn vị;Đơn vị kế tục hiện nay;Loại');
    expect(data.toString('utf8')).toMatch(/^SO_TC;Sở Tài chính;.*;Đã nộp;BC-2026-SO_TC-01;10\/12\/2026;/m);
  });
});
