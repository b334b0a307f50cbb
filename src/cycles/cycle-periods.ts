/**
 * The reporting cycle: what a campaign asks of its units, for which period, by when.
 *
 * - A cycle (annual report, quarterly progress) applies to the unit kinds it lists
 *   (`findCycleUnits`), and asks each of them for one thing per period: "2026", "2026-Q3".
 * - A period's due day is computed here and only here (`cycleDue`): the annual report on the
 *   campaign's day of the year; a quarter's progress a set number of days after it ends. The
 *   deadline is the end of that day in Vietnam (`dueEnd`). The scheduler, the commands, the
 *   digest and the calendar all ask these two functions.
 * - A unit is done with a period when it submitted, sent it on paper, or an official said it
 *   was not required of it (`findDoneUnits`); done units hear no more reminders for it.
 * - A reminder, sent by the sweep or by an official's /nhacnho, is one `sendReminder`: a row
 *   per (cycle, unit, period, rung), so the same reminder never goes twice.
 */
import type { z } from 'zod';
import type { ZCycle } from '../campaign/campaign-file.js';
import { localDate, vietnamDayStart, type TPeriodKey } from '../domain/period.js';

export type TCycle = z.infer<typeof ZCycle>;

/** A day in Vietnam's calendar. */
export interface DueDay {
  year: number;
  month: number;
  day: number;
}

export interface CyclePeriod {
  period: TPeriodKey;
  /** The due day, in Vietnam's calendar. */
  due: DueDay;
}

/** Days after a quarter ends that its progress is due, when the campaign does not say. */
const DEFAULT_DAYS_AFTER_QUARTER = 10;

function plusDays(day: DueDay, days: number): DueDay {
  return localDate(new Date(vietnamDayStart(day.year, day.month, day.day).getTime() + days * 86_400_000 + 12 * 3_600_000));
}

/** The due day of a cycle's period, or null when the cycle asks nothing for such a period. */
export function cycleDue(cycle: TCycle, period: TPeriodKey): DueDay | null {
  const m = /^(\d{4})(?:-Q([1-4]))?$/.exec(period);
  if (!m) return null;
  const year = Number(m[1]);
  if (cycle.kind === 'annual_report' && cycle.due && !m[2]) return { year, month: cycle.due.month, day: cycle.due.day };
  if (cycle.kind === 'quarterly_progress' && m[2]) {
    const q = Number(m[2]);
    // The day after the quarter's last day is the first of the next quarter.
    const nextStart = q === 4 ? { year: year + 1, month: 1, day: 1 } : { year, month: q * 3 + 1, day: 1 };
    return plusDays(nextStart, (cycle.dueDaysAfterQuarterEnd ?? DEFAULT_DAYS_AFTER_QUARTER) - 1);
  }
  return null;
}

/** The first moment of the due day. */
export function dueStart(due: DueDay): Date {
  return vietnamDayStart(due.year, due.month, due.day);
}

/** Whether a period's units were asked for it in the bot: it fell due after the campaign went live. */
export function askedInBot(due: DueDay, goLiveAt?: Date | null): boolean {
  return !goLiveAt || dueEnd(due) > goLiveAt;
}

/** The deadline: the end of the due day in Vietnam. */
export function dueEnd(due: DueDay): Date {
  return vietnamDayStart(due.year, due.month, due.day + 1);
}

/**
 * The periods of a cycle whose reminders may still be running now: last year's and this
 * year's annual report; the quarter just ended and the current one. With `goLiveAt`, periods
 * due before the campaign went live are left out: nobody was asked for them in the bot.
 */
export function cyclePeriods(cycle: TCycle, now: Date, goLiveAt?: Date | null): CyclePeriod[] {
  const periods = candidatePeriods(cycle, now).flatMap((period) => {
    const due = cycleDue(cycle, period);
    return due ? [{ period, due }] : [];
  });
  return periods.filter(({ due }) => askedInBot(due, goLiveAt));
}

function candidatePeriods(cycle: TCycle, now: Date): TPeriodKey[] {
  const { year, month } = localDate(now);
  if (cycle.kind === 'annual_report') return [String(year - 1), String(year)];
  if (cycle.kind === 'quarterly_progress') {
    const q = Math.ceil(month / 3);
    return [q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`, `${year}-Q${q}`];
  }
  return [];
}

/** This year's annual report of the cycle, if it has a due day. */
export function annualPeriod(cycle: TCycle, now: Date): CyclePeriod | null {
  const period = String(localDate(now).year);
  const due = cycleDue(cycle, period);
  return due ? { period, due } : null;
}
