import { loadTargetsForYear } from '../campaign/criterion-targets.js';
import { getPhaseOf } from '../campaign/get-campaign-schedule.js';
import type { Tx } from '../store/db.js';

/**
 * The earliest year a figure may be given for: the current phase's first, or earlier when the
 * criterion's target adds up years from before it (revenue is the 2021–2025 total). Last year
 * stays open too, even across phases, while the campaign ran then: its fourth quarter and its
 * year figures are due in the new year, and the reminders and overdue lists ask for them.
 */
export async function firstSelectableYear(tx: Tx, options: { campaignId: string; criterionId?: string; year: number }): Promise<number> {
  const phase = await getPhaseOf(tx, options.campaignId, options.year);
  const first = await tx.phase.findFirst({ where: { campaignId: options.campaignId }, orderBy: { startYear: 'asc' }, select: { startYear: true } });
  const open = Math.min(phase.startYear, Math.max(options.year - 1, first?.startYear ?? phase.startYear));
  if (!options.criterionId) return open;
  const c = await tx.criterion.findUnique({ where: { id: options.criterionId } });
  const fromYear = c ? (await loadTargetsForYear(tx, c.campaignId, options.year))(c.id).fromYear : null;
  return fromYear !== null ? Math.min(open, fromYear) : open;
}
