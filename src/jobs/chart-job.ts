import { latestPerUnit } from '../unit-reporting/latest-per-unit.js';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.js';
import { localDate, vietnamYear } from '../domain/period.js';
import { msg, type TPhotoRef } from '../core/message.js';
import { barChartSvg, svgToPng, type BarChartOptions } from '../reports/render-chart.js';
import { storeFile } from '../reports/store-file.js';
import type { Db } from '../store/db.js';
import { defineJob } from './job.js';
import { ZJobYear } from './job-year.js';
import { formatMeasureValue } from '../domain/measure-value.js';
import { loadTargetsForYear } from '../campaign/criterion-targets.js';
import { findUnitsOfYear } from '../units/find-units-of-year.js';

const disbursementCode = 'PUBLIC_INVESTMENT_DISBURSEMENT';

export interface ChartSpec {
  name: 'disbursement' | 'month' | 'place' | 'category';
  options: BarChartOptions;
}

/**
 * The disbursement rate of every unit of the year the criterion applies to, those with no
 * figure shown as missing: a past year shows the units of its time.
 */
async function disbursementChart(db: Db, runningCampaignId: string, year: number): Promise<ChartSpec> {
  const ofYear = await findUnitsOfYear(db, { campaignId: runningCampaignId, year });
  const { campaignId } = ofYear;
  const disbursement = await db.criterion.findFirst({ where: { campaignId, code: disbursementCode }, include: { audience: { include: { unitKind: true } } } });
  const updates = disbursement
    ? await db.progressUpdate.findMany({ where: { criterion: { code: disbursementCode, campaignId: { in: ofYear.campaignIds } }, year, supersededAt: null } })
    : [];
  // Each unit's figure that speaks for the year, as /tonghop reads it (see compareFigures).
  const latest = new Map([...latestPerUnit(updates)].map(([unitId, u]) => [unitId, u.valueNumber ?? 0]));
  const units = disbursement
    ? await db.unit.findMany({ where: { ...ofYear.unitWhere, kind: { code: { in: disbursement.audience.map((a) => a.unitKind.code) } } }, orderBy: { sortOrder: 'asc' } })
    : [];
  const bars = units
    .map((u) => ({ label: u.shortName ?? u.nameVi, value: latest.get(u.id) ?? null }))
    // Highest first; the units still missing a figure after them, in the catalogue's order.
    .sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity));
  // The line is the target of the year's phase; a phase without one draws none.
  const target = disbursement ? (await loadTargetsForYear(db, campaignId, year))(disbursement.id).targetValue : null;
  const label = target === null ? '' : `Chỉ tiêu ${formatMeasureValue('percent', { number: target }).vi}`;
  return { name: 'disbursement', options: { title: `Tỉ lệ giải ngân vốn đầu tư công năm ${year}`, bars, ...(target === null ? {} : { target: { value: target, label } }), unit: '%' } };
}

/**
 * Citizen reports of the year counted by month, by place (the district or town named in the
 * report, as README says "by area") and by category, reading only the fields counted.
 */
async function reportCharts(db: Db, runningCampaignId: string, year: number): Promise<ChartSpec[]> {
  const ofYear = await findUnitsOfYear(db, { campaignId: runningCampaignId, year });
  const { campaignId } = ofYear;
  // Another movement's charts do not count the main one's citizens' reports (see summarizeYear).
  const otherMovements = await db.wasteCategory.count({ where: { campaignId: { notIn: ofYear.campaignIds } } });
  const rows = await db.wasteReport.findMany({
    where: { createdAt: vietnamYear(year), ...(otherMovements ? { category: { campaignId: { in: ofYear.campaignIds } } } : {}) },
    select: { createdAt: true, categoryId: true, localityUnitId: true },
  });
  const byMonth = Array.from({ length: 12 }, (_, i) => ({ label: `Tháng ${i + 1}`, value: 0 }));
  const byCategoryId = new Map<string, number>();
  const byPlaceId = new Map<string | null, number>();
  for (const r of rows) {
    byMonth[localDate(r.createdAt).month - 1]!.value++;
    byCategoryId.set(r.categoryId, (byCategoryId.get(r.categoryId) ?? 0) + 1);
    byPlaceId.set(r.localityUnitId, (byPlaceId.get(r.localityUnitId) ?? 0) + 1);
  }
  // The year's places (the unit kinds the campaign file marks as a report's place: districts
  // before 2025, communes and wards after), and any other unit of the time a report names.
  const named = [...byPlaceId.keys()].filter((id): id is string => id !== null);
  const places = await db.unit.findMany({ where: { AND: [ofYear.unitWhere, { OR: [{ kind: { place: true } }, { id: { in: named } }] }] }, orderBy: { sortOrder: 'asc' } });
  const byPlace = [
    // Every place, those without a report at 0: a place with none is news too.
    ...places.map((p) => ({ label: p.shortName ?? p.nameVi, value: byPlaceId.get(p.id) ?? 0 })),
    ...(byPlaceId.get(null) ? [{ label: 'Không rõ địa bàn', value: byPlaceId.get(null)! }] : []),
  ];
  const categories = await db.wasteCategory.findMany({ where: { campaignId }, orderBy: { sortOrder: 'asc' } });
  const byCategory = categories
    .filter((c) => c.active || byCategoryId.has(c.id))
    .map((c) => ({ label: c.nameVi, value: byCategoryId.get(c.id) ?? 0 }))
    .sort((a, b) => b.value - a.value);
  // No report in the year: the charts say so rather than draw rows of zeros.
  const counted = <T>(bars: T[]) => (rows.length ? bars : []);
  return [
    { name: 'month', options: { title: `Phản ánh của người dân theo tháng, năm ${year}`, bars: counted(byMonth), unit: '' } },
    { name: 'place', options: { title: `Phản ánh theo địa bàn (huyện, thành phố), năm ${year}`, bars: counted(byPlace), unit: '' } },
    { name: 'category', options: { title: `Phản ánh theo lĩnh vực, năm ${year}`, bars: counted(byCategory), unit: '' } },
  ];
}

/** What /bieudo draws, as data: the job renders each to a PNG. */
export async function yearCharts(db: Db, campaignId: string, year: number): Promise<ChartSpec[]> {
  return [await disbursementChart(db, campaignId, year), ...(await reportCharts(db, campaignId, year))];
}

/** /bieudo: the disbursement rate by unit against the year's target, and citizen reports by month, place and category. */
export const chartJob = defineJob({
  kind: 'chart',
  args: z.object({ year: ZJobYear }),
  activity: 'photo',
  progressKey: 'chart.progress',
  actsFor: 'official',
  run: async ({ year }, ctx) => {
    const charts = await yearCharts(ctx.db, ctx.campaignId, year);
    const pngs: Buffer[] = [];
    for (const chart of charts) {
      pngs.push(await svgToPng(barChartSvg(chart.options)));
      await ctx.progress(pngs.length, charts.length);
    }
    return async (tx) => {
      const now = ctx.clock.now();
      const photos: TPhotoRef[] = [];
      for (const png of pngs) {
        const file = await storeFile(tx, png, 'image/png');
        const attachment = await tx.attachment.create({ data: { channel: 'web', fileRef: file.id, mimeType: 'image/png', sizeBytes: png.length, createdAt: now } });
        photos.push({ attachmentId: attachment.id, channel: 'web', fileRef: file.id });
      }
      await recordAudit(tx, { actorId: ctx.person.id, action: 'chart', details: { year }, at: now });
      return [{ lines: [msg('chart.ready', { year })], photos }];
    };
  },
});
