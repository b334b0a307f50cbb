import { recordAudit } from '../audit/record-audit.js';
import { localDate, vietnamYear } from '../domain/period.js';
import { msg, type TPhotoRef } from '../flows/engine/message.js';
import { barChartSvg, svgToPng } from '../reports/render-chart.js';
import { storeFile } from '../reports/store-file.js';
import type { Tx } from '../store/db.js';
import { defineCommand } from './command.js';

async function storeChart(tx: Tx, png: Buffer, now: Date): Promise<TPhotoRef> {
  const file = await storeFile(tx, png, 'image/png');
  const attachment = await tx.attachment.create({ data: { channel: 'web', fileRef: file.id, mimeType: 'image/png', sizeBytes: png.length, createdAt: now } });
  return { attachmentId: attachment.id, channel: 'web', fileRef: file.id };
}

/** /bieudo [year]: the disbursement rate by unit against the 100% target, and citizen reports by month and area. */
export const chartCommand = defineCommand({
  names: ['bieudo', 'chart'],
  allow: ['official'],
  descriptionKey: 'commands.chart',
  menuLabelKey: 'menu.chart',
  run: async (args, ctx) => {
    const year = Number(/\d{4}/.exec(args)?.[0] ?? localDate(ctx.clock.now()).year);
    const now = ctx.clock.now();
    const disbursement = await ctx.tx.criterion.findFirst({ where: { campaignId: ctx.campaignId, code: 'PUBLIC_INVESTMENT_DISBURSEMENT' } });
    const updates = disbursement
      ? await ctx.tx.progressUpdate.findMany({ where: { criterionId: disbursement.id, year, supersededAt: null }, include: { unit: true }, orderBy: { period: 'asc' } })
      : [];
    const latest = new Map<string, { label: string; value: number }>();
    for (const u of updates) latest.set(u.unitId, { label: u.unit.shortName ?? u.unit.nameVi, value: u.valueNumber ?? 0 });
    const bars = [...latest.values()].sort((a, b) => b.value - a.value).slice(0, 30);
    const photos: TPhotoRef[] = [
      await storeChart(
        ctx.tx,
        await svgToPng(barChartSvg({ title: `Tỉ lệ giải ngân vốn đầu tư công năm ${year}`, bars, target: { value: disbursement?.targetValue ?? 100, label: 'Chỉ tiêu 100%' }, unit: '%' })),
        now,
      ),
    ];
    const reports = await ctx.tx.wasteReport.findMany({
      where: { createdAt: vietnamYear(year) },
      include: { category: true },
    });
    const byMonth = Array.from({ length: 12 }, (_, i) => ({ label: `Tháng ${i + 1}`, value: 0 }));
    const byCategory = new Map<string, number>();
    for (const r of reports) {
      byMonth[localDate(r.createdAt).month - 1]!.value++;
      byCategory.set(r.category.nameVi, (byCategory.get(r.category.nameVi) ?? 0) + 1);
    }
    photos.push(await storeChart(ctx.tx, await svgToPng(barChartSvg({ title: `Phản ánh của người dân theo tháng, năm ${year}`, bars: byMonth, unit: '' })), now));
    const categories = [...byCategory.entries()].map(([label, value]) => ({ label: label.length > 30 ? `${label.slice(0, 29)}…` : label, value })).sort((a, b) => b.value - a.value);
    photos.push(await storeChart(ctx.tx, await svgToPng(barChartSvg({ title: `Phản ánh theo lĩnh vực, năm ${year}`, bars: categories, unit: '' })), now));
    await recordAudit(ctx.tx, { actorId: ctx.person.id, action: 'chart', details: { year }, at: now });
    return { replies: [{ lines: [msg('chart.ready', { year })], photos }] };
  },
});
