import type { TCampaignSchedule } from '../campaign/campaign-file.js';
import { localDate, vietnamDayStart } from '../domain/period.js';

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
  const { year, month } = localDate(now);
  const items: DueItem[] = [];
  for (const cycle of schedule.cycles) {
    if (!cycle.appliesTo.includes(unitKind)) continue;
    if (cycle.kind === 'annual_report' && cycle.due) {
      let y = year;
      let dueAt = vietnamDayStart(y, cycle.due.month, cycle.due.day + 1);
      if (dueAt <= now) dueAt = vietnamDayStart(++y, cycle.due.month, cycle.due.day + 1);
      items.push({ cycleCode: cycle.code, kind: cycle.kind, nameVi: cycle.nameVi, nameEn: cycle.nameEn, period: String(y), dueAt });
    }
    if (cycle.kind === 'quarterly_progress') {
      const after = cycle.dueDaysAfterQuarterEnd ?? 10;
      // The quarter just ended may still be due; otherwise the current one.
      for (const q of [Math.ceil(month / 3) - 1, Math.ceil(month / 3)]) {
        const qy = q === 0 ? year - 1 : year;
        const qn = q === 0 ? 4 : q;
        const quarterEnd = vietnamDayStart(qn === 4 ? qy + 1 : qy, qn === 4 ? 1 : qn * 3 + 1, 1);
        const dueAt = new Date(quarterEnd.getTime() + after * 86_400_000);
        if (dueAt > now) {
          items.push({ cycleCode: cycle.code, kind: cycle.kind, nameVi: cycle.nameVi, nameEn: cycle.nameEn, period: `${qy}-Q${qn}`, dueAt });
          break;
        }
      }
    }
  }
  return items.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** The annual report's deadline for a year: the end of its due day in Vietnam. */
export function annualReportDeadline(schedule: TCampaignSchedule, year: number): Date | null {
  const cycle = schedule.cycles.find((c) => c.kind === 'annual_report' && c.due);
  if (!cycle?.due) return null;
  return vietnamDayStart(year, cycle.due.month, cycle.due.day + 1);
}
