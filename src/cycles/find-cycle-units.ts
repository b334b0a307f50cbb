import type { Tx } from '../store/db.js';
import type { TCycle } from './cycle-periods.js';

export interface FindCycleUnitsOptions {
  campaignId: string;
  cycle: TCycle;
}

/** The active units a cycle applies to (by their kind), in the campaign's order. */
export async function findCycleUnits(tx: Tx, { campaignId, cycle }: FindCycleUnitsOptions) {
  return tx.unit.findMany({ where: { campaignId, active: true, kind: { code: { in: cycle.appliesTo } } }, orderBy: { sortOrder: 'asc' } });
}

export type CycleUnit = Awaited<ReturnType<typeof findCycleUnits>>[number];
