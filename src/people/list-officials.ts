import type { Tx } from '../store/db.js';

export interface ListOfficialsOptions {
  /**
   * Only those whose role holds in this campaign: the Board's (every campaign) and the
   * officials of this campaign or of one it superseded (its `lineage`). Absent: every official.
   */
  lineage?: readonly string[];
}

/** Everyone who is an official now (admins are officials too), each once. */
export async function listOfficials(tx: Tx, options: ListOfficialsOptions): Promise<string[]> {
  const rows = await tx.roleAssignment.findMany({
    where: {
      role: { in: ['official', 'admin'] },
      revokedAt: null,
      ...(options.lineage ? { OR: [{ campaignId: null }, { role: 'admin' }, { campaignId: { in: [...options.lineage] } }] } : {}),
    },
    select: { personId: true },
  });
  return [...new Set(rows.map((r) => r.personId))];
}
