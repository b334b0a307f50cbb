import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yearCharts } from '../../src/jobs/chart-job.js';
import { barChartSvg, wrapLabel } from '../../src/reports/render-chart.js';
import { recordProgressUpdate } from '../../src/unit-reporting/record-progress-update.js';
import { createWasteReport } from '../../src/waste/create-waste-report.js';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { TelegramChat } from '../helpers/telegram-chat.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';

const vn = (s: string) => new Date(`${s}+07:00`);
const OFFICIAL = 4600;
/** The text an SVG shows, tags removed: what a reader of the PNG sees. */
const shown = (svg: string) => svg.replace(/<tspan[^>]*>/g, ' ').replace(/<[^>]+>/g, '\n').replace(/&#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c)));

describe.each(providers)('the /bieudo charts (%s)', (provider) => {
  let api: FakeTelegramApi;
  let database: TestDatabase;
  let app: TestApp;
  let campaignId: string;

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    database = await createEmptyDatabase(provider);
    app = await startTestApp({ databaseUrl: database.url, telegram: api, env: { ADMINS: `telegram:${OFFICIAL}` } });
    const { db } = app.database;
    campaignId = (await db.campaign.findFirstOrThrow()).id;
    const finance = await db.unit.findFirstOrThrow({ where: { code: 'SO_TC' } });
    const contact = await db.person.create({ data: { displayName: 'Đầu mối', roles: { create: { role: 'unit_contact', unitId: finance.id } } } });
    const criterion = await db.criterion.findFirstOrThrow({ where: { code: 'PUBLIC_INVESTMENT_DISBURSEMENT' } });
    await db.$transaction((tx) =>
      recordProgressUpdate(tx, { unitId: finance.id, criterionId: criterion.id, period: '2026', value: { number: 96.5 }, submittedById: contact.id, now: vn('2026-11-01T10:00:00') }),
    );
    // A quarter's figure entered after the year's: the chart shows the year's, as /tonghop does.
    await db.$transaction((tx) =>
      recordProgressUpdate(tx, { unitId: finance.id, criterionId: criterion.id, period: '2026-Q3', value: { number: 60 }, submittedById: contact.id, now: vn('2026-11-05T10:00:00') }),
    );
    const category = await db.wasteCategory.findFirstOrThrow({ where: { nameVi: { startsWith: 'Mua sắm, đầu tư xây dựng' } } });
    const dakMil = await db.unit.findFirstOrThrow({ where: { code: 'H_DAK_MIL' } });
    await db.$transaction(async (tx) => {
      await createWasteReport(tx, { categoryId: category.id, description: 'Xe công để không trong sân trụ sở cả năm.', photos: [], anonymous: true, localityUnitId: dakMil.id, reporterId: contact.id, now: vn('2026-03-01T10:00:00') });
      await createWasteReport(tx, { categoryId: category.id, description: 'Máy móc mua về để trong kho không dùng.', photos: [], anonymous: true, reporterId: contact.id, now: vn('2026-04-01T10:00:00') });
    });
  });
  afterAll(async () => {
    await app?.stop();
    await api?.stop();
    await database?.drop();
  });

  it('should show every unit the disbursement criterion applies to, those without a figure as missing', async () => {
    const [disbursement] = await yearCharts(app.database.db, campaignId, 2026);
    const units = await app.database.db.unit.count({ where: { active: true, kind: { code: { in: ['department', 'district'] } } } });
    expect(disbursement!.options.bars).toHaveLength(units);
    expect(disbursement!.options.bars[0]).toEqual({ label: 'Sở Tài chính', value: 96.5 });
    expect(disbursement!.options.bars.slice(1).every((b) => b.value === null)).toBe(true);
    const text = shown(barChartSvg(disbursement!.options));
    expect(text).toContain('Sở Xây dựng');
    expect(text.match(/chưa có số liệu/g)).toHaveLength(units - 1);
  });

  it('should count reports by place, as README says, every district shown and the unplaced apart', async () => {
    const place = (await yearCharts(app.database.db, campaignId, 2026)).find((c) => c.name === 'place')!;
    const districts = await app.database.db.unit.count({ where: { active: true, kind: { code: 'district' } } });
    expect(place.options.bars).toHaveLength(districts + 1);
    expect(place.options.bars).toContainEqual({ label: 'Đắk Mil', value: 1 });
    expect(place.options.bars).toContainEqual({ label: 'Đắk Song', value: 0 });
    expect(place.options.bars).toContainEqual({ label: 'Không rõ địa bàn', value: 1 });
  });

  it('should show long category names whole, on several lines', async () => {
    const category = (await yearCharts(app.database.db, campaignId, 2026)).find((c) => c.name === 'category')!;
    const svg = barChartSvg(category.options);
    expect(svg).not.toContain('…');
    const long = 'Mua sắm, đầu tư xây dựng, quản lý tài sản công';
    expect(shown(svg).replace(/\s+/g, ' ')).toContain(long);
    expect(wrapLabel(long).length).toBeGreaterThan(1);
  });

  it('should say "chưa có số liệu" on a chart of a year with no figures', async () => {
    const charts = await yearCharts(app.database.db, campaignId, 2029);
    expect(charts.map((c) => c.name)).toEqual(['disbursement', 'month', 'place', 'category']);
    for (const chart of charts) expect(shown(barChartSvg(chart.options))).toContain('Năm này chưa có số liệu');
    expect(shown(barChartSvg((await yearCharts(app.database.db, campaignId, 2026))[1]!.options))).not.toContain('Năm này chưa có số liệu');
  });

  it('should send the four charts to the official who asked', async () => {
    const official = new TelegramChat(api, OFFICIAL);
    const before = api.photos.length;
    await official.say('/bieudo 2029');
    await official.waitFor((m) => m.text.startsWith('📈 Biểu đồ năm 2029'));
    expect(api.photos.length - before).toBe(4);
  });
});
