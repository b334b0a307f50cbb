import { TIMEZONE } from './format-date.js';

/** "2026" for a year, "2026-Q3" for a quarter. */
export type TPeriodKey = string;

const parts = new Intl.DateTimeFormat('en-CA', { timeZone: TIMEZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day in Vietnam: year, month (1–12), day. */
export function localDate(date: Date): { year: number; month: number; day: number } {
  const [y, m, d] = parts.format(date).split('-').map(Number) as [number, number, number];
  return { year: y, month: m, day: d };
}

export function quarterOf(date: Date): TPeriodKey {
  const { year, month } = localDate(date);
  return `${year}-Q${Math.ceil(month / 3)}`;
}

/** "Quý 3/2026" or "Năm 2026", for documents in Vietnamese (exports, report drafts). */
export function periodLabelVi(period: TPeriodKey): string {
  const m = /^(\d{4})(?:-Q([1-4]))?$/.exec(period);
  if (!m) return period;
  return m[2] ? `Quý ${m[2]}/${m[1]}` : `Năm ${m[1]}`;
}

export function yearOfPeriod(period: TPeriodKey): number {
  return Number(period.slice(0, 4));
}

/**
 * Orders periods in time, by when each closes: a year's quarters first, then the year itself
 * (a comparison of the keys as text would put "2026" before "2026-Q1"). For showing figures in
 * order; which figure speaks for a year is compareFigures.
 */
export function comparePeriods(a: TPeriodKey, b: TPeriodKey): number {
  return periodRank(a) - periodRank(b);
}

function periodRank(period: TPeriodKey): number {
  const quarter = period.length > 4 ? Number(period.slice(-1)) : 5;
  return yearOfPeriod(period) * 10 + quarter;
}

/** The first instant after a period, in Vietnam. */
export function periodEnd(period: TPeriodKey): Date {
  const year = yearOfPeriod(period);
  const quarter = period.length > 4 ? Number(period.slice(-1)) : 4;
  return quarter === 4 ? vietnamDayStart(year + 1, 1, 1) : vietnamDayStart(year, quarter * 3 + 1, 1);
}

/**
 * Of two figures of the same year, which speaks for it (> 0: `a`). A figure tells of its
 * period's end, or of the moment it was given if that came first: the year's figure given in
 * December tells of the whole year and stands over the third quarter's, but one given in April
 * tells of April, and the third quarter's, given later, tells of more. Of two that tell of the
 * same moment, the one given later.
 */
export function compareFigures(a: { period: TPeriodKey; createdAt: Date }, b: { period: TPeriodKey; createdAt: Date }): number {
  const told = (f: { period: TPeriodKey; createdAt: Date }) => Math.min(periodEnd(f.period).getTime(), f.createdAt.getTime());
  return told(a) - told(b) || a.createdAt.getTime() - b.createdAt.getTime();
}

export function isPeriodKey(value: string): boolean {
  return /^\d{4}(-Q[1-4])?$/.test(value);
}

/**
 * Periods a figure may be given for: the current quarter and year first, then earlier
 * quarters of this year, last year's fourth quarter while it is the quarter just ended (it is
 * due in January), and earlier years back to `firstYear`.
 */
export function selectablePeriods(now: Date, firstYear: number): TPeriodKey[] {
  const { year } = localDate(now);
  const current = quarterOf(now);
  const q = Number(current.slice(-1));
  const out: TPeriodKey[] = [current, String(year)];
  for (let i = q - 1; i >= 1; i--) out.push(`${year}-Q${i}`);
  if (q === 1 && year - 1 >= firstYear) out.push(`${year - 1}-Q4`);
  for (let y = year - 1; y >= firstYear; y--) out.push(String(y));
  return out;
}

/** Vietnam keeps UTC+7 all year: no daylight saving to account for. */
export const VIETNAM_UTC_OFFSET_MS = 7 * 3_600_000;

/** Midnight at the start of a Vietnamese calendar day, as an instant. */
export function vietnamDayStart(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day) - VIETNAM_UTC_OFFSET_MS);
}

/** A calendar year in Vietnam, as [start, end) instants. */
export function vietnamYear(year: number): { gte: Date; lt: Date } {
  return { gte: vietnamDayStart(year, 1, 1), lt: vietnamDayStart(year + 1, 1, 1) };
}

/** Whole days from today (in Vietnam) to a day: 0 on the day, negative once it is past. */
export function daysUntil(now: Date, day: { year: number; month: number; day: number }): number {
  const today = localDate(now);
  return Math.round((vietnamDayStart(day.year, day.month, day.day).getTime() - vietnamDayStart(today.year, today.month, today.day).getTime()) / 86_400_000);
}

/** "2021–2023, 2025": consecutive years as one span. */
export function yearSpans(years: readonly number[]): string {
  const spans: string[] = [];
  for (let i = 0; i < years.length; ) {
    let j = i;
    while (j + 1 < years.length && years[j + 1] === years[j]! + 1) j++;
    spans.push(i === j ? String(years[i]) : `${years[i]}–${years[j]}`);
    i = j + 1;
  }
  return spans.join(', ');
}
