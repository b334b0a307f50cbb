import type { Tx } from '../store/db.js';
import type { TCycle } from './cycle-periods.js';

export interface FindDoneUnitsOptions {
  cycle: TCycle;
  period: string;
  /** The units to look at; the answer holds only these. */
  unitIds: string[];
}

/**
 * Units that have done what a cycle asks for a period: submitted, sent it on paper, or were
 * told by an official that the period is not required of them.
 */
export async function findDoneUnits(tx: Tx, { cycle, period, unitIds }: FindDoneUnitsOptions): Promise<Set<string>> {
  const done = new Set<string>();
  if (cycle.kind === 'annual_report') {
    const reports = await tx.annualReport.findMany({
      where: { unitId: { in: unitIds }, year: Number(period), state: { in: ['submitted', 'accepted'] } },
      select: { unitId: true },
    });
    for (const r of reports) done.add(r.unitId);
  } else if (cycle.kind === 'quarterly_progress') {
    const updates = await tx.progressUpdate.findMany({ where: { unitId: { in: unitIds }, period }, select: { unitId: true }, distinct: ['unitId'] });
    for (const u of updates) done.add(u.unitId);
  }
  const paper = await tx.cycleStatus.findMany({
    where: { cycleCode: cycle.code, period, unitId: { in: unitIds }, OR: [{ paperAt: { not: null } }, { notRequiredAt: { not: null } }] },
    select: { unitId: true },
  });
  for (const p of paper) done.add(p.unitId);
  return done;
}
