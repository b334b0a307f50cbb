import type { Tx } from '../store/db.js';

/** A unit's contact roles in force, oldest first, each with its person and their accounts. */
export async function listUnitContactAssignments(tx: Tx, options: { unitId: string }) {
  return tx.roleAssignment.findMany({
    where: { unitId: options.unitId, role: 'unit_contact', revokedAt: null },
    include: { person: { include: { identities: true } } },
    orderBy: { createdAt: 'asc' },
  });
}
