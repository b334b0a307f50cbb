import type { TBasis } from './criterion.js';

export interface TPhaseSpan {
  code: string;
  nameVi: string;
  nameEn: string;
  startYear: number;
  endYear: number;
}

export interface TPhaseTarget {
  phaseCode: string;
  year: number | null;
  basis: string;
  fromYear: number | null;
  value: number | null;
  max: number | null;
  text: string | null;
  noteVi: string | null;
  noteEn: string | null;
}

/** A target as it applies in one year: judged on its basis, by its end year. */
export interface TResolvedTarget {
  basis: TBasis;
  value: number | null;
  max: number | null;
  text: string | null;
  /** The last year the target covers: the phase's end, or the target's own year. */
  endYear: number;
  /** For a cumulative target, the first year added up. */
  fromYear: number;
  noteVi: string | null;
  noteEn: string | null;
  phase: TPhaseSpan;
}

/** The phase a year falls in; none before the first or after the last. */
export function phaseOfYear<P extends TPhaseSpan>(phases: P[], year: number): P | undefined {
  return phases.find((p) => p.startYear <= year && year <= p.endYear);
}

/**
 * The target that applies in `year`: one written for that very year, else the one of the
 * year's phase. A phase without a target has none — an earlier phase's is never reused.
 */
export function targetForYear(targets: TPhaseTarget[], phases: TPhaseSpan[], year: number): TResolvedTarget | null {
  const phase = phaseOfYear(phases, year);
  if (!phase) return null;
  const own = targets.filter((t) => t.phaseCode === phase.code);
  const t = own.find((x) => x.year === year) ?? own.find((x) => x.year === null) ?? own.find((x) => x.year !== null && x.year > year && x.basis !== 'annual');
  if (!t) return null;
  return {
    basis: t.basis as TBasis,
    value: t.value,
    max: t.max,
    text: t.text,
    endYear: t.year ?? phase.endYear,
    fromYear: t.fromYear ?? phase.startYear,
    noteVi: t.noteVi,
    noteEn: t.noteEn,
    phase,
  };
}
