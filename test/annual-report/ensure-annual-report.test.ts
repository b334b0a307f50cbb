import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAnnualReport } from '../../src/annual-report/ensure-annual-report.js';
import { loadCampaign } from '../../src/campaign/load-campaign.js';
import { readCampaignFile } from '../../src/campaign/read-campaign-file.js';
import { DEFAULT_CAMPAIGN_FILE } from '../../src/config.js';
import type { Db } from '../../src/store/db.js';
import { recordProgressUpdate } from '../../src/unit-reporting/record-progress-update.js';
import { TestClock } from '../helpers/test-clock.js';
import { createMigratedDatabase, providers, type TestDatabase } from '../helpers/test-database.js';

const vn = (s: string) => new Date(`${s}+07:00`);

describe.each(providers)('ensureAnnualReport (%s)', (provider) => {
  let testDb: TestDatabase & { database: { db: Db } };
  const clock = new TestClock(vn('2026-12-05T09:00:00'));

  beforeAll(async () => {
    testDb = await createMigratedDatabase(provider);
    await loadCampaign({ db: testDb.database.db, source: readCampaignFile(DEFAULT_CAMPAIGN_FILE), clock });
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it('should fill the draft from the year\'s own figure, not a quarter\'s entered after it', async () => {
    const { db } = testDb.database;
    const unit = await db.unit.findFirstOrThrow({ where: { code: 'SO_TC' } });
    const savings = await db.criterion.findFirstOrThrow({ where: { code: 'THRIFT_SAVINGS' } });
    const contact = await db.person.create({ data: { displayName: 'Đầu mối' } });
    const figure = (period: string, number: number, at: string) =>
      db.$transaction((tx) => recordProgressUpdate(tx, { unitId: unit.id, criterionId: savings.id, period, value: { number }, submittedById: contact.id, now: vn(at) }));
    await figure('2026-Q1', 300_000_000, '2026-04-05T10:00:00');
    await figure('2026', 1_500_000_000, '2026-11-20T10:00:00');
    await figure('2026-Q3', 100_000_000, '2026-12-01T10:00:00');

    const report = await db.$transaction((tx) => ensureAnnualReport(tx, { unitId: unit.id, year: 2026, now: clock.now() }));
    const thrift = await db.annualReportSection.findUniqueOrThrow({ where: { reportId_sectionCode: { reportId: report.id, sectionCode: 'thrift' } } });
    expect(thrift.content).toContain('1,5 tỷ đồng (Năm 2026)');
    expect(thrift.content).not.toContain('Quý');
    expect(JSON.parse(thrift.dataJson)).toMatchObject({ savingsVnd: 1_500_000_000 });
  });

  it('should fill it from a later quarter\'s figure when the year\'s was given early in the year', async () => {
    const { db } = testDb.database;
    const unit = await db.unit.findFirstOrThrow({ where: { code: 'SO_XD' } });
    const savings = await db.criterion.findFirstOrThrow({ where: { code: 'THRIFT_SAVINGS' } });
    const contact = await db.person.create({ data: { displayName: 'Đầu mối' } });
    const figure = (period: string, number: number, at: string) =>
      db.$transaction((tx) => recordProgressUpdate(tx, { unitId: unit.id, criterionId: savings.id, period, value: { number }, submittedById: contact.id, now: vn(at) }));
    // "Năm 2026" chosen in April tells of April; the third quarter's, in October, of more.
    await figure('2026', 200_000_000, '2026-04-10T10:00:00');
    await figure('2026-Q3', 700_000_000, '2026-10-05T10:00:00');
    const report = await db.$transaction((tx) => ensureAnnualReport(tx, { unitId: unit.id, year: 2026, now: clock.now() }));
    const thrift = await db.annualReportSection.findUniqueOrThrow({ where: { reportId_sectionCode: { reportId: report.id, sectionCode: 'thrift' } } });
    expect(JSON.parse(thrift.dataJson)).toMatchObject({ savingsVnd: 700_000_000 });
  });
});
