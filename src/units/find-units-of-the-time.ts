import type { Prisma, Tx } from '../store/db.js';

export interface FindUnitsOfTheTimeOptions {
  unitIds: readonly string[];
  /** The units of the time, as findUnitsOfYear gives them. */
  unitWhere: Prisma.UnitWhereInput;
}

/**
 * The units of a past time each unit came from, following its lineage back: the unit itself
 * when it existed then, else its predecessors that did (a department formed by a merge comes
 * from the departments it merged). A unit formed from nothing of that time gets none.
 */
export async function findUnitsOfTheTime(tx: Tx, options: FindUnitsOfTheTimeOptions): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(options.unitIds.map((id) => [id, []]));
  let frontier = options.unitIds.map((id) => ({ origin: id, unitId: id }));
  const seen = new Set<string>();
  // A lineage has no cycles (a unit ends once); the bound guards a hand-edited database.
  for (let depth = 0; frontier.length && depth < 20; depth++) {
    const ids = [...new Set(frontier.map((f) => f.unitId))];
    const ofTheTime = new Set((await tx.unit.findMany({ where: { AND: [options.unitWhere, { id: { in: ids } }] }, select: { id: true } })).map((u) => u.id));
    for (const f of frontier) if (ofTheTime.has(f.unitId)) result.get(f.origin)!.push(f.unitId);
    const back = frontier.filter((f) => !ofTheTime.has(f.unitId) && !seen.has(`${f.origin} ${f.unitId}`));
    for (const f of back) seen.add(`${f.origin} ${f.unitId}`);
    if (!back.length) break;
    const edges = await tx.unitSuccession.findMany({ where: { toUnitId: { in: [...new Set(back.map((f) => f.unitId))] } }, select: { fromUnitId: true, toUnitId: true } });
    frontier = back.flatMap((f) => edges.filter((e) => e.toUnitId === f.unitId).map((e) => ({ origin: f.origin, unitId: e.fromUnitId })));
  }
  return result;
}
