import { formatDateTime, formatDay } from '../domain/format-date.js';
import type { YearSheet } from './year-sheets.js';

/**
 * Excel, LibreOffice and Sheets run a cell that starts with one of these as a formula, even
 * from a CSV file (`=HYPERLINK(...)`, `@SUM(...)`, a tab or carriage return before either).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell as a spreadsheet will show it, never run it: one that a spreadsheet would take
 * for a formula gets a leading single quote, as OWASP advises for CSV injection. Numbers and
 * dates are written by the bot, not typed by people, and stay as they are.
 */
export function neutralizeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * Which spreadsheet the file is for. `standard` (RFC 4180: commas between cells, a dot before
 * decimals) opens as is in LibreOffice, Google Sheets and Excel set to English regional
 * settings. `vn` is for Excel on a computer set to Vietnamese, whose list separator is the
 * semicolon and whose decimal mark is the comma: a standard file there opens as one column.
 */
export type TCsvVariant = 'standard' | 'vn';

/**
 * Writes rows as CSV with a byte-order mark, which is what makes Excel read the Vietnamese
 * text as UTF-8. Every text cell is neutralized: this is the one place CSV is written.
 */
export async function writeCsvRows(headers: string[], rows: AsyncIterable<unknown[]> | Iterable<unknown[]>, variant: TCsvVariant = 'standard'): Promise<Buffer> {
  const { format } = await import('@fast-csv/format');
  const chunks: Buffer[] = [Buffer.from('\uFEFF')];
  // The header row even for a sheet with no rows: a file with nothing under its headers still says what it is.
  const csv = format({ headers, alwaysWriteHeaders: true, includeEndRowDelimiter: true, delimiter: variant === 'vn' ? ';' : ',' });
  csv.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    csv.on('end', resolve);
    csv.on('error', reject);
  });
  const cell = (v: unknown) => {
    if (typeof v === 'number') return variant === 'vn' ? String(v).replace('.', ',') : v;
    return typeof v === 'string' ? neutralizeCell(v) : (v ?? '');
  };
  for await (const row of rows) csv.write(row.map(cell));
  csv.end();
  await done;
  return Buffer.concat(chunks);
}

/** One sheet of the year as CSV. Dates are written as Vietnamese readers write them. */
export async function writeCsv(sheet: YearSheet, variant: TCsvVariant = 'standard'): Promise<Buffer> {
  const withTime = new Set(sheet.columns.filter((c) => c.numFmt?.includes('hh')).map((c) => c.key));
  async function* rows() {
    for await (const row of sheet.rows()) {
      yield sheet.columns.map((c) => {
        const v = row[c.key];
        if (v instanceof Date) return withTime.has(c.key) ? formatDateTime(v) : formatDay(v);
        return v;
      });
    }
  }
  return writeCsvRows(sheet.columns.map((c) => c.header), rows(), variant);
}
