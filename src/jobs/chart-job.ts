import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.js';
import { localDate, vietnamYear } from '../domain/period.js';
import { msg, type TPhotoRef } from '../flows/engine/message.js';
import { barChartSvg, svgToPng } from '../reports/render-chart.js';
import { storeFile } from '../reports/store-file.js';
import type { Db } from '../store/db.js';
import { defineJob } from './job.js';
import { loadTargetsForYear } from '../campaign/criterion-targets.js';

const CHARTS = 3;

async function disbursementChart(db: Db, campaignId: string, year: number): Promise<Buffer> {
  const disbursement = await db.criterion.findFirst({ where: { campaignId, code: 'PUBLIC_INVESTMENT_DISBURSEMENT' } });
  const updates = disbursement
    ? await db.progressUpdate.findMany({ where: { criterionId: disbursement.id, year, supersededAt: null }, include: { unit: true }, orderBy: { period: 'asc' } })
    : [];
  const latest = new Map<string, { label: string; value: number }>();
  for (const u of updates) latest.set(u.unitId, { label: u.unit.shortName ?? u.unit.nameVi, value: u.valueNumber ?? 0 });
  const bars = [...latest.values()].sort((a, b) => b.value - a.value).slice(0, 30);
  // The line is the target of the year's phase; a phase without one draws none.
  const target = disbursement ? (await loadTargetsForYear(db, campaignId, year))(disbursement.id).targetValue : null;
  const label = target === null ? '' : `Chỉ tiêu ${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(target)}%`;
  return svgToPng(barChartSvg({ title: `Tỉ lệ giải ngân vốn đầu tư công năm ${year}`, bars, ...(target === null ? {} : { target: { value: target, label } }), unit: '%' }));
}

/** Citizen reports of the year counted by month and by area, without loading the reports themselves. */
async function reportCounts(db: Db, year: number) {
  const rows = await db.wasteReport.findMany({ where: { createdAt: vietnamYear(year) }, select: { createdAt: true, categoryId: true } });
  const byMonth = Array.from({ length: 12 }, (_, i) => ({ label: `Tháng ${i + 1}`, value: 0 }));
  const byCategoryId = new Map<string, number>();
  for (const r of rows) {
    byMonth[localDate(r.createdAt).month - 1]!.value++;
    byCategoryId.set(r.categoryId, (byCategoryId.get(r.categoryId) ?? 0) + 1);
  }
  const names = new Map((await db.wasteCategory.findMany({ select: { id: true, nameVi: true } })).map((c) => [c.id, c.nameVi]));
  const byCategory = [...byCategoryId.entries()]
    .map(([id, value]) => {
      const label = names.get(id) ?? id;
      return { label: label.length > 30 ? `${label.slice(0, 29)}…` : label, value };
    })
    .sort((a, b) => b.value - a.value);
  return { byMonth, byCategory };
}

/** /bieudo: the disbursement rate by unit against the 100% target, and citizen reports by month and area. */
export const chartJob = defineJob({
  kind: 'chart',
  args: z.object({ year: z.number().int().min(2000).max(2100) }),
  activity: 'photo',
  progressKey: 'chart.progress',
  actsFor: 'official',
  run: async ({ year }, ctx) => {
    const pngs: Buffer[] = [await disbursementChart(ctx.db, ctx.campaignId, year)];
    await ctx.progress(1, CHARTS);
    const { byMonth, byCategory } = await reportCounts(ctx.db, year);
    pngs.push(await svgToPng(barChartSvg({ title: `Phản ánh của người dân theo tháng, năm ${year}`, bars: byMonth, unit: '' })));
    await ctx.progress(2, CHARTS);
    pngs.push(await svgToPng(barChartSvg({ title: `Phản ánh theo lĩnh vực, năm ${year}`, bars: byCategory, unit: '' })));
    await ctx.progress(3, CHARTS);
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
