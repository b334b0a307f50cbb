import type { TDirection, TMeasure } from '../domain/criterion.js';
import { evaluateTarget, formatMeasureValue, formatTarget, type TMeasureValue } from '../domain/measure-value.js';
import { bilingual, concat, msg, type TMsg } from '../flows/engine/message.js';

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
}

export const spec = (c: CriterionLike) => ({
  measure: c.measure as TMeasure,
  direction: c.direction as TDirection,
  targetValue: c.targetValue,
  targetMax: c.targetMax,
  targetText: c.targetText,
  targetYear: c.targetYear,
});

export const criterionTitle = (c: CriterionLike): TMsg => bilingual(c.titleVi, c.titleEn);

export function valueMsg(c: CriterionLike, value: TMeasureValue): TMsg {
  const f = formatMeasureValue(c.measure as TMeasure, value, { vi: c.unitLabelVi, en: c.unitLabelEn });
  return bilingual(f.vi, f.en);
}

export function targetLine(c: CriterionLike): TMsg {
  const t = formatTarget(spec(c));
  return t ? concat(msg('measure.target'), bilingual(t.vi, t.en)) : msg('measure.noTarget');
}

/** "✅ đạt chỉ tiêu", "⏳ chưa đạt", or nothing to compare with. */
export function verdictMsg(c: CriterionLike, value: TMeasureValue): TMsg {
  return msg(`measure.verdict.${evaluateTarget(spec(c), value)}`);
}

export function periodMsg(period: string): TMsg {
  const [year, q] = period.split('-Q');
  return q ? msg('period.quarter', { quarter: q, year: year! }) : msg('period.year', { year: year! });
}
