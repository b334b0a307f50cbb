import { z } from 'zod';

/** How a criterion's figure is expressed; decides how input is parsed and shown. */
export const ZMeasure = z.enum(['percent', 'number', 'money', 'boolean', 'date', 'text']);
export type TMeasure = z.infer<typeof ZMeasure>;

/** Whether a higher or a lower figure is better; `none` for qualitative criteria. */
export const ZDirection = z.enum(['higher', 'lower', 'none']);
export type TDirection = z.infer<typeof ZDirection>;

/** Who reports a criterion: one responsible unit for the whole province, or every unit. */
export const ZScope = z.enum(['province', 'unit']);
export type TScope = z.infer<typeof ZScope>;

/**
 * How the units' figures of a per-unit criterion make the province's: their sum, their mean,
 * their mean weighted by another criterion's figure, the share of units meeting the target,
 * yes only if every unit says yes, the latest date, or just how many reported.
 */
export const ZRollup = z.enum(['sum', 'mean', 'weighted_mean', 'share_met', 'all_yes', 'latest_date', 'count_reported']);
export type TRollup = z.infer<typeof ZRollup>;

const ROLLUP_MEASURES: Record<TRollup, TMeasure[]> = {
  sum: ['number', 'money'],
  mean: ['percent', 'number', 'money'],
  weighted_mean: ['percent', 'number', 'money'],
  share_met: ['percent', 'number', 'money', 'boolean', 'date'],
  all_yes: ['boolean'],
  latest_date: ['date'],
  count_reported: ['percent', 'number', 'money', 'boolean', 'date', 'text'],
};
export const rollupFits = (rollup: TRollup, measure: TMeasure) => ROLLUP_MEASURES[rollup].includes(measure);

/**
 * What a target is judged on: each year's figure, the sum of the years since `fromYear`, or
 * the figure at the end of the phase (before then, progress is shown but not judged).
 */
export const ZBasis = z.enum(['annual', 'cumulative', 'phase_end']);
export type TBasis = z.infer<typeof ZBasis>;
