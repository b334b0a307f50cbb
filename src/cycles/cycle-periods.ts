import type { z } from 'zod';
import type { ZCycle } from '../campaign/campaign-file.js';
import { localDate, vietnamDayStart } from '../domain/period.js';

export type TCycle = z.infer<typeof ZCycle>;

export interface CyclePeriod {
  period: string;
  /** The due day, in Vietnam's calendar. */
  due: { year: number; month: number; day: number };
}

function plusDays(day: { year: number; month: number; day: number }, days: number) {
  return localDate(new Date(vietnamDayStart(day.year, day.month, day.day).getTime() + days * 86_400_000 + 12 * 3_600_000));
}

/**
 * The periods of a cycle whose reminders may still be running now: last year's and this
 * year's annual report; the quarter just ended and the current one. With `goLiveAt`, periods
 * due before the campaign went live are left out: nobody was asked for them in the bot.
 */
export function cyclePeriods(cycle: TCycle, now: Date, goLiveAt?: Date | null): CyclePeriod[] {
  const periods = allCyclePeriods(cycle, now);
  if (!goLiveAt) return periods;
  return periods.filter(({ due }) => vietnamDayStart(due.year, due.month, due.day + 1) > goLiveAt);
}

function allCyclePeriods(cycle: TCycle, now: Date): CyclePeriod[] {
  const { year, month } = localDate(now);
  if (cycle.kind === 'annual_report' && cycle.due) {
    return [year - 1, year].map((y) => ({ period: String(y), due: { year: y, month: cycle.due!.month, day: cycle.due!.day } }));
  }
  if (cycle.kind === 'quarterly_progress') {
    const q = Math.ceil(month / 3);
    const quarters = [q === 1 ? [year - 1, 4] : [year, q - 1], [year, q]] as [number, number][];
    return quarters.map(([y, qn]) => {
      // The day after the quarter's last day is the first of the next quarter.
      const nextStart = qn === 4 ? { year: y + 1, month: 1, day: 1 } : { year: y, month: qn * 3 + 1, day: 1 };
      return { period: `${y}-Q${qn}`, due: plusDays(nextStart, (cycle.dueDaysAfterQuarterEnd ?? 10) - 1) };
    });
  }
  return [];
}
