import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeWasteStatus } from '../../src/waste/change-waste-status.js';
import { createWasteReport } from '../../src/waste/create-waste-report.js';
import type { TMeasureValue } from '../../src/domain/measure-value.js';
import { recordProgressUpdate } from '../../src/unit-reporting/record-progress-update.js';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { TelegramChat } from '../helpers/telegram-chat.js';
import { TestClock } from '../helpers/test-clock.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';

const vn = (s: string) => new Date(`${s}+07:00`);
const OFFICIAL = 4500;

describe.each(providers)('/tonghop against a hand-computed fixture (%s)', (provider) => {
  let api: FakeTelegramApi;
  let database: TestDatabase;
  let app: TestApp;
  const clock = new TestClock(vn('2026-12-20T09:00:00'));

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    database = await createEmptyDatabase(provider);
    app = await startTestApp({ databaseUrl: database.url, telegram: api, clock, env: { ADMINS: `telegram:${OFFICIAL}` } });
    const { db } = app.database;
    const unit = (code: string) => db.unit.findFirstOrThrow({ where: { code } });
    const criterion = (code: string) => db.criterion.findFirstOrThrow({ where: { code } });
    const who = await db.person.create({ data: { displayName: 'Đầu mối' } });
    const figure = async (unitCode: string, criterionCode: string, value: number | TMeasureValue) => {
      const [u, c] = [await unit(unitCode), await criterion(criterionCode)];
      await db.$transaction((tx) => recordProgressUpdate(tx, { unitId: u.id, criterionId: c.id, period: '2026', value: typeof value === 'number' ? { number: value } : value, submittedById: who.id, now: vn('2026-11-01T10:00:00') }));
    };
    await figure('SO_KHDT', 'PUBLIC_INVESTMENT_DISBURSEMENT', 95);
    await figure('H_DAK_MIL', 'PUBLIC_INVESTMENT_DISBURSEMENT', 102);
    await figure('SO_KHDT', 'RECURRENT_SPENDING_SHARE', 61);
    await figure('H_DAK_MIL', 'RECURRENT_SPENDING_SHARE', 65);
    await figure('SO_TC', 'BUDGET_REVENUE', 19_000_000_000_000);
    // One criterion of every other measure kind: a count, yes/no, a date and free text.
    await figure('SO_KHDT', 'KEY_PROJECTS_ON_SCHEDULE', 4);
    await figure('H_DAK_MIL', 'KEY_PROJECTS_ON_SCHEDULE', 6);
    await figure('SO_KHDT', 'THRIFT_PROGRAMME_ISSUED', { bool: true });
    await figure('H_DAK_MIL', 'THRIFT_PROGRAMME_ISSUED', { bool: false });
    await figure('SO_KHDT', 'STATE_PROPERTY_REARRANGEMENT', { date: '2026-03-15' });
    await figure('H_DAK_MIL', 'STATE_PROPERTY_REARRANGEMENT', { date: '2026-09-30' });
    await figure('SO_KHDT', 'DIGITAL_TRANSFORMATION', { text: 'Đã số hoá 80% hồ sơ lưu trữ' });
    await db.annualReport.create({ data: { unitId: (await unit('SO_TC')).id, year: 2026, state: 'submitted', version: 1, number: 'BC-2026-SO_TC-01', submittedAt: vn('2026-12-10T10:00:00') } });
    await db.annualReport.create({ data: { unitId: (await unit('H_DAK_MIL')).id, year: 2026, state: 'accepted', version: 1, number: 'BC-2026-H_DAK_MIL-01', submittedAt: vn('2026-12-17T10:00:00') } });
    const other = await db.wasteCategory.findFirstOrThrow({ where: { code: 'other' } });
    const land = await db.wasteCategory.findFirstOrThrow({ where: { code: 'land_resources' } });
    const citizen = await db.person.create({ data: { displayName: 'Dân' } });
    await db.$transaction(async (tx) => {
      await createWasteReport(tx, { categoryId: other.id, description: 'Một phản ánh đang chờ xử lý ở xã.', photos: [], anonymous: true, reporterId: citizen.id, now: vn('2026-03-01T10:00:00') });
      const a = await createWasteReport(tx, { categoryId: land.id, description: 'Đất công bỏ hoang đã được xử lý.', photos: [], anonymous: true, reporterId: citizen.id, now: vn('2026-04-01T10:00:00') });
      const b = await createWasteReport(tx, { categoryId: land.id, description: 'Đất công thứ hai bỏ hoang đã xử lý.', photos: [], anonymous: true, reporterId: citizen.id, now: vn('2026-05-01T10:00:00') });
      const official = { tx, clock: new TestClock(vn('2026-04-05T10:00:00')), notify: async () => {} };
      expect(await changeWasteStatus(official, { reportId: a.id, to: 'resolved', actorId: null })).toMatchObject({ ok: true });
      official.clock.set(vn('2026-05-07T10:00:00'));
      expect(await changeWasteStatus(official, { reportId: b.id, to: 'resolved', actorId: null })).toMatchObject({ ok: true });
    });
  });
  afterAll(async () => {
    await app?.stop();
    await api?.stop();
    await database?.drop();
  });

  it('should give the figures computed by hand', async () => {
    const official = new TelegramChat(api, OFFICIAL);
    const text = TelegramChat.text(await official.say('/tonghop 2026'));
    // 13 departments + 8 districts + 6 organisations; Đắk Mil submitted after 15/12.
    expect(text).toContain('Báo cáo năm: 2/27 đơn vị đã nộp (1 đúng hạn).');
    // Mean of 95% and 102%, against 100%.
    expect(text).toContain('Giải ngân kế hoạch vốn đầu tư công được giao: 98,5% — ⏳ chưa đạt chỉ tiêu (2 đơn vị); cao nhất Đắk Mil 102%; thấp nhất Sở KH&ĐT 95%');
    // Lower is better: mean 63% is within the plan's 62–63%; 61% is the best.
    expect(text).toContain('Tỉ trọng chi thường xuyên trong tổng chi ngân sách nhà nước: 63% — ✅ đạt chỉ tiêu (2 đơn vị); cao nhất Sở KH&ĐT 61%; thấp nhất Đắk Mil 65%');
    expect(text).toContain('Thu ngân sách nhà nước trên địa bàn: 19.000 tỷ đồng — ✅ đạt chỉ tiêu (1 đơn vị)');
    // A count is summed, with no target to compare against.
    expect(text).toContain('Dự án hạ tầng trọng điểm hoàn thành đúng hoặc vượt tiến độ: 10 dự án — không có chỉ tiêu để so sánh (2 đơn vị); cao nhất Đắk Mil 6 dự án; thấp nhất Sở KH&ĐT 4 dự án');
    // Yes/no holds for the province only when every unit says yes: Đắk Mil has not issued its programme.
    expect(text).toContain('Ban hành Chương trình thực hành tiết kiệm, chống lãng phí hằng năm: Không — ⏳ chưa đạt chỉ tiêu (2 đơn vị)');
    // A date is the last unit's: completed 30/09/2026, after the plan's 2025.
    expect(text).toContain('Hoàn thành sắp xếp lại, xử lý nhà, đất thuộc sở hữu nhà nước: 30/09/2026 — ⏳ chưa đạt chỉ tiêu (2 đơn vị)');
    // Free text cannot be added up: the digest says how many units reported.
    expect(text).toContain('Kết quả triển khai Chương trình chuyển đổi số: 1 đơn vị đã báo cáo');
    expect(text).toContain('▫️ GRDP bình quân đầu người: chưa có số liệu');
    expect(text).toContain('Phản ánh của người dân trong năm: 3');
    expect(text).toContain('Đã tiếp nhận: 1; Đã xử lý xong: 2');
    // Handled in 4 and 6 days.
    expect(text).toContain('Thời gian xử lý (trung vị): 5 ngày');
    // Only the finance department met all its targets and reported on time.
    expect(text).toContain('• Sở Tài chính — Bằng khen của Chủ tịch UBND tỉnh');
    expect(text).not.toContain('• Đắk Mil —');
  });

  it('should draw charts as PNG images of a sensible size', async () => {
    const official = new TelegramChat(api, OFFICIAL);
    const before = api.photos.length;
    // The turn only acknowledges; the charts are drawn after it and follow.
    expect(TelegramChat.text(await official.say('/bieudo 2026'))).toContain('Đang vẽ biểu đồ năm 2026');
    await official.waitFor((m) => m.text.startsWith('📈 Biểu đồ năm 2026'));
    expect(api.photos.length - before).toBe(4);
    const files = await app.database.db.storedFile.findMany({ where: { mimeType: 'image/png' } });
    expect(files).toHaveLength(4);
    for (const f of files) {
      const png = Buffer.from(f.data);
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
      expect(width).toBe(900);
      expect(height).toBeGreaterThan(100);
      expect(height).toBeLessThan(2000);
      expect(png.length).toBeGreaterThan(3000);
    }
  });

  it('should narrow to a unit or an area', async () => {
    const official = new TelegramChat(api, OFFICIAL);
    const unit = TelegramChat.text(await official.say('/tonghop 2026 H_DAK_MIL'));
    expect(unit).toContain('Báo cáo năm: 1/1 đơn vị đã nộp (0 đúng hạn).');
    const area = TelegramChat.text(await official.say('/tonghop 2026 finance'));
    expect(area).toContain('Tổng hợp năm 2026 — Kiểm soát giải ngân; tiết kiệm, chống lãng phí');
    expect(area).not.toContain('Giải ngân kế hoạch vốn');
    expect(TelegramChat.text(await official.say('/tonghop 2026 khong_co'))).toContain('Không tìm thấy đơn vị hoặc lĩnh vực');
  });
});
