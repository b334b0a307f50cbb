import { PassThrough } from 'node:stream';
import { VIETNAM_UTC_OFFSET_MS } from '../domain/period.js';
import type { SheetRow, YearSheet } from './year-sheets.js';

/**
 * Excel has no time zones: a cell shows the date as written. Dates are written as Vietnam's
 * wall-clock time, so a report sent at 09:00 in Gia Nghĩa reads 09:00, not 02:00.
 */
function cellValue(value: SheetRow[string]) {
  return value instanceof Date ? new Date(value.getTime() + VIETNAM_UTC_OFFSET_MS) : value;
}

/**
 * Writes sheets as one .xlsx file, streaming: each row is committed as it is written, so a
 * year of 50,000 citizen reports never sits in memory as a workbook model. Headers are bold,
 * frozen and wrapped; columns keep their widths and number formats.
 */
export async function writeXlsx(sheets: YearSheet[], progress: (rows: number) => Promise<void> = async () => {}): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  // Loaded on first use: exceljs weighs some 40 MB that an idle bot need not carry.
  const { default: ExcelJS } = await import('exceljs');
  // Inline strings rather than a shared-string table: the table would hold every text in memory.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Thi Đua Bot';
  let written = 0;
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = sheet.columns.map((c) => ({ header: c.header, key: c.key, width: c.width, ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}) }));
    const header = ws.getRow(1);
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', wrapText: true };
    const wrapped = sheet.columns.filter((c) => c.wrap).map((c) => c.key);
    for await (const values of sheet.rows()) {
      const row = ws.addRow(Object.fromEntries(Object.entries(values).map(([k, v]) => [k, cellValue(v)])));
      for (const key of wrapped) row.getCell(key).alignment = { wrapText: true, vertical: 'top' };
      row.commit();
      if (++written % 1_000 === 0) await progress(written);
    }
    ws.commit();
  }
  await workbook.commit();
  await finished;
  await progress(written);
  return Buffer.concat(chunks);
}
