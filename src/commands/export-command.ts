import { recordAudit } from '../audit/record-audit.js';
import { localDate } from '../domain/period.js';
import { msg, reply, type TReply } from '../flows/engine/message.js';
import { buildYearWorkbook } from '../reports/build-year-workbook.js';
import { storeFile } from '../reports/store-file.js';
import { defineCommand } from './command.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** /xuat [year] [csv]: the year's Excel workbook, or its main sheets as CSV files. */
export const exportCommand = defineCommand({
  names: ['xuat', 'export'],
  allow: ['official'],
  descriptionKey: 'commands.export',
  menuLabelKey: 'menu.export',
  run: async (args, ctx) => {
    const words = args.toLowerCase().split(/\s+/).filter(Boolean);
    const year = Number(words.find((w) => /^\d{4}$/.test(w)) ?? localDate(ctx.clock.now()).year);
    const csv = words.includes('csv');
    const workbook = await buildYearWorkbook(ctx.tx, { campaignId: ctx.campaignId, year });
    const replies: TReply[] = [];
    if (csv) {
      for (const [sheetName, file] of [['Số liệu tiến độ', `so-lieu-${year}.csv`], ['Phản ánh', `phan-anh-${year}.csv`], ['Đơn vị', `don-vi-${year}.csv`]] as const) {
        // A byte-order mark lets Excel read the Vietnamese text as UTF-8.
        const data = Buffer.concat([Buffer.from('\uFEFF'), Buffer.from(await workbook.csv.writeBuffer({ sheetName }))]);
        const stored = await storeFile(ctx.tx, data, 'text/csv');
        replies.push({ lines: [msg('export.csvReady', { name: file })], document: { storedFileId: stored.id, fileName: file, mimeType: 'text/csv' } });
      }
    } else {
      const data = Buffer.from(await workbook.xlsx.writeBuffer());
      const fileName = `thi-dua-${year}.xlsx`;
      const stored = await storeFile(ctx.tx, data, XLSX);
      replies.push({ lines: [msg('export.ready', { year, name: fileName })], document: { storedFileId: stored.id, fileName, mimeType: XLSX } });
    }
    await recordAudit(ctx.tx, { actorId: ctx.person.id, action: 'export', details: { year, format: csv ? 'csv' : 'xlsx' }, at: ctx.clock.now() });
    return { replies };
  },
});
