import { z } from 'zod';
import { ZBasis, ZDirection, ZMeasure, ZRollup, ZScope, rollupFits } from '../domain/criterion.js';

const ZCode = z.string().regex(/^[A-Za-z0-9_]{1,48}$/, 'codes are 1–48 letters, digits or _');
const ZText = z.string().trim().min(1);
const ZYear = z.number().int().min(2000).max(2100);
const ZDay = z.iso.date({ message: 'expected a date as YYYY-MM-DD' });
const ZTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM');

export const ZLadder = z.object({
  daysBefore: z.array(z.number().int().positive()).default([]),
  onDueDay: z.boolean().default(true),
  overdueEveryDays: z.number().int().positive().default(3),
  overdueMaxReminders: z.number().int().min(0).default(5),
  escalateAfterDays: z.number().int().min(0).default(1),
});

export const ZCycle = z.object({
  code: ZCode,
  kind: z.enum(['annual_report', 'quarterly_progress', 'phase_review']),
  nameVi: ZText,
  nameEn: ZText,
  appliesTo: z.array(ZCode).min(1),
  due: z.object({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) }).optional(),
  dueDaysAfterQuarterEnd: z.number().int().min(0).optional(),
  ladder: ZLadder,
});

export const ZCampaignSchedule = z.object({
  quietHours: z.object({ start: ZTime, end: ZTime }).default({ start: '21:00', end: '07:00' }),
  skipWeekends: z.boolean().default(true),
  cycles: z.array(ZCycle).default([]),
});
export type TCampaignSchedule = z.infer<typeof ZCampaignSchedule>;

const ZNamed = { code: ZCode, nameVi: ZText, nameEn: ZText };

/** A unit of this file (`CODE`) or of an earlier campaign (`CAMPAIGN_CODE:UNIT_CODE`). */
const ZUnitRef = z.string().regex(/^([A-Za-z0-9_]{1,48}:)?[A-Za-z0-9_]{1,48}$/, 'a unit is named CODE, or CAMPAIGN_CODE:CODE for a unit of an earlier campaign');
const ZFigureRule = z.enum(['share', 'whole', 'none']);
const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.infer<T>[]);

export const ZLineageKind = z.enum(['renamed', 'merged', 'absorbed', 'split', 'ended']);
export type TLineageKind = z.infer<typeof ZLineageKind>;

/**
 * A change of the catalogue on a day: units that end (`from`) and the units of this file that
 * stand for them from then on (`to`). renamed: one to one; merged: into a unit formed that
 * day; absorbed: into a unit that already existed and goes on; split: one into several, with
 * a rule for reading the old unit's figures; ended: no successor.
 */
export const ZLineageChange = z.object({
  kind: ZLineageKind,
  on: ZDay,
  from: oneOrMany(ZUnitRef),
  to: oneOrMany(z.union([ZCode.transform((unit) => ({ unit, share: undefined as number | undefined })), z.object({ unit: ZCode, share: z.number().gt(0).max(1).optional() })])).default([]),
  // split: how the old unit's figures count for each successor, by default and per criterion
  figures: z.object({ default: ZFigureRule.default('none'), criteria: z.record(ZCode, ZFigureRule).default({}) }).optional(),
  // split: the successor that takes over the contacts and the open work; without it roles end
  // and open work waits for an official
  carryTo: ZCode.optional(),
  unconfirmed: z.boolean().default(false),
  source: ZText.optional(),
  noteVi: ZText.optional(),
  noteEn: ZText.optional(),
});
export type TLineageChange = z.infer<typeof ZLineageChange>;

export const ZLineage = z.object({
  // earlier campaigns this one replaces: archived when this file is loaded, their units ended
  supersedes: z.array(z.object({ campaign: ZCode, on: ZDay })).default([]),
  changes: z.array(ZLineageChange).default([]),
});
export type TLineage = z.infer<typeof ZLineage>;

/** Splits a lineage unit reference into its campaign (null: this file's) and unit code. */
export function parseUnitRef(ref: string, ownCampaign: string): { campaign: string; code: string } {
  const i = ref.indexOf(':');
  return i < 0 ? { campaign: ownCampaign, code: ref } : { campaign: ref.slice(0, i), code: ref.slice(i + 1) };
}

/**
 * The rule by which /tonghop suggests units for the Board to consider. The plan sets no such
 * rule (commendation is proposed by each body within its authority and judged under the law on
 * emulation and commendation), so it is the Board's, stated here and shown with the suggestion.
 */
export const ZSuggestionRule = z.object({
  annualReportOnTime: z.boolean().default(true),
  allJudgedTargetsMet: z.boolean().default(true),
  minJudgedCriteria: z.number().int().min(0).default(1),
  descriptionVi: ZText.default('Nộp báo cáo năm đúng hạn và đạt mọi chỉ tiêu được đánh giá của đơn vị'),
  descriptionEn: ZText.default('Annual report on time and every judged target of the unit met'),
});
export type TSuggestionRule = z.infer<typeof ZSuggestionRule>;

export const ZCampaignFile = z
  .object({
    code: ZCode,
    nameVi: ZText,
    nameEn: ZText,
    /** Printed at the head of exported documents: "Ủy ban nhân dân tỉnh Đắk Nông". */
    issuerVi: ZText.optional(),
    /** The office that runs the campaign, under the issuer: "Ban Thi đua - Khen thưởng". */
    authorityVi: ZText.optional(),
    startYear: ZYear,
    endYear: ZYear,
    // reporting is expected from this day; unset: the day the file is first loaded
    goLive: ZDay.optional(),
    timezone: z.string().default('Asia/Ho_Chi_Minh'),
    phases: z
      .array(
        z.object({
          ...ZNamed,
          startYear: ZYear,
          endYear: ZYear,
          reviewYear: ZYear,
          reviewKind: z.enum(['midterm', 'final']),
        }),
      )
      .min(1),
    unitKinds: z
      .array(
        z.object({
          ...ZNamed,
          // a citizen may name a unit of this kind as the place of a waste report (communes and
          // wards since 2025, districts before); no kind is a place unless its file says so
          place: z.boolean().default(false),
        }),
      )
      .min(1),
    areas: z.array(z.object(ZNamed)).default([]),
    units: z.array(
      z.object({
        ...ZNamed,
        kind: ZCode,
        shortName: ZText.optional(),
        parent: ZCode.optional(),
        leadAreas: z.array(ZCode).default([]),
        // the days the unit exists, both included; a unit formed by a lineage entry starts on its day
        validFrom: ZDay.optional(),
        validTo: ZDay.optional(),
      }),
    ),
    lineage: ZLineage.default({ supersedes: [], changes: [] }),
    criteria: z.array(
      z.object({
        code: ZCode,
        group: z.enum(['infrastructure', 'thrift']),
        titleVi: ZText,
        titleEn: ZText,
        measure: ZMeasure,
        direction: ZDirection,
        audience: z.array(ZCode).min(1),
        area: ZCode.optional(),
        // A single undated target used to be read as valid for every year; targets now name
        // their phase, so an old file is told what to write instead of being guessed.
        target: z.never({ message: 'write targets: [{ "phase": "P1", "basis": "annual", "value": … }] instead of target' }).optional(),
        scope: ZScope,
        owner: ZCode.optional(),
        rollup: ZRollup.optional(),
        weightCriterion: ZCode.optional(),
        targets: z
          .array(
            z.object({
              phase: ZCode,
              year: ZYear.optional(),
              basis: ZBasis,
              fromYear: ZYear.optional(),
              value: z.number().optional(),
              max: z.number().optional(),
              text: ZText.optional(),
              noteVi: ZText.optional(),
              noteEn: ZText.optional(),
            }),
          )
          .default([]),
        noteVi: ZText.optional(),
        noteEn: ZText.optional(),
        unitLabelVi: ZText.optional(),
        unitLabelEn: ZText.optional(),
        allowAbove100: z.boolean().default(false),
        /** A rate of change (growth), not a share: from -100% (all gone) up, never asked as a ratio. */
        rateOfChange: z.boolean().default(false),
      }),
    ),
    wasteCategories: z.array(z.object(ZNamed)).min(1),
    awardForms: z.array(z.object({ ...ZNamed, level: z.enum(['annual', 'phase']).default('phase') })).default([]),
    commendationSuggestion: ZSuggestionRule.default(ZSuggestionRule.parse({})),
    reportSections: z
      .array(z.object({ code: ZCode, titleVi: ZText, titleEn: ZText, promptVi: ZText, promptEn: ZText }))
      .min(1),
    holidays: z.array(z.object({ day: ZDay, nameVi: ZText, nameEn: ZText })).default([]),
    schedule: ZCampaignSchedule.default({ quietHours: { start: '21:00', end: '07:00' }, skipWeekends: true, cycles: [] }),
  })
  .superRefine((file, ctx) => {
    const kinds = new Set(file.unitKinds.map((k) => k.code));
    const areas = new Set(file.areas.map((a) => a.code));
    const units = new Set(file.units.map((u) => u.code));
    const unique = (list: { code: string }[], path: string) => {
      const seen = new Set<string>();
      list.forEach((item, i) => {
        if (seen.has(item.code)) ctx.addIssue({ code: 'custom', path: [path, i, 'code'], message: `duplicate code ${item.code}` });
        seen.add(item.code);
      });
    };
    unique(file.unitKinds, 'unitKinds');
    unique(file.areas, 'areas');
    unique(file.units, 'units');
    unique(file.criteria, 'criteria');
    unique(file.wasteCategories, 'wasteCategories');
    unique(file.reportSections, 'reportSections');
    file.units.forEach((u, i) => {
      if (!kinds.has(u.kind)) ctx.addIssue({ code: 'custom', path: ['units', i, 'kind'], message: `unknown unit kind ${u.kind}` });
      if (u.parent && !units.has(u.parent))
        ctx.addIssue({ code: 'custom', path: ['units', i, 'parent'], message: `unknown parent unit ${u.parent}` });
      u.leadAreas.forEach((a, j) => {
        if (!areas.has(a)) ctx.addIssue({ code: 'custom', path: ['units', i, 'leadAreas', j], message: `unknown area ${a}` });
      });
    });
    const unitKind = new Map(file.units.map((u) => [u.code, u.kind]));
    const phases = new Map(file.phases.map((p) => [p.code, p]));
    const criteria = new Map(file.criteria.map((c) => [c.code, c]));
    file.criteria.forEach((c, i) => {
      const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path: ['criteria', i, ...path], message });
      c.audience.forEach((k, j) => {
        if (!kinds.has(k)) issue(['audience', j], `unknown unit kind ${k}`);
      });
      if (c.area && !areas.has(c.area)) issue(['area'], `unknown area ${c.area}`);
      if (c.scope === 'province') {
        if (!c.owner) issue(['owner'], 'a province-wide criterion names the unit that reports it');
        else if (!unitKind.has(c.owner)) issue(['owner'], `unknown unit ${c.owner}`);
        else if (!c.audience.includes(unitKind.get(c.owner)!)) issue(['owner'], `${c.owner} is not of a kind in the audience`);
        if (c.rollup) issue(['rollup'], 'a province-wide criterion has one figure, nothing to roll up');
      } else {
        if (c.owner) issue(['owner'], 'only a province-wide criterion has an owner');
        if (!c.rollup) issue(['rollup'], `say how the units' figures make the province's: one of ${ZRollup.options.join(', ')}`);
        else if (!rollupFits(c.rollup, c.measure)) issue(['rollup'], `${c.rollup} does not fit a ${c.measure} measure`);
        if (c.rollup === 'weighted_mean') {
          const weight = c.weightCriterion ? criteria.get(c.weightCriterion) : undefined;
          if (!weight) issue(['weightCriterion'], 'weighted_mean names the criterion whose figure weighs each unit');
          else if (!['number', 'money'].includes(weight.measure) || weight.scope !== 'unit') issue(['weightCriterion'], `${weight.code} is not a per-unit amount or count`);
        } else if (c.weightCriterion) issue(['weightCriterion'], 'only weighted_mean has a weight');
      }
      const seen = new Set<string>();
      c.targets.forEach((t, j) => {
        const phase = phases.get(t.phase);
        if (!phase) return issue(['targets', j, 'phase'], `unknown phase ${t.phase}`);
        if (t.year !== undefined && (t.year < phase.startYear || t.year > phase.endYear)) issue(['targets', j, 'year'], `${t.year} is not in phase ${t.phase}`);
        const key = `${t.phase}/${t.year ?? ''}`;
        if (seen.has(key)) issue(['targets', j], `a second target for ${t.phase}${t.year ? ` ${t.year}` : ''}`);
        seen.add(key);
        if (t.basis === 'cumulative' && !['number', 'money'].includes(c.measure)) issue(['targets', j, 'basis'], 'only amounts and counts add up over years');
        if (t.fromYear !== undefined && t.basis !== 'cumulative') issue(['targets', j, 'fromYear'], 'fromYear belongs to a cumulative target');
        if (t.fromYear !== undefined && t.fromYear > (t.year ?? phase.endYear)) issue(['targets', j, 'fromYear'], 'fromYear is after the end of the target');
        if (t.value === undefined && t.text === undefined) issue(['targets', j], 'a target has a value or a text');
        if (t.max !== undefined && t.value !== undefined && t.max < t.value) issue(['targets', j, 'max'], 'max is below value');
      });
    });
    file.schedule.cycles.forEach((cycle, i) => {
      cycle.appliesTo.forEach((k, j) => {
        if (!kinds.has(k))
          ctx.addIssue({ code: 'custom', path: ['schedule', 'cycles', i, 'appliesTo', j], message: `unknown unit kind ${k}` });
      });
    });
    if (file.endYear < file.startYear)
      ctx.addIssue({ code: 'custom', path: ['endYear'], message: 'endYear is before startYear' });
    file.units.forEach((u, i) => {
      if (u.validFrom && u.validTo && u.validTo < u.validFrom)
        ctx.addIssue({ code: 'custom', path: ['units', i, 'validTo'], message: 'validTo is before validFrom' });
    });
    checkLineage(file, ctx);
  });

function checkLineage(
  file: { code: string; units: { code: string }[]; criteria: { code: string; rollup?: string | undefined }[]; lineage: TLineage },
  ctx: z.RefinementCtx,
) {
  const units = new Set(file.units.map((u) => u.code));
  const criteria = new Set(file.criteria.map((c) => c.code));
  const superseded = new Set<string>();
  file.lineage.supersedes.forEach((s, i) => {
    if (s.campaign === file.code) ctx.addIssue({ code: 'custom', path: ['lineage', 'supersedes', i, 'campaign'], message: 'a campaign cannot supersede itself' });
    superseded.add(s.campaign);
  });
  const ended = new Map<string, number>();
  file.lineage.changes.forEach((c, i) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path: ['lineage', 'changes', i, ...path], message });
    const counts: Record<TLineageKind, [from: string, to: string]> = {
      renamed: ['exactly one', 'exactly one'],
      merged: ['one or more', 'exactly one'],
      absorbed: ['one or more', 'exactly one'],
      split: ['exactly one', 'two or more'],
      ended: ['one or more', 'none'],
    };
    const [fromCount, toCount] = counts[c.kind];
    const fits = (wanted: string, n: number) => (wanted === 'exactly one' ? n === 1 : wanted === 'one or more' ? n >= 1 : wanted === 'two or more' ? n >= 2 : n === 0);
    if (!fits(fromCount, c.from.length)) issue(['from'], `${c.kind} ends ${fromCount} unit${fromCount === 'exactly one' ? '' : 's'}; from has ${c.from.length}`);
    if (!fits(toCount, c.to.length)) issue(['to'], c.kind === 'ended' ? 'an ended unit has no successor: use merged, absorbed or split to name one' : `${c.kind} has ${toCount} successor${toCount === 'exactly one' ? '' : 's'} in to; it has ${c.to.length}`);
    c.from.forEach((ref, j) => {
      const { campaign, code } = parseUnitRef(ref, file.code);
      if (campaign === file.code) {
        if (units.has(code)) issue(['from', j], `${code} is still listed in units: remove it there (its data stays) or drop it from this entry`);
      } else if (!superseded.has(campaign)) {
        issue(['from', j], `${campaign} is not an earlier campaign of this file: add { "campaign": "${campaign}", "on": "${c.on}" } to lineage.supersedes`);
      }
      const key = `${campaign}:${code}`;
      if (ended.has(key)) issue(['from', j], `${ref} already ends in lineage.changes.${ended.get(key)}: a unit ends once (list every successor in one split)`);
      else ended.set(key, i);
    });
    const successors = new Set<string>();
    c.to.forEach((t, j) => {
      if (!units.has(t.unit)) issue(['to', j], `unknown unit ${t.unit}: a successor is a unit of this file's units`);
      if (successors.has(t.unit)) issue(['to', j], `${t.unit} is named twice`);
      successors.add(t.unit);
      if (t.share !== undefined && c.kind !== 'split') issue(['to', j, 'share'], 'only a split divides a unit in shares');
    });
    if (c.kind !== 'split') {
      if (c.figures) issue(['figures'], 'only a split needs a rule for figures: the successor of a rename, merger or absorption carries on the whole unit');
      if (c.carryTo) issue(['carryTo'], `only a split chooses where contacts go: a ${c.kind} unit's go to its successor`);
    } else {
      if (c.carryTo && !successors.has(c.carryTo)) issue(['carryTo'], `${c.carryTo} is not one of this split's successors in to`);
      const rules = c.figures ?? { default: 'none' as const, criteria: {} };
      for (const code of Object.keys(rules.criteria)) if (!criteria.has(code)) issue(['figures', 'criteria', code], `unknown criterion ${code}`);
      // Each successor taking the whole of an amount would count it once per successor in the
      // province's total: an amount is divided by shares, or not carried.
      const summed = file.criteria.filter((k) => k.rollup === 'sum').map((k) => k.code);
      for (const code of summed) {
        if ((rules.criteria[code] ?? rules.default) === 'whole') issue(['figures', ...(code in rules.criteria ? ['criteria', code] : ['default'])], `${code} is summed over units: a split gives it by "share" or "none", never "whole", or the province would count it ${c.to.length} times`);
      }
      if ([rules.default, ...Object.values(rules.criteria)].includes('share')) {
        const shares = c.to.map((t) => t.share);
        if (shares.some((s) => s === undefined)) issue(['to'], 'a "share" rule needs a share on every successor: { "unit": "…", "share": 0.25 }');
        else if (Math.abs(shares.reduce((a, b) => a! + b!, 0)! - 1) > 0.001) issue(['to'], 'the shares of a split add up to 1');
      }
    }
  });
}

export type TCampaignFile = z.infer<typeof ZCampaignFile>;
