import { generateInviteCode, hashInviteCode } from '../domain/invite-code.js';
import type { TGrantableRole } from '../domain/role.js';
import type { Tx } from '../store/db.js';

export interface CreateInviteOptions {
  role: TGrantableRole;
  unitId: string | null;
  /** For an official: the one campaign the role will hold in (see RoleAssignment.campaignId). */
  campaignId?: string | null;
  createdById: string | null;
  ttlDays: number;
  now: Date;
}

export interface CreatedInvite {
  id: string;
  /** Shown once to whoever created it; only its hash is kept. */
  code: string;
  expiresAt: Date;
}

export async function createInvite(tx: Tx, options: CreateInviteOptions): Promise<CreatedInvite> {
  if (options.role === 'unit_contact' && !options.unitId) {
    throw new Error('an invite for a unit contact needs the unit');
  }
  const code = generateInviteCode();
  const expiresAt = new Date(options.now.getTime() + options.ttlDays * 86_400_000);
  const invite = await tx.invite.create({
    data: {
      codeHash: hashInviteCode(code),
      role: options.role,
      unitId: options.role === 'unit_contact' ? options.unitId : null,
      campaignId: options.role === 'official' ? (options.campaignId ?? null) : null,
      createdById: options.createdById,
      createdAt: options.now,
      expiresAt,
    },
  });
  return { id: invite.id, code, expiresAt };
}
