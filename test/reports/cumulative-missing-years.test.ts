import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZOutMessage } from '../../src/outbox/out-message.js';
import { XLSX_HEADER_ROW } from '../../src/reports/write-xlsx.js';
import { recordProgressUpdate } from '../../src/unit-reporting/record-progress-update.js';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { TelegramChat } from '../helpers/telegram-chat.js';
import { TestClock } from '../helpers/test-clock.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';

const vn = (s: string) => new Date(`${s}+07:00`);
const OFFICIAL = 4800;

/**
 * Revenue is judged on its 2021–2025 total. Years nobody entered are not years of no revenue:
 * a total short of the target for want of them is not a target missed.
 */
describe.each(providers)('a cumulative target with years missing (%s)', (provider) => {
  let api: FakeTelegramApi;
  let database: TestDatabase;
  let app: TestApp;
  const clock = new TestClock(vn('2025-12-20T09:00:00'));

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    database = await createEmptyDatabase(provider);
    app = await startTestApp({ databaseUrl: database.url, telegram: api, clock, env: { ADMINS: `telegram:${OFFICIAL}` } });
    const { db } = app.database;
    const who = await db.person.create({ data: { displayName: 'Đầu mối' } });
    const unit = await db.unit.findFirstOrThrow({ where: { code: 'SO_TC' } });
    const criterion = await db.criterion.findFirstOrThrow({ where: { code: 'BUDGET_REVENUE' } });
    for (const [year, billions] of [[2023, 3_700], [2025, 4_700]] as const) {
      await db.$transaction((tx) => recordProgressUpdate(tx, { unitId: unit.id, criterionId: criterion.id, period: String(year), value: { number: billions * 1e9 }, submittedById: who.id, now: vn('2025-12-01T10:00:00') }));
    }
  });
  afterAll(async () => {
    await app?.stop();
    await api?.stop();
    await database?.drop();
  });

  it('should say which years have no figure instead of judging the total missed, in chat and in the workbook', async () => {
    const official = new TelegramChat(api, OFFICIAL);
    const text = TelegramChat.text(await official.say('/tonghop 2025'));
    expect(text).toContain('Thu ngân sách nhà nước trên địa bàn: 4.700 tỷ đồng, (cộng dồn 2021–2025) 8.400 tỷ đồng — ⚠️ thiếu số liệu năm 2021–2022, 2024, chưa đánh giá được');

    await official.say('/xuat 2025');
    await app.jobs.idle();
    const rows = await app.database.db.outboxMessage.findMany({ where: { chatId: String(OFFICIAL) }, orderBy: { id: 'desc' }, take: 5 });
    const doc = rows.map((r) => ZOutMessage.parse(JSON.parse(r.payloadJson)).document).find(Boolean)!;
    const file = await app.database.db.storedFile.findUniqueOrThrow({ where: { id: doc.storedFileId } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.data) as unknown as ArrayBuffer);
    const summary = workbook.getWorksheet('Tổng hợp tiêu chí')!;
    const revenue = summary.getRows(XLSX_HEADER_ROW + 1, summary.rowCount - XLSX_HEADER_ROW)!.find((r) => r.getCell(2).value === 'Thu ngân sách nhà nước trên địa bàn')!;
    expect(revenue.values).toContain('Thiếu số liệu năm 2021–2022, 2024');
  });

  it('should count the year itself among those missing when it has no figure yet', async () => {
    const { yearSheets } = await import('../../src/reports/year-sheets.js');
    const sheets = await yearSheets(app.database.db, { campaignId: (await app.database.db.campaign.findFirstOrThrow()).id, year: 2024 });
    const rows = [];
    for await (const r of sheets.sheets.find((s) => s.name === 'Tổng hợp tiêu chí')!.rows()) rows.push(r);
    expect(rows.find((r) => r.criterion === 'Thu ngân sách nhà nước trên địa bàn')).toMatchObject({ judged: 3_700_000_000_000, verdict: 'Thiếu số liệu năm 2021–2022, 2024' });
  });
});
