import { describe, expect, it } from 'vitest';
import { targetForYear, type TPhaseTarget } from '../../src/domain/phase-target.js';

const phases = [
  { code: 'P1', nameVi: 'Giai đoạn 1', nameEn: 'Phase 1', startYear: 2022, endYear: 2025 },
  { code: 'P2', nameVi: 'Giai đoạn 2', nameEn: 'Phase 2', startYear: 2026, endYear: 2030 },
];
const target = (t: Partial<TPhaseTarget>): TPhaseTarget => ({ phaseCode: 'P1', year: null, basis: 'annual', fromYear: null, value: 1, max: null, text: null, noteVi: null, noteEn: null, ...t });

describe('targetForYear', () => {
  it("should take a year's target from its own phase only", () => {
    const targets = [target({ value: 73, basis: 'phase_end' })];
    expect(targetForYear(targets, phases, 2024)).toMatchObject({ value: 73, basis: 'phase_end', endYear: 2025, phase: { code: 'P1' } });
    // Phase 2 has none of its own: phase 1's is not reused.
    expect(targetForYear(targets, phases, 2026)).toBeNull();
    expect(targetForYear(targets, phases, 2021)).toBeNull();
  });

  it('should prefer a target written for the year itself', () => {
    const targets = [target({ value: 10 }), target({ value: 12, year: 2024 }), target({ phaseCode: 'P2', value: 20 })];
    expect(targetForYear(targets, phases, 2024)?.value).toBe(12);
    expect(targetForYear(targets, phases, 2023)?.value).toBe(10);
    expect(targetForYear(targets, phases, 2027)?.value).toBe(20);
  });

  it('should add a cumulative target up from its first year', () => {
    const revenue = targetForYear([target({ basis: 'cumulative', fromYear: 2021, value: 18.4e12 })], phases, 2023)!;
    expect([revenue.fromYear, revenue.endYear]).toEqual([2021, 2025]);
    expect(targetForYear([target({ basis: 'cumulative', value: 5 })], phases, 2023)!.fromYear).toBe(2022);
  });
});
