import { z } from 'zod';
import type { TMeasure } from './criterion.js';
import { parseVietnameseNumber } from './parse-number.js';

/** A figure in one of the measures; stored in the matching column of a progress update. */
export const ZMeasureValue = z.object({
  number: z.number().optional(),
  bool: z.boolean().optional(),
  date: z.string().optional(),
  text: z.string().optional(),
});
export type TMeasureValue = z.infer<typeof ZMeasureValue>;

/**
 * A figure, an error to explain, or a question: the input reads as a figure, but as one the
 * contact may not have meant ("0,855" for a percentage, "1.234,5" for an amount without its
 * unit); `choices` are the readings to offer, the likeliest first.
 */
export type ParseMeasureResult =
  | { ok: true; value: TMeasureValue }
  | { ok: false; errorKey: string; params?: Record<string, string | number> }
  | { ok: 'ask'; questionKey: string; choices: TMeasureValue[] };

/** Amounts under this, typed without a unit, are asked about: no criterion counts single đồng. */
export const PLAUSIBLE_MONEY_WITHOUT_UNIT = 1_000_000;

/**
 * Figures beyond what any unit of a province reports: at or above `ask` the contact confirms
 * (a digit or a unit typed twice would add a whole unit's worth to the province's total);
 * above `max` the figure is refused. A province's yearly revenue is in the tens of thousands
 * of billions of đồng; its counts of projects, cases or initiatives in the hundreds.
 */
export const LARGE_FIGURE = {
  money: { ask: 100_000e9, max: 1_000_000e9 },
  number: { ask: 1_000, max: 100_000 },
} as const;

const roundTo = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

const YES = new Set(['co', 'có', 'yes', 'y', 'rồi', 'roi', 'đã', 'da', 'x', '1', 'đạt', 'dat', 'true']);
const NO = new Set(['không', 'khong', 'ko', 'k', 'no', 'n', 'chưa', 'chua', '0', 'false']);

/**
 * Reads what a unit contact typed for a criterion. Percentages stay within 0–100 unless the
 * criterion allows more (disbursement can exceed the plan); a rate of change (growth) may be
 * negative, down to -100%; amounts are never negative.
 */
export function parseMeasureValue(measure: TMeasure, input: string, options: { allowAbove100?: boolean; rateOfChange?: boolean } = {}): ParseMeasureResult {
  const text = input.trim();
  switch (measure) {
    case 'percent': {
      const n = parseVietnameseNumber(text);
      if (!n) return { ok: false, errorKey: 'measure.error.percent' };
      if (options.rateOfChange) {
        // "0,8" is 0,8% growth: a rate of change is never a ratio typed for a share.
        if (n.value < -100 || n.value > 1000) return { ok: false, errorKey: 'measure.error.rateRange', params: { max: 1000 } };
        return { ok: true, value: { number: n.value } };
      }
      const max = options.allowAbove100 ? 1000 : 100;
      if (n.value < 0 || n.value > max) return { ok: false, errorKey: 'measure.error.percentRange', params: { max } };
      // 0,855 is more often a ratio typed for 85,5% than a figure under one percent.
      if (!n.percent && n.value > 0 && n.value < 1) {
        return { ok: 'ask', questionKey: 'measure.question.percentFraction', choices: [{ number: roundTo(n.value * 100, 6) }, { number: n.value }] };
      }
      return { ok: true, value: { number: n.value } };
    }
    case 'number': {
      const n = parseVietnameseNumber(text);
      if (!n || n.percent) return { ok: false, errorKey: 'measure.error.number' };
      if (n.value < 0) return { ok: false, errorKey: 'measure.error.negative' };
      // Counts of projects, cases and initiatives: there is no half a project.
      if (!Number.isInteger(n.value)) return { ok: false, errorKey: 'measure.error.whole' };
      return large('number', n.value) ?? { ok: true, value: { number: n.value } };
    }
    case 'money': {
      const n = parseVietnameseNumber(text);
      if (!n || n.percent) return { ok: false, errorKey: 'measure.error.money' };
      if (n.value < 0) return { ok: false, errorKey: 'measure.error.negative' };
      // "1.234,5" with no unit: 1.235 đồng is never what a department means; ask which unit.
      if (!n.unit && n.value > 0 && n.value < PLAUSIBLE_MONEY_WITHOUT_UNIT) {
        return { ok: 'ask', questionKey: 'measure.question.moneyUnit', choices: [{ number: Math.round(n.value * 1e9) }, { number: Math.round(n.value * 1e6) }, { number: Math.round(n.value) }] };
      }
      return large('money', Math.round(n.value)) ?? { ok: true, value: { number: Math.round(n.value) } };
    }
    case 'boolean': {
      const word = text.toLowerCase().normalize('NFC').replace(/[.!]+$/, '');
      if (YES.has(word)) return { ok: true, value: { bool: true } };
      if (NO.has(word)) return { ok: true, value: { bool: false } };
      return { ok: false, errorKey: 'measure.error.boolean' };
    }
    case 'date': {
      const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
      if (!m) return { ok: false, errorKey: 'measure.error.date' };
      const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const d = new Date(Date.UTC(year, month - 1, day));
      if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day || year < 2000 || year > 2100) {
        return { ok: false, errorKey: 'measure.error.date' };
      }
      return { ok: true, value: { date: d.toISOString().slice(0, 10) } };
    }
    case 'text': {
      if (text.length < 3) return { ok: false, errorKey: 'measure.error.text' };
      if ([...text].length > 2000) return { ok: false, errorKey: 'measure.error.textLong', params: { max: 2000 } };
      return { ok: true, value: { text } };
    }
  }
}

/** A figure too large to take as typed (see LARGE_FIGURE), or undefined. */
function large(measure: keyof typeof LARGE_FIGURE, value: number): ParseMeasureResult | undefined {
  const { ask, max } = LARGE_FIGURE[measure];
  if (value > max) return { ok: false, errorKey: `measure.error.${measure}TooLarge`, params: { max: measure === 'money' ? max / 1e9 : max } };
  if (value >= ask) return { ok: 'ask', questionKey: 'measure.question.large', choices: [{ number: value }] };
  return undefined;
}

export interface TargetSpec {
  measure: TMeasure;
  direction: 'higher' | 'lower' | 'none';
  targetValue: number | null;
  targetMax: number | null;
  targetYear: number | null;
  /** annual (the default), cumulative or phase_end; see ZBasis */
  basis?: string | null;
  /** the year the figure is for: before targetYear a cumulative or end-of-phase target is not yet judged */
  year?: number | null;
}

export type TVerdict = 'met' | 'not_met' | 'no_target' | 'in_progress';

/**
 * Met, not yet, or no target to compare with. A cumulative or end-of-phase target that is not
 * reached before its last year is "in progress", not failed.
 */
export function evaluateTarget(spec: TargetSpec, value: TMeasureValue): TVerdict {
  const verdict = compare(spec, value);
  const early = spec.basis && spec.basis !== 'annual' && spec.year != null && spec.targetYear != null && spec.year < spec.targetYear;
  return verdict === 'not_met' && early ? 'in_progress' : verdict;
}

function compare(spec: TargetSpec, value: TMeasureValue): 'met' | 'not_met' | 'no_target' {
  if (spec.measure === 'text') return 'no_target';
  if (spec.measure === 'boolean') return spec.targetValue === null ? 'no_target' : value.bool ? 'met' : 'not_met';
  if (spec.measure === 'date') {
    if (!spec.targetYear || !value.date) return 'no_target';
    return value.date <= `${spec.targetYear}-12-31` ? 'met' : 'not_met';
  }
  if (spec.targetValue === null || value.number === undefined || spec.direction === 'none') return 'no_target';
  if (spec.direction === 'higher') return value.number >= spec.targetValue ? 'met' : 'not_met';
  // Lower is better: the plan's ceiling is the upper end of a range ("about 62–63%").
  return value.number <= (spec.targetMax ?? spec.targetValue) ? 'met' : 'not_met';
}

const viNumber = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
const enNumber = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** In tỷ when that loses nothing at two decimals (1.234.500.000 is "1.234,5 triệu", not "1,23 tỷ"). */
function money(n: number, fmt: Intl.NumberFormat, billion: string, million: string, unit: string): string {
  const exact = (scale: number) => Math.abs(Math.round((n / scale) * 100) - (n / scale) * 100) < 1e-6;
  if (Math.abs(n) >= 1e9 && (exact(1e9) || !exact(1e6))) return `${fmt.format(n / 1e9)} ${billion}`;
  if (Math.abs(n) >= 1e6) return `${fmt.format(n / 1e6)} ${million}`;
  return `${fmt.format(n)} ${unit}`;
}

/** A figure written for readers of each language: 85,5% and 85.5%, 12 tỷ đồng and VND 12 billion. */
export function formatMeasureValue(measure: TMeasure, value: TMeasureValue, unitLabel?: { vi?: string | null; en?: string | null }): { vi: string; en: string } {
  switch (measure) {
    case 'percent':
      return { vi: `${viNumber.format(value.number ?? 0)}%`, en: `${enNumber.format(value.number ?? 0)}%` };
    case 'money':
      return {
        vi: money(value.number ?? 0, viNumber, 'tỷ đồng', 'triệu đồng', 'đồng'),
        en: `VND ${money(value.number ?? 0, enNumber, 'billion', 'million', '').trim()}`,
      };
    case 'number':
      return {
        vi: `${viNumber.format(value.number ?? 0)}${unitLabel?.vi ? ` ${unitLabel.vi}` : ''}`,
        en: `${enNumber.format(value.number ?? 0)}${unitLabel?.en ? ` ${unitLabel.en}` : ''}`,
      };
    case 'boolean':
      return value.bool ? { vi: 'Có', en: 'Yes' } : { vi: 'Không', en: 'No' };
    case 'date': {
      const [y, m, d] = (value.date ?? '').split('-');
      return { vi: `${d}/${m}/${y}`, en: `${d}/${m}/${y}` };
    }
    case 'text': {
      const t = value.text ?? '';
      return { vi: t, en: t };
    }
  }
}

export function formatTarget(spec: TargetSpec & { targetText: string | null }): { vi: string; en: string } | null {
  if (spec.targetValue === null) return spec.targetText ? { vi: spec.targetText, en: spec.targetText } : null;
  const low = formatMeasureValue(spec.measure, { number: spec.targetValue, bool: spec.targetValue > 0 });
  if (spec.measure === 'boolean') return { vi: 'Có', en: 'Yes' };
  if (spec.targetMax !== null) {
    const high = formatMeasureValue(spec.measure, { number: spec.targetMax });
    return { vi: `${low.vi} – ${high.vi}`, en: `${low.en} – ${high.en}` };
  }
  const sign = spec.direction === 'lower' ? '≤ ' : spec.direction === 'higher' ? '≥ ' : '';
  return { vi: `${sign}${low.vi}`, en: `${sign}${low.en}` };
}
