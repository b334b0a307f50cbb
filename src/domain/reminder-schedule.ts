import { localDate, vietnamDayStart } from './period.js';

/** When reminders may go out: never in quiet hours, at weekends (if set) or on holidays. */
export interface DeliveryRules {
  /** HH:MM in Vietnam; equal start and end means no quiet hours. */
  quietStart: string;
  quietEnd: string;
  skipWeekends: boolean;
  /** YYYY-MM-DD local days. */
  holidays: ReadonlySet<string>;
}

export interface Ladder {
  daysBefore: number[];
  onDueDay: boolean;
  overdueEveryDays: number;
  overdueMaxReminders: number;
  escalateAfterDays: number;
}

export interface Rung {
  /** d-7 (seven days before), d0 (the due day), o2 (the second overdue reminder). */
  rung: string;
  /** The moment it may go out: the delivery hour of its day, moved past quiet times. */
  at: Date;
  daysLeft: number;
}

/** Reminders go out at 08:00 on their day, unless that moment is not allowed. */
export const DELIVERY_HOUR = 8;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function localParts(at: Date) {
  const { year, month, day } = localDate(at);
  const dayStart = vietnamDayStart(year, month, day);
  const minute = Math.floor((at.getTime() - dayStart.getTime()) / 60_000);
  const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return { dayStart, minute, iso, weekday };
}

export function isAllowed(at: Date, rules: DeliveryRules): boolean {
  const { minute, iso, weekday } = localParts(at);
  if (rules.skipWeekends && (weekday === 0 || weekday === 6)) return false;
  if (rules.holidays.has(iso)) return false;
  const start = minutes(rules.quietStart);
  const end = minutes(rules.quietEnd);
  if (start === end) return true;
  // Quiet hours may wrap midnight (21:00–07:00) or not (12:00–13:30).
  const quiet = start > end ? minute >= start || minute < end : minute >= start && minute < end;
  return !quiet;
}

/** The first allowed moment at or after `at`: the end of quiet hours on the next working day. */
export function nextAllowed(at: Date, rules: DeliveryRules): Date {
  let t = at;
  for (let guard = 0; guard < 400 && !isAllowed(t, rules); guard++) {
    const { dayStart, minute, iso, weekday } = localParts(t);
    const endMinute = minutes(rules.quietEnd);
    const closedDay = (rules.skipWeekends && (weekday === 0 || weekday === 6)) || rules.holidays.has(iso);
    if (!closedDay && minute < endMinute) t = new Date(dayStart.getTime() + endMinute * 60_000);
    else t = new Date(dayStart.getTime() + DAY + endMinute * 60_000);
  }
  return t;
}

/**
 * Every reminder of a cycle's period, in order: the days before, the due day, then every few
 * days while overdue, up to the limit.
 */
export function ladderRungs(ladder: Ladder, due: { year: number; month: number; day: number }, rules: DeliveryRules): Rung[] {
  const dueDay = vietnamDayStart(due.year, due.month, due.day);
  const at = (offsetDays: number) => nextAllowed(new Date(dueDay.getTime() + offsetDays * DAY + DELIVERY_HOUR * HOUR), rules);
  const rungs: Rung[] = [...new Set(ladder.daysBefore)]
    .sort((a, b) => b - a)
    .map((d) => ({ rung: `d-${d}`, at: at(-d), daysLeft: d }));
  if (ladder.onDueDay) rungs.push({ rung: 'd0', at: at(0), daysLeft: 0 });
  for (let i = 1; i <= ladder.overdueMaxReminders; i++) {
    rungs.push({ rung: `o${i}`, at: at(i * ladder.overdueEveryDays), daysLeft: -i * ladder.overdueEveryDays });
  }
  return rungs;
}

/**
 * The rung to send now: the latest one whose time has come. Earlier rungs that were missed
 * (the bot was down) are skipped: nobody wants "7 days left" when 2 are left.
 */
export function currentRung(rungs: Rung[], now: Date): Rung | null {
  let found: Rung | null = null;
  for (const r of rungs) if (r.at.getTime() <= now.getTime()) found = r;
  return found;
}

/** When officials hear about the units still overdue. */
export function escalationAt(ladder: Ladder, due: { year: number; month: number; day: number }, rules: DeliveryRules): Date {
  const dueDay = vietnamDayStart(due.year, due.month, due.day);
  return nextAllowed(new Date(dueDay.getTime() + ladder.escalateAfterDays * DAY + DELIVERY_HOUR * HOUR), rules);
}
