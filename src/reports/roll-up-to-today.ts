import type { TMeasure } from '../domain/criterion.js';
import type { TMeasureValue } from '../domain/measure-value.js';
import type { TLineageStep, TUnitToday } from '../units/find-units-today.js';
import { rollUp } from './roll-up.js';

export interface TFigureEntry {
  unitId: string;
  value: TMeasureValue;
  weight?: number | undefined;
}

export interface TRolledUp {
  entries: { unit: TUnitToday['unit']; value: TMeasureValue; weight?: number | undefined }[];
  /** Figures whose unit leads to no unit today by a rule: ended, or split with `none`. */
  notRolledUp: number;
}

/** Only an amount is divided by a split's share; a rate or a yes/no holds for each part. */
const ADDITIVE = new Set(['sum']);

/**
 * The share of an earlier unit's figure a unit of today takes along one lineage path: 1 for a
 * rename or merge, the split's rule for this criterion otherwise; null when the rule is `none`.
 */
/** A weight is an amount (the capital plan): a split divides it by share whatever the figure's rule. */
const weightFactorOf = (steps: TLineageStep[]): number => steps.reduce((f, step) => f * (step.rules ? (step.share ?? 1) : 1), 1);

function factorOf(steps: TLineageStep[], criterionCode: string): number | null {
  let factor = 1;
  for (const step of steps) {
    if (!step.rules) continue;
    const rule = step.rules.criteria?.[criterionCode] ?? step.rules.default;
    if (rule === 'none') return null;
    if (rule === 'share') factor *= step.share ?? 0;
  }
  return factor;
}

/**
 * Reads figures of the units of their time as figures of today's units, along the lineage:
 * the figures of units merged into one are rolled up by the criterion's own rule (an amount
 * summed, a rate averaged, weighted where every part has its weight, yes only if all said
 * yes, the latest date); a split's successors take the figure whole or by their share, as
 * the lineage records; a figure with no such rule is counted as not rolled up, never guessed.
 */
export function rollUpToToday(
  criterion: { code: string; rollup: string | null; measure: string },
  entries: TFigureEntry[],
  today: Map<string, TUnitToday[]>,
): TRolledUp {
  const additive = ADDITIVE.has(criterion.rollup ?? '');
  const parts = new Map<string, { unit: TUnitToday['unit']; items: { value: TMeasureValue; weight?: number | undefined }[] }>();
  let notRolledUp = 0;
  for (const entry of entries) {
    let taken = false;
    for (const successor of today.get(entry.unitId) ?? []) {
      const factor = factorOf(successor.steps, criterion.code);
      if (factor === null) continue;
      taken = true;
      const value = additive && entry.value.number !== undefined ? { ...entry.value, number: entry.value.number * factor } : entry.value;
      const weight = entry.weight === undefined ? undefined : entry.weight * weightFactorOf(successor.steps);
      const part = parts.get(successor.unit.id) ?? { unit: successor.unit, items: [] };
      part.items.push({ value, weight });
      parts.set(successor.unit.id, part);
    }
    if (!taken) notRolledUp++;
  }
  const measure = criterion.measure as TMeasure;
  const rule = (items: { weight?: number | undefined }[]) => {
    switch (criterion.rollup) {
      case 'share_met':
        return measure === 'boolean' ? 'all_yes' : 'mean';
      case 'weighted_mean':
        // A part without its weight cannot be weighed: the parts are averaged alike instead.
        return items.every((i) => i.weight !== undefined && i.weight > 0) ? 'weighted_mean' : 'mean';
      default:
        return criterion.rollup ?? 'count_reported';
    }
  };
  return {
    entries: [...parts.values()].map(({ unit, items }) => {
      const weights = items.map((i) => i.weight).filter((w): w is number => w !== undefined);
      const value = items.length === 1 ? items[0]!.value : measure === 'text' ? { text: items.map((i) => i.value.text ?? '').filter(Boolean).join('; ') } : rollUp(rule(items), measure, items).value;
      return { unit, value: value ?? items[0]!.value, weight: weights.length ? weights.reduce((a, w) => a + w, 0) : undefined };
    }),
    notRolledUp,
  };
}
