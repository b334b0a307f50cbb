import { describe, expect, it } from 'vitest';
import { compareFigures, comparePeriods, periodLabelVi, yearSpans } from '../../src/domain/period.js';

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

describe('compareFigures', () => {
  const at = (s: string) => new Date(`${s}+07:00`);
  it('should let the figure that tells of the later moment speak for the year', () => {
    // The year's figure given in December tells of the year: it stands over the third quarter's given after it.
    expect(compareFigures({ period: '2026', createdAt: at('2026-12-10T09:00:00') }, { period: '2026-Q3', createdAt: at('2026-12-20T09:00:00') })).toBeGreaterThan(0);
    // Given in April, it tells of April: the third quarter's, given in October, tells of more.
    expect(compareFigures({ period: '2026', createdAt: at('2026-04-10T09:00:00') }, { period: '2026-Q3', createdAt: at('2026-10-05T09:00:00') })).toBeLessThan(0);
    // A quarter's given late tells of its quarter's end, not of the day it was given.
    expect(compareFigures({ period: '2026-Q2', createdAt: at('2026-11-01T09:00:00') }, { period: '2026-Q3', createdAt: at('2026-10-01T09:00:00') })).toBeLessThan(0);
    // Telling of the same moment, the one given later.
    expect(compareFigures({ period: '2026', createdAt: at('2027-01-05T09:00:00') }, { period: '2026-Q4', createdAt: at('2027-01-06T09:00:00') })).toBeLessThan(0);
  });
});
