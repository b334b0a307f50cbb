import { describe, expect, it } from 'vitest';
import { rollUpToToday } from '../../src/reports/roll-up-to-today.js';
import type { TLineageStep, TUnitToday } from '../../src/units/find-units-today.js';

const unit = (id: string): TUnitToday['unit'] => ({ id, code: id, nameVi: id, nameEn: id, shortName: null });
const merged: TLineageStep = { kind: 'merged', share: null, rules: null };
const split = (share: number, rule: 'share' | 'whole' | 'none'): TLineageStep => ({ kind: 'split', share, rules: { default: 'none', criteria: { C: rule } } });
const byUnit = (r: ReturnType<typeof rollUpToToday>) => Object.fromEntries(r.entries.map((e) => [e.unit.id, e.value]));

describe('rolling figures up into today\'s units', () => {
  // A and B merged into AB; S split 70/30 into S1 and S2; E ended; K goes on.
  const today = (rule: 'share' | 'whole' | 'none') =>
    new Map<string, TUnitToday[]>([
      ['A', [{ unit: unit('AB'), steps: [merged] }]],
      ['B', [{ unit: unit('AB'), steps: [merged] }]],
      ['S', [{ unit: unit('S1'), steps: [split(0.7, rule)] }, { unit: unit('S2'), steps: [split(0.3, rule)] }]],
      ['E', []],
      ['K', [{ unit: unit('K'), steps: [] }]],
    ]);

  it('should add amounts of merged units and divide a split\'s by share', () => {
    const r = rollUpToToday({ code: 'C', rollup: 'sum', measure: 'money' }, ['A', 'B', 'S', 'E', 'K'].map((id, i) => ({ unitId: id, value: { number: (i + 1) * 100 } })), today('share'));
    expect(byUnit(r)).toEqual({ AB: { number: 300 }, S1: { number: 210 }, S2: { number: 90 }, K: { number: 500 } });
    expect(r.notRolledUp).toBe(1);
  });

  it('should average rates of merged units, weighted when each has its weight, and hold a rate whole in a split', () => {
    const entries = [{ unitId: 'A', value: { number: 90 }, weight: 100 }, { unitId: 'B', value: { number: 100 }, weight: 300 }, { unitId: 'S', value: { number: 80 }, weight: 100 }];
    const r = rollUpToToday({ code: 'C', rollup: 'weighted_mean', measure: 'percent' }, entries, today('share'));
    expect(byUnit(r)).toEqual({ AB: { number: 97.5 }, S1: { number: 80 }, S2: { number: 80 } });
    expect(r.entries.map((e) => e.weight)).toEqual([400, 70, 30]);
    const unweighted = rollUpToToday({ code: 'C', rollup: 'weighted_mean', measure: 'percent' }, [entries[0]!, { unitId: 'B', value: { number: 100 } }], today('share'));
    expect(byUnit(unweighted)).toEqual({ AB: { number: 95 } });
  });

  it('should say yes for a merged unit only if every part did, and leave out a split without a rule', () => {
    const r = rollUpToToday({ code: 'C', rollup: 'share_met', measure: 'boolean' }, [{ unitId: 'A', value: { bool: true } }, { unitId: 'B', value: { bool: false } }, { unitId: 'S', value: { bool: true } }], today('none'));
    expect(byUnit(r)).toEqual({ AB: { bool: false } });
    expect(r.notRolledUp).toBe(1);
  });
});
