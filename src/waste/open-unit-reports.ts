import type { Tx } from '../store/db.js';

/** How many open reports a list shows; the rest are counted. */
export const OPEN_UNIT_REPORTS_SHOWN = 10;

/** Reports forwarded to these units that still wait for the unit's answer, oldest first. */
export async function findOpenUnitReports(tx: Tx, options: { unitIds: readonly string[] }) {
  const where = { assignedUnitId: { in: [...options.unitIds] }, status: { in: ['forwarded', 'handling'] } };
  const reports = await tx.wasteReport.findMany({ where, orderBy: { createdAt: 'asc' }, take: OPEN_UNIT_REPORTS_SHOWN, include: { category: true } });
  const total = await tx.wasteReport.count({ where });
  return { reports, total };
}
