import type { Tx } from '../store/db.js';

/** Statuses in which a report waits on the unit it was forwarded to. */
export const WITH_A_UNIT = ['forwarded', 'handling'];

/**
 * Open citizen reports left with a unit that no longer exists (a district split with no unit
 * named to take its work, or ended): nobody would answer them, so the Board must forward them
 * again.
 */
export async function countStrandedReports(tx: Tx, _options: Record<string, never>): Promise<number> {
  return tx.wasteReport.count({ where: { status: { in: WITH_A_UNIT }, assignedUnit: { is: { active: false } } } });
}
