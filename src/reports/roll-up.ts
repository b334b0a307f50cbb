import type { TMeasure } from '../domain/criterion.js';
import type { TMeasureValue } from '../domain/measure-value.js';

const add = (values: TMeasureValue[]) => values.reduce((a, v) => a + (v.number ?? 0), 0);
const round2 = (n: number) => Math.round(n * 100) / 100;

/** The province's figure from the units' figures, by the rule the campaign file declares. */
export function rollUp(rollup: string, measure: TMeasure, entries: { value: TMeasureValue; weight?: number | undefined }[]): { value: TMeasureValue | null; unweighted?: number } {
  if (!entries.length) return { value: null };
  switch (rollup) {
    case 'sum':
      return { value: { number: add(entries.map((e) => e.value)) } };
    case 'mean':
      return { value: { number: round2(add(entries.map((e) => e.value)) / entries.length) } };
    case 'weighted_mean': {
      const weighted = entries.filter((e) => e.weight !== undefined && e.weight > 0);
      const total = weighted.reduce((a, e) => a + e.weight!, 0);
      if (!total) return { value: null, unweighted: entries.length };
      return { value: { number: round2(weighted.reduce((a, e) => a + (e.value.number ?? 0) * e.weight!, 0) / total) }, unweighted: entries.length - weighted.length };
    }
    case 'all_yes':
      return { value: { bool: entries.every((e) => e.value.bool) } };
    case 'latest_date':
      return { value: { date: entries.map((e) => e.value.date ?? '').sort().at(-1)! } };
    default:
      // share_met and count_reported have no figure of the criterion's measure.
      return { value: measure === 'text' ? { text: String(entries.length) } : null };
  }
}
