import type { TGrantableRole } from '../domain/role.js';
import type { Tx } from '../store/db.js';

export interface GrantRoleOptions {
  personId: string;
  role: TGrantableRole;
  unitId?: string | null;
  /** An official's role in this campaign only; absent: every campaign. */
  campaignId?: string | null;
  inviteId?: string | null;
  at: Date;
}

/** Gives a role once: granting what the person already has changes nothing. */
export async function grantRole(tx: Tx, options: GrantRoleOptions): Promise<void> {
  const unitId = options.unitId ?? null;
  const campaignId = options.role === 'official' ? (options.campaignId ?? null) : null;
  const active = await tx.roleAssignment.findFirst({
    where: { personId: options.personId, role: options.role, unitId, campaignId, revokedAt: null },
  });
  if (active) return;
  await tx.roleAssignment.create({
    data: { personId: options.personId, role: options.role, unitId, campaignId, inviteId: options.inviteId ?? null, createdAt: options.at },
  });
}
