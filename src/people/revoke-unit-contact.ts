import { recordAudit } from '../audit/record-audit.js';
import type { Tx } from '../store/db.js';

/**
 * Revokes a unit contact's role, recorded in the audit log. Null when the assignment is not a
 * unit contact's role still in force for a unit of `campaignId` (the turn's: an id from an old
 * button may name another movement's contact). Gives the assignment with its unit and person,
 * to tell them.
 */
export async function revokeUnitContact(tx: Tx, options: { assignmentId: string; campaignId: string; actorId: string; now: Date }) {
  const assignment = await tx.roleAssignment.findUnique({ where: { id: options.assignmentId }, include: { unit: true, person: true } });
  if (!assignment || assignment.revokedAt || assignment.role !== 'unit_contact' || assignment.unit?.campaignId !== options.campaignId) return null;
  await tx.roleAssignment.update({ where: { id: assignment.id }, data: { revokedAt: options.now, revokedById: options.actorId } });
  await recordAudit(tx, {
    actorId: options.actorId,
    action: 'role.revoke',
    subjectType: 'role_assignment',
    subjectId: assignment.id,
    details: { unitId: assignment.unitId, personId: assignment.personId },
    at: options.now,
  });
  return assignment;
}
