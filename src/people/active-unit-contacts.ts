import type { Tx } from '../store/db.js';

/** The people who are a unit's contacts now: their role for it was granted and not revoked. */
export async function activeUnitContacts(tx: Tx, options: { unitId: string }): Promise<string[]> {
  const roles = await tx.roleAssignment.findMany({ where: { unitId: options.unitId, role: 'unit_contact', revokedAt: null }, select: { personId: true }, distinct: ['personId'] });
  return roles.map((r) => r.personId);
}
