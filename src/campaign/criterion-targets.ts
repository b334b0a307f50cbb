import { phaseOfYear, targetForYear, type TResolvedTarget } from '../domain/phase-target.js';
import type { Tx } from '../store/db.js';

export interface TargetFields {
  targetValue: number | null;
  targetMax: number | null;
  targetText: string | null;
  targetYear: number | null;
  basis: string | null;
  /** the year the figures are for */
  year: number;
  fromYear: number | null;
  phaseVi: string | null;
  phaseEn: string | null;
  targetNoteVi: string | null;
  targetNoteEn: string | null;
  /** Whether the criterion has a target in any phase: one without any needs no "no target" line. */
  hasTargets: boolean;
}

/**
 * The targets of a campaign's criteria as they apply in one year, by criterion id. The old
 * single-target columns of Criterion are not read: a target belongs to a phase.
 */
export async function loadTargetsForYear(tx: Tx, campaignId: string, year: number): Promise<(criterionId: string) => TargetFields> {
  // One at a time: queries of one transaction share a connection (pg deprecates overlapping them).
  const phases = await tx.phase.findMany({ where: { campaignId }, orderBy: { startYear: 'asc' } });
  const targets = await tx.criterionTarget.findMany({ where: { criterion: { campaignId } } });
  const byCriterion = new Map<string, typeof targets>();
  for (const t of targets) byCriterion.set(t.criterionId, [...(byCriterion.get(t.criterionId) ?? []), t]);
  const phase = phaseOfYear(phases, year);
  return (criterionId) => {
    const own = byCriterion.get(criterionId) ?? [];
    return { ...targetFields(targetForYear(own, phases, year), year, phase ?? null), hasTargets: own.length > 0 };
  };
}

export function targetFields(t: TResolvedTarget | null, year: number, phase: { nameVi: string; nameEn: string } | null): Omit<TargetFields, 'hasTargets'> {
  return {
    targetValue: t?.value ?? null,
    targetMax: t?.max ?? null,
    targetText: t?.text ?? null,
    targetYear: t ? t.endYear : null,
    basis: t?.basis ?? null,
    year,
    fromYear: t?.basis === 'cumulative' ? t.fromYear : null,
    phaseVi: phase?.nameVi ?? null,
    phaseEn: phase?.nameEn ?? null,
    targetNoteVi: t?.noteVi ?? null,
    targetNoteEn: t?.noteEn ?? null,
  };
}

/** A criterion with the target of one year in place of its stored columns. */
export function withTargetOf<C extends { id: string }>(criterion: C, targets: (criterionId: string) => TargetFields): C & TargetFields {
  return { ...criterion, ...targets(criterion.id) };
}
