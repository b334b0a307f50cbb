import type { Tx } from '../store/db.js';

export interface FindUnitsTodayOptions {
  unitIds: readonly string[];
}

export type TFigureRule = 'share' | 'whole' | 'none';

/** One step of a unit's lineage: a split says how figures count for the later unit. */
export interface TLineageStep {
  kind: string;
  share: number | null;
  rules: { default: TFigureRule; criteria: Record<string, TFigureRule> } | null;
}

export interface TUnitToday {
  unit: { id: string; code: string; nameVi: string; nameEn: string; shortName: string | null };
  /** How the earlier unit became this one; empty when it is the unit itself, unchanged. */
  steps: TLineageStep[];
}

/**
 * The active units each unit's lineage leads to today, following successions through every
 * reorganisation since. An active unit leads to itself; a unit that ended without successor
 * leads nowhere (an empty list).
 */
export async function findUnitsToday(tx: Tx, options: FindUnitsTodayOptions): Promise<Map<string, TUnitToday[]>> {
  const select = { id: true, code: true, nameVi: true, nameEn: true, shortName: true, active: true } as const;
  const start = await tx.unit.findMany({ where: { id: { in: [...options.unitIds] } }, select });
  type Path = { origin: string; unit: (typeof start)[number]; steps: TLineageStep[] };
  const result = new Map<string, TUnitToday[]>(start.map((u) => [u.id, []]));
  let frontier: Path[] = start.map((u) => ({ origin: u.id, unit: u, steps: [] }));
  // A lineage has no cycles (a unit ends once); the bound guards a hand-edited database.
  for (let depth = 0; frontier.length && depth < 20; depth++) {
    const open = frontier.filter((p) => !p.unit.active);
    for (const p of frontier.filter((p) => p.unit.active)) {
      const { active: _, ...unit } = p.unit;
      result.get(p.origin)!.push({ unit, steps: p.steps });
    }
    if (!open.length) break;
    const edges = await tx.unitSuccession.findMany({ where: { fromUnitId: { in: [...new Set(open.map((p) => p.unit.id))] } }, include: { toUnit: { select } } });
    frontier = open.flatMap((p) =>
      edges
        .filter((e) => e.fromUnitId === p.unit.id)
        .map((e) => ({
          origin: p.origin,
          unit: e.toUnit,
          steps: [...p.steps, { kind: e.kind, share: e.share, rules: e.kind === 'split' ? (JSON.parse(e.rulesJson) as TLineageStep['rules']) : null }],
        })),
    );
  }
  return result;
}
