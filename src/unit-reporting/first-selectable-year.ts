import { loadTargetsForYear } from '../campaign/criterion-targets.js';
import { getPhaseOf } from '../campaign/get-campaign-schedule.js';
import type { Tx } from '../store/db.js';

/**
 * The earliest year a figure may be given for: the current phase's first, or earlier when the
 * criterion's target adds up years from before it (revenue is the 2021–2025 total).
 */
export async function firstSelectableYear(tx: Tx, options: { campaignId: string; criterionId?: string; year: number }): Promise<number> {
  const phase = await getPhaseOf(tx, options.campaignId, options.year);
  if (!options.criterionId) return phase.startYear;
  const c = await tx.criterion.findUnique({ where: { id: options.criterionId } });
  const fromYear = c ? (await loadTargetsForYear(tx, c.campaignId, options.year))(c.id).fromYear : null;
  return fromYear !== null ? Math.min(phase.startYear, fromYear) : phase.startYear;
}
