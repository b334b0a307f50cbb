import type { TMeasure } from '../domain/criterion.js';
import { evaluateTarget, type TMeasureValue } from '../domain/measure-value.js';
import { vietnamYear } from '../domain/period.js';
import { annualReportDeadline } from '../domain/reporting-calendar.js';
import { getCampaignSchedule } from '../campaign/get-campaign-schedule.js';
import { readSectionData } from '../annual-report/report-section-data.js';
import type { Tx } from '../store/db.js';
import { spec } from '../unit-reporting/criterion-view.js';
import { latestPerUnit } from '../unit-reporting/latest-per-unit.js';
import { valueOf } from '../unit-reporting/record-progress-update.js';
import { groupBy } from '../group-by.js';

export interface CriterionSummary {
  criterion: { id: string; code: string; titleVi: string; titleEn: string; measure: string; direction: string; targetValue: number | null; targetMax: number | null; targetText: string | null; targetYear: number | null; unitLabelVi: string | null; unitLabelEn: string | null };
  reported: number;
  /** The province's figure: the mean of percentages, the sum of amounts and counts, the share of "yes". */
  value: TMeasureValue | null;
  verdict: 'met' | 'not_met' | 'no_target' | 'no_data';
  best?: { name: string; value: TMeasureValue };
  lagging?: { name: string; value: TMeasureValue };
}

export interface YearSummary {
  year: number;
  units: number;
  submitted: { name: string; onTime: boolean }[];
  missing: string[];
  criteria: CriterionSummary[];
  reportsByStatus: Record<string, number>;
  reportsByCategory: { name: string; count: number }[];
  medianHandlingDays: number | null;
  candidates: { name: string; award: string | null }[];
}

/** The middle handling time of resolved reports, read from the index: one or two rows. */
async function medianHandlingMinutes(tx: Tx, where: { createdAt: { gte: Date; lt: Date } }): Promise<number | null> {
  const resolved = { ...where, handlingMinutes: { not: null } };
  const count = await tx.wasteReport.count({ where: resolved });
  if (!count) return null;
  const middle = await tx.wasteReport.findMany({
    where: resolved,
    orderBy: { handlingMinutes: 'asc' },
    skip: Math.floor((count - 1) / 2),
    take: count % 2 ? 1 : 2,
    select: { handlingMinutes: true },
  });
  return middle.reduce((a, r) => a + r.handlingMinutes!, 0) / middle.length;
}

function aggregate(measure: TMeasure, values: TMeasureValue[]): TMeasureValue | null {
  if (!values.length) return null;
  const numbers = values.map((v) => v.number).filter((n): n is number => n !== undefined);
  switch (measure) {
    case 'percent':
      return { number: Math.round((numbers.reduce((a, b) => a + b, 0) / numbers.length) * 100) / 100 };
    case 'money':
    case 'number':
      return { number: numbers.reduce((a, b) => a + b, 0) };
    case 'boolean':
      return { bool: values.every((v) => v.bool) };
    case 'date':
      return { date: values.map((v) => v.date ?? '').sort().at(-1)! };
    case 'text':
      return { text: String(values.length) };
  }
}

/**
 * The board's picture of a year: who submitted, each criterion against the plan's target
 * with its best and lagging units, citizen reports, and the units that could be commended.
 * `unitIds` narrows it to some units (one unit, or the leads of an area).
 */
export async function summarizeYear(tx: Tx, options: { campaignId: string; year: number; unitIds?: string[]; criterionIds?: string[] }): Promise<YearSummary> {
  const { campaignId, year } = options;
  const schedule = await getCampaignSchedule(tx, campaignId);
  const cycle = schedule.cycles.find((c) => c.kind === 'annual_report');
  const deadline = annualReportDeadline(schedule, year);
  const units = await tx.unit.findMany({
    where: { campaignId, active: true, ...(options.unitIds ? { id: { in: options.unitIds } } : cycle ? { kind: { code: { in: cycle.appliesTo } } } : {}) },
    include: { kind: true, annualReports: { where: { year }, include: { sections: true } } },
    orderBy: { sortOrder: 'asc' },
  });
  const name = (u: { shortName: string | null; nameVi: string }) => u.shortName ?? u.nameVi;
  const hasSubmitted = (u: (typeof units)[number]) => ['submitted', 'accepted'].includes(u.annualReports[0]?.state ?? '');
  const onTime = (u: (typeof units)[number]) => {
    const submittedAt = hasSubmitted(u) ? u.annualReports[0]!.submittedAt : null;
    return Boolean(deadline && submittedAt && submittedAt <= deadline);
  };
  const submitted = units.filter(hasSubmitted).map((u) => ({ name: name(u), onTime: onTime(u) }));
  const missing = units.filter((u) => !hasSubmitted(u)).map(name);

  const criteria = await tx.criterion.findMany({
    where: { campaignId, active: true, ...(options.criterionIds ? { id: { in: options.criterionIds } } : {}) },
    include: { audience: { include: { unitKind: true } } },
    orderBy: { sortOrder: 'asc' },
  });
  const unitById = new Map(units.map((u) => [u.id, u]));
  const updates = await tx.progressUpdate.findMany({
    where: { year, supersededAt: null, unitId: { in: units.map((u) => u.id) } },
    select: { unitId: true, criterionId: true, period: true, valueNumber: true, valueText: true, valueBool: true, valueDate: true },
  });
  const updatesByCriterion = groupBy(updates, (u) => u.criterionId);
  const verdicts: { unitId: string; verdict: string }[] = [];
  const criteriaSummaries: CriterionSummary[] = criteria.map((c) => {
    const latest = latestPerUnit(updatesByCriterion.get(c.id) ?? []);
    const entries = [...latest.values()].map((u) => ({ unit: unitById.get(u.unitId)!, value: valueOf(u) }));
    for (const e of entries) verdicts.push({ unitId: e.unit.id, verdict: evaluateTarget(spec(c), e.value) });
    const value = aggregate(c.measure as TMeasure, entries.map((e) => e.value));
    const summary: CriterionSummary = { criterion: c, reported: entries.length, value, verdict: value ? evaluateTarget(spec(c), value) : 'no_data' };
    const ranked = entries.filter((e) => e.value.number !== undefined && c.direction !== 'none').sort((a, b) => (c.direction === 'lower' ? a.value.number! - b.value.number! : b.value.number! - a.value.number!));
    if (ranked.length >= 2) {
      summary.best = { name: name(ranked[0]!.unit), value: ranked[0]!.value };
      summary.lagging = { name: name(ranked.at(-1)!.unit), value: ranked.at(-1)!.value };
    }
    return summary;
  });

  // Citizen reports are counted by the database and the median handling time read from the
  // index: the year's reports themselves are never loaded.
  const inYear = { createdAt: vietnamYear(year) };
  const groups = await tx.wasteReport.groupBy({ by: ['status', 'categoryId'], where: inYear, _count: { _all: true } });
  const categoryNames = new Map((await tx.wasteCategory.findMany({ where: { campaignId }, select: { id: true, nameVi: true } })).map((c) => [c.id, c.nameVi]));
  const reportsByStatus: Record<string, number> = {};
  const byCategory = new Map<string, number>();
  for (const g of groups) {
    reportsByStatus[g.status] = (reportsByStatus[g.status] ?? 0) + g._count._all;
    const category = categoryNames.get(g.categoryId) ?? g.categoryId;
    byCategory.set(category, (byCategory.get(category) ?? 0) + g._count._all);
  }
  const medianHandlingDays = await medianHandlingMinutes(tx, inYear).then((m) => (m === null ? null : m / 1_440));

  const awards = await tx.awardForm.findMany({ where: { campaignId }, orderBy: { sortOrder: 'asc' } });
  const verdictsByUnit = groupBy(verdicts, (v) => v.unitId);
  const candidates = units
    .filter((u) => {
      const judged = (verdictsByUnit.get(u.id) ?? []).map((v) => v.verdict).filter((v) => v !== 'no_target');
      return onTime(u) && judged.length > 0 && judged.every((v) => v === 'met');
    })
    .map((u) => {
      const proposed = readSectionData(u.annualReports[0]?.sections.find((s) => s.sectionCode === 'commendation')?.dataJson ?? '{}').awardForm;
      return { name: name(u), award: awards.find((a) => a.code === proposed)?.nameVi ?? awards.find((a) => a.code === 'BANG_KHEN_UBND_TINH')?.nameVi ?? null };
    });

  return {
    year,
    units: units.length,
    submitted,
    missing,
    criteria: criteriaSummaries,
    reportsByStatus,
    reportsByCategory: [...byCategory.entries()].map(([n, count]) => ({ name: n, count })).sort((a, b) => b.count - a.count),
    medianHandlingDays,
    candidates,
  };
}
