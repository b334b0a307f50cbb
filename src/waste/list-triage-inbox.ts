import { AWAITING_TRIAGE } from '../domain/waste-status.js';
import type { Tx } from '../store/db.js';
import { WITH_A_UNIT } from './count-stranded-reports.js';

/**
 * One page of the board's inbox, newest first: reports waiting for triage and units' results
 * waiting for the board to confirm them, and reports left with a unit that has ended. A page past the end gives the last one. Every waiting
 * report is listed, a blocked sender's too: leaving some out would show the board which reports
 * share an author, and so who wrote an anonymous one.
 */
export async function listTriageInbox(tx: Tx, options: { page: number; pageSize: number }) {
  // A report left with a unit that has ended waits on nobody: it is the Board's again.
  const where = { OR: [{ status: { in: AWAITING_TRIAGE } }, { proposedResult: { not: null } }, { status: { in: WITH_A_UNIT }, assignedUnit: { is: { active: false } } }] };
  const total = await tx.wasteReport.count({ where });
  const pages = Math.ceil(total / options.pageSize);
  const page = Math.max(0, Math.min(options.page, pages - 1));
  const reports = total
    ? await tx.wasteReport.findMany({
        where,
        orderBy: { createdAt: 'desc' },
        skip: page * options.pageSize,
        take: options.pageSize,
        include: { category: true, localityUnit: true, assignedUnit: { select: { nameVi: true, nameEn: true, active: true } }, _count: { select: { attachments: true } } },
      })
    : [];
  return { total, page, pages, reports };
}
