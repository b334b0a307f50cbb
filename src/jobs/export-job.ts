import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.js';
import { msg, type TReply } from '../core/message.js';
import { writeCsv } from '../reports/write-csv.js';
import { writeXlsx } from '../reports/write-xlsx.js';
import { yearSheets } from '../reports/year-sheets.js';
import { storeFile } from '../reports/store-file.js';
import { defineJob } from './job.js';
import { ZJobYear } from './job-year.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV_SHEETS = [
  ['Số liệu tiến độ', 'so-lieu'],
  ['Phản ánh', 'phan-anh'],
  ['Đơn vị', 'don-vi'],
] as const;

/** The year's Excel workbook, or its main sheets as CSV files, for /xuat. */
export const exportJob = defineJob({
  kind: 'export',
  args: z.object({ year: ZJobYear, format: z.enum(['xlsx', 'csv', 'csv-vn']) }),
  activity: 'document',
  progressKey: 'export.progress',
  actsFor: 'official',
  run: async ({ year, format }, ctx) => {
    const { sheets, rowCount, campaignId: yearCampaignId } = await yearSheets(ctx.db, { campaignId: ctx.campaignId, year });
    const files: { data: Buffer; fileName: string; mimeType: string; line: TReply['lines'][number] }[] = [];
    if (format !== 'xlsx') {
      const variant = format === 'csv-vn' ? 'vn' : 'standard';
      for (const [index, [sheetName, stem]] of CSV_SHEETS.entries()) {
        const fileName = `${stem}-${year}${variant === 'vn' ? '-excel-vn' : ''}.csv`;
        const data = await writeCsv(sheets.find((s) => s.name === sheetName)!, variant);
        await ctx.progress(index + 1, CSV_SHEETS.length);
        files.push({ data, fileName, mimeType: 'text/csv', line: msg('export.csvReady', { name: fileName }) });
      }
    } else {
      const fileName = `thi-dua-${year}.xlsx`;
      // Today's office issues the document; the campaign named is the one the year ran under.
      const campaign = await ctx.db.campaign.findUniqueOrThrow({ where: { id: ctx.campaignId } });
      const ofYear = yearCampaignId === campaign.id ? campaign : await ctx.db.campaign.findUniqueOrThrow({ where: { id: yearCampaignId } });
      const heading = { issuerVi: campaign.issuerVi, authorityVi: campaign.authorityVi, campaignVi: ofYear.nameVi, year, madeAt: ctx.clock.now() };
      const data = await writeXlsx(sheets, heading, (rows) => ctx.progress(rows, rowCount));
      files.push({ data, fileName, mimeType: XLSX, line: msg('export.ready', { year, name: fileName }) });
    }
    return async (tx) => {
      const replies: TReply[] = [];
      for (const file of files) {
        const stored = await storeFile(tx, file.data, file.mimeType);
        replies.push({ lines: [file.line], document: { storedFileId: stored.id, fileName: file.fileName, mimeType: file.mimeType } });
      }
      await recordAudit(tx, { actorId: ctx.person.id, action: 'export', details: { year, format }, at: ctx.clock.now() });
      return replies;
    };
  },
});
