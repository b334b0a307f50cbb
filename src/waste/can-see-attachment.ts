import { hasRole } from '../domain/role.js';
import type { TPersonView } from '../core/person-view.js';
import type { Tx } from '../store/db.js';

/** A report's photos are for its reporter, the board's officials and the unit handling it. */
export async function canSeeAttachment(tx: Tx, attachmentId: string, person: TPersonView) {
  const attachment = await tx.attachment.findUnique({ where: { id: attachmentId }, include: { wasteReport: true } });
  if (!attachment) return null;
  const report = attachment.wasteReport;
  const allowed =
    hasRole(person.roles, 'official') ||
    (report !== null && (report.reporterId === person.id || (report.assignedUnitId !== null && person.unitIds.includes(report.assignedUnitId))));
  return allowed ? attachment : null;
}
