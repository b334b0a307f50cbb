import { formatDateTime, formatDay } from '../domain/format-date.js';
import type { YearSheet } from './year-sheets.js';

/**
 * Writes one sheet as CSV with a byte-order mark, which is what makes Excel read the
 * Vietnamese text as UTF-8. Dates are written as Vietnamese readers write them.
 */
export async function writeCsv(sheet: YearSheet): Promise<Buffer> {
  const { format } = await import('@fast-csv/format');
  const chunks: Buffer[] = [Buffer.from('\uFEFF')];
  const csv = format({ headers: sheet.columns.map((c) => c.header), includeEndRowDelimiter: true });
  csv.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    csv.on('end', resolve);
    csv.on('error', reject);
  });
  const withTime = new Set(sheet.columns.filter((c) => c.numFmt?.includes('hh')).map((c) => c.key));
  for await (const row of sheet.rows()) {
    csv.write(
      sheet.columns.map((c) => {
        const v = row[c.key];
        if (v instanceof Date) return withTime.has(c.key) ? formatDateTime(v) : formatDay(v);
        return v ?? '';
      }),
    );
  }
  csv.end();
  await done;
  return Buffer.concat(chunks);
}
