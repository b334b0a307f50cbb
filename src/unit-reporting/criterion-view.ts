import type { TDirection, TMeasure } from '../domain/criterion.js';
import { evaluateTarget, formatMeasureValue, formatTarget, type TMeasureValue } from '../domain/measure-value.js';
import { bilingual, concat, msg, verbatim, type TMsg } from '../core/message.js';

export interface CriterionLike {
  titleVi: string;
  titleEn: string;
  measure: string;
  direction: string;
  targetValue: number | null;
  targetMax: number | null;
  targetText: string | null;
  targetYear: number | null;
  unitLabelVi: string | null;
  unitLabelEn: string | null;
  /** Set when the target was resolved for a year (see loadTargetsForYear). */
  basis?: string | null;
  year?: number;
  fromYear?: number | null;
  phaseVi?: string | null;
  phaseEn?: string | null;
}

export const spec = (c: CriterionLike) => ({
  measure: c.measure as TMeasure,
  direction: c.direction as TDirection,
  targetValue: c.targetValue,
  targetMax: c.targetMax,
  targetText: c.targetText,
  targetYear: c.targetYear,
  basis: c.basis ?? null,
  year: c.year ?? null,
});

export const criterionTitle = (c: CriterionLike): TMsg => bilingual(c.titleVi, c.titleEn);

export function valueMsg(c: CriterionLike, value: TMeasureValue): TMsg {
  const f = formatMeasureValue(c.measure as TMeasure, value, { vi: c.unitLabelVi, en: c.unitLabelEn });
  return bilingual(f.vi, f.en);
}

/** "≥ 18.400 tỷ đồng (cộng dồn 2021–2025)", or that the phase has no target. */
export function targetLine(c: CriterionLike): TMsg {
  const t = formatTarget(spec(c));
  if (!t) return c.phaseVi ? concat(msg('measure.noTargetInPhase'), bilingual(c.phaseVi, c.phaseEn ?? c.phaseVi), verbatim('.')) : msg('measure.noTarget');
  const parts: TMsg[] = [msg('measure.target'), bilingual(t.vi, t.en)];
  if (c.basis === 'cumulative') parts.push(verbatim(' '), msg('measure.basis.cumulative', { from: c.fromYear ?? '', to: c.targetYear ?? '' }));
  if (c.basis === 'phase_end') parts.push(verbatim(' '), msg('measure.basis.phase_end', { year: c.targetYear ?? '' }));
  return concat(...parts);
}

/** "✅ đạt chỉ tiêu", "⏳ chưa đạt", "đang thực hiện", or nothing to compare with. */
export function verdictMsg(c: CriterionLike, value: TMeasureValue): TMsg {
  return msg(`measure.verdict.${evaluateTarget(spec(c), value)}`);
}

export function periodMsg(period: string): TMsg {
  const [year, q] = period.split('-Q');
  return q ? msg('period.quarter', { quarter: q, year: year! }) : msg('period.year', { year: year! });
}
