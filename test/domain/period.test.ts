import { describe, expect, it } from 'vitest';
import { comparePeriods, periodLabelVi, yearSpans } from '../../src/domain/period.js';

describe('periodLabelVi', () => {
  it('should name quarters and years as a Vietnamese office writes them', () => {
    expect(periodLabelVi('2026-Q3')).toBe('Quý 3/2026');
    expect(periodLabelVi('2025')).toBe('Năm 2025');
  });
});

describe('comparePeriods', () => {
  it('should put a year after its own quarters and before the next year\'s', () => {
    const shuffled = ['2027-Q1', '2026', '2026-Q3', '2025', '2026-Q1', '2026-Q4'];
    expect(shuffled.sort(comparePeriods)).toEqual(['2025', '2026-Q1', '2026-Q3', '2026-Q4', '2026', '2027-Q1']);
  });
});

describe('yearSpans', () => {
  it('should join consecutive years into one span', () => {
    expect(yearSpans([2021, 2022, 2024])).toBe('2021–2022, 2024');
    expect(yearSpans([2021, 2022, 2023, 2024])).toBe('2021–2024');
    expect(yearSpans([2023])).toBe('2023');
    expect(yearSpans([])).toBe('');
  });
});
