import type { TCampaignSchedule } from '../campaign/campaign-file.js';
import { localDate } from '../domain/period.js';
import { cycleDue, cyclePeriods, dueEnd } from './cycle-periods.js';

export interface DueItem {
  cycleCode: string;
  kind: 'annual_report' | 'quarterly_progress' | 'phase_review';
  nameVi: string;
  nameEn: string;
  period: string;
  /** The last moment to submit: the end of the due day in Vietnam. */
  dueAt: Date;
}

/** The cycles of a unit kind and their next due dates from `now`, soonest first. */
export function upcomingDue(schedule: TCampaignSchedule, unitKind: string, now: Date): DueItem[] {
  const items: DueItem[] = [];
  for (const cycle of schedule.cycles) {
    if (!cycle.appliesTo.includes(unitKind)) continue;
    const periods = cyclePeriods(cycle, now);
    // This year's annual report may be past: then next year's is the one due.
    const nextYear = String(localDate(now).year + 1);
    const nextDue = cycle.kind === 'annual_report' ? cycleDue(cycle, nextYear) : null;
    if (nextDue) periods.push({ period: nextYear, due: nextDue });
    const next = periods.find(({ due }) => dueEnd(due) > now);
    if (next) items.push({ cycleCode: cycle.code, kind: cycle.kind, nameVi: cycle.nameVi, nameEn: cycle.nameEn, period: next.period, dueAt: dueEnd(next.due) });
  }
  return items.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** The annual report's deadline for a year: the end of its due day in Vietnam. */
export function annualReportDeadline(schedule: TCampaignSchedule, year: number): Date | null {
  const cycle = schedule.cycles.find((c) => c.kind === 'annual_report' && c.due);
  const due = cycle ? cycleDue(cycle, String(year)) : null;
  return due ? dueEnd(due) : null;
}
