import type { TMeasure } from '../domain/criterion.js';
import { evaluateTarget, type TMeasureValue, type TVerdict } from '../domain/measure-value.js';
import type { TargetFields } from '../campaign/criterion-targets.js';
import { vietnamYear } from '../domain/period.js';
import { annualReportDeadline } from '../cycles/reporting-calendar.js';
import type { TSuggestionRule } from '../campaign/campaign-file.js';
import { readSectionData } from '../annual-report/report-section-data.js';
import type { Prisma, Tx } from '../store/db.js';
import { spec } from '../unit-reporting/criterion-view.js';
import { latestPerUnit } from '../unit-reporting/latest-per-unit.js';
import { valueOf } from '../unit-reporting/record-progress-update.js';
import { groupBy } from '../group-by.js';
import { rollUp } from './roll-up.js';
import { rollUpToToday } from './roll-up-to-today.js';
import { loadYearCatalogue, type TYearCatalogue } from './load-year-catalogue.js';
import { findUnitsToday } from '../units/find-units-today.js';
import { findUnitsOfTheTime } from '../units/find-units-of-the-time.js';

export interface CriterionSummary {
  criterion: { id: string; code: string; titleVi: string; titleEn: string; measure: string; direction: string; scope: string; rollup: string | null; noteVi: string | null; noteEn: string | null; unitLabelVi: string | null; unitLabelEn: string | null } & TargetFields;
  /** Units whose figure makes the province's: the owner alone for a province-wide criterion. */
  reported: number;
  /** The province's figure for the year: the owner's, or the units' rolled up as the file says. */
  value: TMeasureValue | null;
  /** What the target is judged on when that is not the year's figure: the sum since fromYear. */
  judged?: TMeasureValue;
  /** share_met: how many of the units judged meet the target. */
  share?: { met: number; of: number };
  /** weighted_mean: units left out because they gave no weight. */
  unweighted?: number;
  /** Figures of other units for a province-wide criterion: kept, not counted. */
  notCounted?: number;
  /** Rolled up into today's units: figures whose unit leads to none by a rule. */
  notRolledUp?: number;
  owner?: string;
  /**
   * A cumulative target's earlier years that have no figure. A sum missing years is not judged
   * as missed: `incomplete` says so, where the years it has fall short.
   */
  missingYears?: number[];
  verdict: TVerdict | 'no_data' | 'incomplete';
  best?: { name: string; value: TMeasureValue };
  lagging?: { name: string; value: TMeasureValue };
}

export interface YearSummary {
  year: number;
  units: number;
  /** Some of the year's units no longer exist: the year is shown as it was. */
  historical: boolean;
  /** The figures are read as today's units' along the lineage (rollUpToToday). */
  today: boolean;
  submitted: { name: string; onTime: boolean }[];
  missing: string[];
  criteria: CriterionSummary[];
  reportsByStatus: Record<string, number>;
  reportsByCategory: { name: string; count: number }[];
  medianHandlingDays: number | null;
  /** A suggestion by the campaign's rule, for the Board to weigh: not a proposal. */
  candidates: { name: string; award: string | null }[];
  suggestionRule: TSuggestionRule;
}

/** The middle handling time of resolved reports, read from the index: one or two rows. */
async function medianHandlingMinutes(tx: Tx, where: Prisma.WasteReportWhereInput): Promise<number | null> {
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

const add = (values: TMeasureValue[]) => values.reduce((a, v) => a + (v.number ?? 0), 0);

export interface SummarizeYearOptions {
  /** The campaign running now; the year is read in the campaigns running then (findUnitsOfYear). */
  campaignId: string;
  year: number;
  unitIds?: string[];
  criterionIds?: string[];
  /** Read the year's figures as today's units' (rollUpToToday); reports and candidates stay the year's units'. */
  today?: boolean;
  /** The year's catalogue when the caller has it (a turn takes it from the catalogue cache). */
  catalogue?: TYearCatalogue;
}

/**
 * The board's picture of a year: who submitted, each criterion against the plan's target
 * with its best and lagging units, citizen reports, and the units that could be commended.
 * `unitIds` narrows it to some units (one unit, or the leads of an area).
 */
export async function summarizeYear(tx: Tx, options: SummarizeYearOptions): Promise<YearSummary> {
  const { year } = options;
  const catalogue = options.catalogue ?? (await loadYearCatalogue(tx, { campaignId: options.campaignId, year }));
  const { ofYear, schedule, suggestionRule } = catalogue;
  const cycle = schedule.cycles.find((c) => c.kind === 'annual_report');
  const deadline = annualReportDeadline(schedule, year);
  // A unit of today asked about a past year is read as the units it came from.
  const unitIds = options.unitIds && [...(await findUnitsOfTheTime(tx, { unitIds: options.unitIds, unitWhere: ofYear.unitWhere })).values()].flat();
  const units = await tx.unit.findMany({
    where: { ...ofYear.unitWhere, ...(unitIds ? { id: { in: unitIds } } : cycle ? { kind: { code: { in: cycle.appliesTo } } } : {}) },
    include: { kind: true, annualReports: { where: { year }, include: { sections: true } } },
    orderBy: { sortOrder: 'asc' },
  });
  const name = (u: { shortName: string | null; nameVi: string }) => u.shortName ?? u.nameVi;
  const unitById0 = new Map(units.map((u) => [u.id, u]));
  const hasSubmitted = (u: (typeof units)[number]) => ['submitted', 'accepted'].includes(u.annualReports[0]?.state ?? '');
  const onTime = (u: (typeof units)[number]) => {
    const submittedAt = hasSubmitted(u) ? u.annualReports[0]!.submittedAt : null;
    return Boolean(deadline && submittedAt && submittedAt <= deadline);
  };
  const submitted = units.filter(hasSubmitted).map((u) => ({ name: name(u), onTime: onTime(u) }));
  const missing = units.filter((u) => !hasSubmitted(u)).map(name);

  // Criteria asked for by today's campaign are the year's of the same code.
  const askedCodes = options.criterionIds && new Set((await tx.criterion.findMany({ where: { id: { in: options.criterionIds } }, select: { code: true } })).map((c) => c.code));
  const criteria = catalogue.criteria
    .filter((c) => !askedCodes || askedCodes.has(c.code))
    // A unit's own view lists what it reports: the criteria of its kind, and a province-wide
    // one only if it is the unit responsible for it.
    .filter((c) => !unitIds || options.criterionIds || unitIds.some((id) => {
      const u = unitById0.get(id);
      return u && c.audience.some((a) => a.unitKind.code === u.kind.code) && (c.scope !== 'province' || c.ownerUnitId === id);
    }));
  const unitById = new Map(units.map((u) => [u.id, u]));
  const ownerIds = criteria.map((c) => c.ownerUnitId).filter((id): id is string => Boolean(id));
  // An owner formed after the year answered for it through the units it came from.
  const ownersThen = await findUnitsOfTheTime(tx, { unitIds: [...new Set(ownerIds)], unitWhere: ofYear.unitWhere });
  const select = { unitId: true, criterionId: true, period: true, year: true, valueNumber: true, valueText: true, valueBool: true, valueDate: true, createdAt: true } as const;
  // Units of another campaign running in the year answered its criteria: read by their code.
  const judgedCriterion = new Map(Object.entries(catalogue.judgedAs));
  const judgedAs = <T extends { criterionId: string }>(rows: T[]): T[] => (judgedCriterion.size ? rows.map((r) => ({ ...r, criterionId: judgedCriterion.get(r.criterionId) ?? r.criterionId })) : rows);
  const updates = judgedAs(await tx.progressUpdate.findMany({
    where: { year, supersededAt: null, unitId: { in: [...new Set([...units.map((u) => u.id), ...ownerIds, ...[...ownersThen.values()].flat()])] } },
    select,
  }));
  // A cumulative target adds up the years since its first one; those years are read only for it.
  const cumulative = criteria.filter((c) => c.basis === 'cumulative' && c.fromYear !== null && c.fromYear < year);
  const earlier = cumulative.length
    ? judgedAs(await tx.progressUpdate.findMany({
        where: { year: { gte: Math.min(...cumulative.map((c) => c.fromYear!)), lt: year }, supersededAt: null, criterionId: { in: [...cumulative.map((c) => c.id), ...[...judgedCriterion].filter(([, id]) => cumulative.some((c) => c.id === id)).map(([other]) => other)] } },
        select,
      }))
    : [];
  const updatesByCriterion = groupBy(updates, (u) => u.criterionId);
  const earlierByCriterion = groupBy(earlier, (u) => u.criterionId);
  const codeToId = new Map(criteria.map((c) => [c.code, c.id]));
  const weightCriteria = criteria
    .map((c) => c.weightCriterionCode)
    .filter((code): code is string => Boolean(code) && !codeToId.has(code!) && Boolean(catalogue.criterionIdByCode[code!]))
    .map((code) => ({ code, id: catalogue.criterionIdByCode[code]! }));
  for (const w of weightCriteria) codeToId.set(w.code, w.id);
  const weightUpdates = weightCriteria.length
    ? judgedAs(await tx.progressUpdate.findMany({ where: { year, supersededAt: null, criterionId: { in: weightCriteria.map((w) => w.id) } }, select }))
    : [];
  const today = options.today ? await findUnitsToday(tx, { unitIds: units.map((u) => u.id) }) : null;
  const weightsByCriterion = groupBy([...updates, ...weightUpdates], (u) => u.criterionId);

  /** The sum of a unit's figures for each year from `from` to the summary's year. */
  const sinceYear = (c: (typeof criteria)[number], unitId: string, thisYear: TMeasureValue | undefined): TMeasureValue => {
    const years = groupBy((earlierByCriterion.get(c.id) ?? []).filter((u) => u.unitId === unitId && u.year >= c.fromYear!), (u) => String(u.year));
    const values = [...years.values()].map((rows) => valueOf(latestPerUnit(rows).get(unitId)!));
    return { number: add([...values, ...(thisYear ? [thisYear] : [])]) };
  };
  /** The years before this one, from the target's first, for which the unit gave no figure. */
  const yearsWithout = (c: (typeof criteria)[number], unitIds: string[]): number[] => {
    const given = new Set((earlierByCriterion.get(c.id) ?? []).filter((u) => unitIds.includes(u.unitId)).map((u) => u.year));
    const out: number[] = [];
    for (let y = c.fromYear!; y < year; y++) if (!given.has(y)) out.push(y);
    return out;
  };
  /** A sum with years missing that falls short is not a target missed: it is not known yet. */
  const unlessIncomplete = (verdict: TVerdict, missing: number[]): TVerdict | 'incomplete' => (missing.length && verdict !== 'met' ? 'incomplete' : verdict);

  const verdicts: { unitId: string; verdict: string }[] = [];
  const criteriaSummaries: CriterionSummary[] = criteria.map((c) => {
    const rows = updatesByCriterion.get(c.id) ?? [];
    if (c.scope === 'province') {
      // One figure for the province, the responsible unit's; what other units entered (before
      // the criterion had an owner) stays stored but is not the province's figure.
      const latest = latestPerUnit(rows);
      // The owner of the time: the owner, or the units it came from; of several, the latest entered.
      const then = (c.ownerUnitId ? (ownersThen.get(c.ownerUnitId) ?? []) : []).filter((id) => latest.has(id));
      const own = then.map((id) => latest.get(id)!).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
      const ownerId = own?.unitId ?? c.ownerUnitId;
      const notCounted = [...latest.keys()].filter((id) => id !== ownerId).length;
      const value = own ? valueOf(own) : null;
      const judged = c.basis === 'cumulative' && ownerId ? sinceYear(c, ownerId, value ?? undefined) : undefined;
      const basisValue = judged ?? value;
      // The year itself may be the one missing: a total of the years before is not the year's.
      const missingYears = judged && c.fromYear! < year ? [...yearsWithout(c, [ownerId!]), ...(value ? [] : [year])] : [];
      const summary: CriterionSummary = {
        criterion: c,
        reported: own ? 1 : 0,
        value,
        verdict: basisValue && (value || judged?.number) ? unlessIncomplete(evaluateTarget(spec(c), basisValue), missingYears) : 'no_data',
        ...(judged && c.fromYear! < year ? { judged } : {}),
        ...(missingYears.length ? { missingYears } : {}),
        ...(notCounted ? { notCounted } : {}),
        ...(c.ownerUnit ? { owner: name(own && unitById.has(own.unitId) ? unitById.get(own.unitId)! : c.ownerUnit) } : {}),
      };
      return summary;
    }
    const kinds = new Set(c.audience.map((a) => a.unitKind.code));
    const latest = [...latestPerUnit(rows).values()].filter((u) => unitById.has(u.unitId) && kinds.has(unitById.get(u.unitId)!.kind.code));
    const weights = c.weightCriterionCode ? latestPerUnit((weightsByCriterion.get(codeToId.get(c.weightCriterionCode) ?? '') ?? [])) : new Map();
    const ofTheirTime = latest.map((u) => {
      const value = valueOf(u);
      return { unit: unitById.get(u.unitId)!, value, judged: c.basis === 'cumulative' ? sinceYear(c, u.unitId, value) : value, weight: weights.get(u.unitId)?.valueNumber ?? undefined };
    });
    // Candidates are the units of the year, judged on their own figures, in either view.
    verdicts.push(...ofTheirTime.map((e) => ({ unitId: e.unit.id, verdict: evaluateTarget(spec(c), e.judged) })));
    let entries: { unit: { id: string; shortName: string | null; nameVi: string }; value: TMeasureValue; judged: TMeasureValue; weight?: number | undefined }[] = ofTheirTime;
    let notRolledUp = 0;
    if (today) {
      const rolled = rollUpToToday(c, ofTheirTime.map((e) => ({ unitId: e.unit.id, value: e.value, weight: e.weight })), today);
      const judged = new Map(rollUpToToday(c, ofTheirTime.map((e) => ({ unitId: e.unit.id, value: e.judged, weight: e.weight })), today).entries.map((e) => [e.unit.id, e.value]));
      entries = rolled.entries.filter((e) => !options.unitIds || options.unitIds.includes(e.unit.id)).map((e) => ({ ...e, judged: judged.get(e.unit.id) ?? e.value }));
      notRolledUp = rolled.notRolledUp;
    }
    const judgedVerdicts = entries.map((e) => ({ unitId: e.unit.id, verdict: evaluateTarget(spec(c), e.judged) }));
    const rollup = c.rollup ?? 'count_reported';
    const { value, unweighted } = rollUp(rollup, c.measure as TMeasure, entries);
    const summary: CriterionSummary = { criterion: c, reported: entries.length, value, verdict: 'no_data' };
    if (unweighted) summary.unweighted = unweighted;
    if (notRolledUp) summary.notRolledUp = notRolledUp;
    if (rollup === 'share_met' && entries.length) {
      const judged = judgedVerdicts.filter((v) => v.verdict !== 'no_target');
      summary.share = { met: judged.filter((v) => v.verdict === 'met').length, of: judged.length };
      summary.verdict = !entries.length ? 'no_data' : !judged.length ? 'no_target' : summary.share.met === summary.share.of ? 'met' : judged.some((v) => v.verdict === 'in_progress') ? 'in_progress' : 'not_met';
    } else if (value) {
      const judged = c.basis === 'cumulative' ? { number: add(entries.map((e) => e.judged)) } : value;
      const missingYears = c.basis === 'cumulative' && c.fromYear! < year ? yearsWithout(c, latest.map((u) => u.unitId)) : [];
      summary.verdict = rollup === 'count_reported' ? 'no_target' : unlessIncomplete(evaluateTarget(spec(c), judged), missingYears);
      if (c.basis === 'cumulative' && c.fromYear! < year) summary.judged = judged;
      if (missingYears.length) summary.missingYears = missingYears;
    }
    const ranked = entries.filter((e) => e.value.number !== undefined && c.direction !== 'none').sort((a, b) => (c.direction === 'lower' ? a.value.number! - b.value.number! : b.value.number! - a.value.number!));
    if (ranked.length >= 2) {
      summary.best = { name: name(ranked[0]!.unit), value: ranked[0]!.value };
      summary.lagging = { name: name(ranked.at(-1)!.unit), value: ranked.at(-1)!.value };
    }
    return summary;
  });

  // Citizen reports are counted by the database and the median handling time read from the
  // index: the year's reports themselves are never loaded.
  // Another movement's summary does not count the main one's citizens' reports: with more than
  // one movement in the database, only reports under this one's categories. With one, the
  // filter is left out so the median stays an index read.
  const inYear = { createdAt: vietnamYear(year), ...(catalogue.otherMovements ? { category: { campaignId: { in: ofYear.campaignIds } } } : {}) };
  const groups = await tx.wasteReport.groupBy({ by: ['status', 'categoryId'], where: inYear, _count: { _all: true } });
  const categoryNames = new Map(Object.entries(catalogue.categoryNames));
  const reportsByStatus: Record<string, number> = {};
  const byCategory = new Map<string, number>();
  for (const g of groups) {
    reportsByStatus[g.status] = (reportsByStatus[g.status] ?? 0) + g._count._all;
    const category = categoryNames.get(g.categoryId) ?? g.categoryId;
    byCategory.set(category, (byCategory.get(category) ?? 0) + g._count._all);
  }
  const medianHandlingDays = await medianHandlingMinutes(tx, inYear).then((m) => (m === null ? null : m / 1_440));

  // The plan names no rule for candidates: the campaign file's is applied and shown with them.
  const { awards } = catalogue;
  const verdictsByUnit = groupBy(verdicts, (v) => v.unitId);
  const candidates = units
    .filter((u) => {
      const judged = (verdictsByUnit.get(u.id) ?? []).map((v) => v.verdict).filter((v) => v !== 'no_target');
      if (suggestionRule.annualReportOnTime && !onTime(u)) return false;
      if (judged.length < suggestionRule.minJudgedCriteria) return false;
      return !suggestionRule.allJudgedTargetsMet || judged.every((v) => v === 'met');
    })
    .map((u) => {
      // Only a form the unit itself proposed in its report: none is picked for it.
      const proposed = readSectionData(u.annualReports[0]?.sections.find((s) => s.sectionCode === 'commendation')?.dataJson ?? '{}').awardForm;
      return { name: name(u), award: awards.find((a) => a.code === proposed)?.nameVi ?? null };
    });

  return {
    year,
    units: units.length,
    historical: units.some((u) => !u.active),
    today: Boolean(today),
    submitted,
    missing,
    criteria: criteriaSummaries,
    reportsByStatus,
    reportsByCategory: [...byCategory.entries()].map(([n, count]) => ({ name: n, count })).sort((a, b) => b.count - a.count),
    medianHandlingDays,
    candidates,
    suggestionRule,
  };
}
