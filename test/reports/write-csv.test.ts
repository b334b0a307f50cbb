import { describe, expect, it } from 'vitest';
import { writeCsvRows } from '../../src/reports/write-csv.js';

describe('writeCsvRows', () => {
  it('should write the header row of a sheet with no rows', async () => {
    const data = await writeCsvRows(['Mã', 'Nội dung'], []);
    expect(data.toString('utf8')).toBe('\uFEFFMã,Nội dung\n');
  });

  it('should neutralise a typed formula and keep numbers as numbers, with decimal commas for Vietnamese Excel', async () => {
    const data = await writeCsvRows(['Nội dung', 'Giá trị'], [['=HYPERLINK("http://x.invalid","bấm")', 62.5]], 'vn');
    expect(data.toString('utf8')).toBe('\uFEFFNội dung;Giá trị\n"\'=HYPERLINK(""http://x.invalid"",""bấm"")";62,5\n');
  });
});
