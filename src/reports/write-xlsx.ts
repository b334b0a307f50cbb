import { PassThrough } from 'node:stream';
import { formatDay } from '../domain/format-date.js';
import { VIETNAM_UTC_OFFSET_MS } from '../domain/period.js';
import type { SheetRow, YearSheet } from './year-sheets.js';

/** What heads every sheet, as on an office's paper: who issues it, what it is, when it was made. */
export interface XlsxHeading {
  /** "Ủy ban nhân dân tỉnh Đắk Nông"; left out when the campaign file names none. */
  issuerVi?: string | null;
  /** "Ban Thi đua - Khen thưởng …". */
  authorityVi?: string | null;
  campaignVi: string;
  year: number;
  madeAt: Date;
}

/** The row of column headers; the title block is above it, the data below. */
export const XLSX_HEADER_ROW = 8;
const STT_KEY = '__stt';
const BORDER = { style: 'thin', color: { argb: 'FF808080' } } as const;
const BORDERS = { top: BORDER, left: BORDER, bottom: BORDER, right: BORDER };
const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E2F3' } } as const;

/**
 * Excel has no time zones: a cell shows the date as written. Dates are written as Vietnam's
 * wall-clock time, so a report sent at 09:00 in Gia Nghĩa reads 09:00, not 02:00.
 */
function cellValue(value: SheetRow[string]) {
  return value instanceof Date ? new Date(value.getTime() + VIETNAM_UTC_OFFSET_MS) : value;
}

function columnLetter(index: number): string {
  let s = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * Writes sheets as one .xlsx file, streaming: each row is committed as it is written, so a
 * year of 50,000 citizen reports never sits in memory as a workbook model. Each sheet is a
 * document an office can file: a title block, numbered rows (STT), a filled and bordered
 * header that repeats on every printed page, a filter, frozen panes, and landscape A4 pages
 * as wide as the table (as many pages down as it takes).
 */
export async function writeXlsx(sheets: YearSheet[], heading: XlsxHeading, progress: (rows: number) => Promise<void> = async () => {}): Promise<Buffer> {
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
    const columns = [{ header: 'STT', key: STT_KEY, width: 6 }, ...sheet.columns];
    const last = columnLetter(columns.length);
    const ws = workbook.addWorksheet(sheet.name, {
      views: [{ state: 'frozen', ySplit: XLSX_HEADER_ROW, xSplit: 0 }],
      pageSetup: {
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        horizontalCentered: true,
        printTitlesRow: `${XLSX_HEADER_ROW}:${XLSX_HEADER_ROW}`,
        margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
      },
      headerFooter: { oddFooter: `&L${sheet.title ?? sheet.name} năm ${heading.year}&RTrang &P/&N` },
    });
    ws.autoFilter = `A${XLSX_HEADER_ROW}:${last}${XLSX_HEADER_ROW}`;
    // Keys and widths only: the header row is written below the title block, not in row 1.
    ws.columns = columns.map((c) => ({ key: c.key, width: c.width, ...('numFmt' in c && c.numFmt ? { style: { numFmt: c.numFmt } } : {}) }));

    const blockEnd = columnLetter(Math.min(3, columns.length));
    const line = (row: number, text: string, font: Partial<import('exceljs').Font>, to: string, height?: number) => {
      const r = ws.getRow(row);
      r.getCell(1).value = text;
      r.getCell(1).font = font;
      r.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      if (height) r.height = height;
      ws.mergeCells(`A${row}:${to}${row}`);
      r.commit();
    };
    if (heading.issuerVi) line(1, heading.issuerVi.toUpperCase(), { size: 11 }, blockEnd);
    line(2, (heading.authorityVi ?? 'Ban Thi đua - Khen thưởng').toUpperCase(), { bold: true, size: 11 }, blockEnd);
    line(4, `${(sheet.title ?? sheet.name).toUpperCase()} NĂM ${heading.year}`, { bold: true, size: 14 }, last, 22);
    line(5, heading.campaignVi, { italic: true, size: 11 }, last, 32);
    line(6, `Lập ngày ${formatDay(heading.madeAt)}`, { italic: true, size: 10 }, last);

    const header = ws.getRow(XLSX_HEADER_ROW);
    columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = c.header;
      cell.font = { bold: true };
      cell.fill = HEADER_FILL;
      cell.border = BORDERS;
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    });
    header.height = 32;
    header.commit();

    const wrapped = new Set(sheet.columns.filter((c) => c.wrap).map((c) => c.key));
    let stt = 0;
    for await (const values of sheet.rows()) {
      const row = ws.addRow({ [STT_KEY]: ++stt, ...Object.fromEntries(Object.entries(values).map(([k, v]) => [k, cellValue(v)])) });
      for (const c of columns) {
        const cell = row.getCell(c.key);
        // "#,##0.##" leaves a bare decimal mark after a number that rounds to a whole one in
        // Excel ("105,"): a whole number gets no decimals, any other at least one.
        if ('numFmt' in c && c.numFmt?.endsWith('.##') && typeof cell.value === 'number') {
          cell.numFmt = Number.isInteger(cell.value) ? c.numFmt.slice(0, -3) : `${c.numFmt.slice(0, -3)}.0##`;
        }
        cell.border = BORDERS;
        cell.alignment = c.key === STT_KEY ? { horizontal: 'center', vertical: 'top' } : { vertical: 'top', wrapText: wrapped.has(c.key) };
      }
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
