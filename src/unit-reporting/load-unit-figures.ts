import { loadTargetsForYear, withTargetOf } from '../campaign/criterion-targets.js';
import { compareFigures } from '../domain/period.js';
import type { Tx } from '../store/db.js';
import { criteriaForUnit } from './criteria-for-unit.js';

/** The criteria a unit answers, with the year's targets, and the figures of that year that stand, latest period first. */
export async function loadUnitFigures(tx: Tx, options: { unitId: string; year: number }) {
  const { unitId, year } = options;
  const unit = await tx.unit.findUniqueOrThrow({ where: { id: unitId }, select: { campaignId: true } });
  const targets = await loadTargetsForYear(tx, unit.campaignId, year);
  const criteria = (await criteriaForUnit(tx, { unitId })).map((c) => withTargetOf(c, targets));
  const rows = await tx.progressUpdate.findMany({ where: { unitId, year, supersededAt: null }, orderBy: { createdAt: 'desc' } });
  // The figure that speaks for the year first (see compareFigures).
  const updates = rows.sort((a, b) => compareFigures(b, a));
  return { criteria, updates };
}
