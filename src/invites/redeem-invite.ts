import { hashInviteCode, normalizeInviteCode } from '../domain/invite-code.js';
import { ZGrantableRole, type TGrantableRole } from '../domain/role.js';
import { grantRole } from '../people/grant-role.js';
import type { Tx } from '../store/db.js';

export type RedeemInviteResult =
  | { ok: true; role: TGrantableRole; unit: { id: string; nameVi: string; nameEn: string } | null; again: boolean }
  | { ok: false; reason: 'malformed' | 'unknown' | 'expired' | 'used' | 'revoked' };

/**
 * Binds a person with an invite code. The claim is one conditional update, so when two
 * people race with the same code exactly one wins, on SQLite and on PostgreSQL alike.
 */
export async function redeemInvite(tx: Tx, rawCode: string, personId: string, now: Date): Promise<RedeemInviteResult> {
  const code = normalizeInviteCode(rawCode);
  if (!code) return { ok: false, reason: 'malformed' };
  const codeHash = hashInviteCode(code);
  const claimed = await tx.invite.updateMany({
    where: { codeHash, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now, usedById: personId },
  });
  const invite = await tx.invite.findUnique({ where: { codeHash }, include: { unit: true } });
  if (!invite) return { ok: false, reason: 'unknown' };
  const again = claimed.count === 0 && invite.usedById === personId;
  if (claimed.count === 0 && !again) {
    if (invite.revokedAt) return { ok: false, reason: 'revoked' };
    if (invite.usedAt) return { ok: false, reason: 'used' };
    return { ok: false, reason: 'expired' };
  }
  const role = ZGrantableRole.parse(invite.role);
  await grantRole(tx, { personId, role, unitId: invite.unitId, inviteId: invite.id, at: now });
  const unit = invite.unit ? { id: invite.unit.id, nameVi: invite.unit.nameVi, nameEn: invite.unit.nameEn } : null;
  return { ok: true, role, unit, again };
}
