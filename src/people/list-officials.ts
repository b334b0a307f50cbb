import type { Tx } from '../store/db.js';

/** Everyone who is an official now (admins are officials too), each once. */
export async function listOfficials(tx: Tx, _options: Record<string, never>): Promise<string[]> {
  const rows = await tx.roleAssignment.findMany({ where: { role: { in: ['official', 'admin'] }, revokedAt: null }, select: { personId: true } });
  return [...new Set(rows.map((r) => r.personId))];
}
