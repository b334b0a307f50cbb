import { loadTargetsForYear, withTargetOf } from '../campaign/criterion-targets.js';
import type { Tx } from '../store/db.js';

/** A criterion; given a year, with the target of that year's phase (or none). */
export async function loadCriterion(tx: Tx, options: { criterionId: string; year?: number }) {
  const c = await tx.criterion.findUnique({ where: { id: options.criterionId } });
  if (!c || options.year === undefined) return c;
  return withTargetOf(c, await loadTargetsForYear(tx, c.campaignId, options.year));
}
