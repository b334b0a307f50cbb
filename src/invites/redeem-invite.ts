import { hashInviteCode, normalizeInviteCode } from '../domain/invite-code.js';
import { ZGrantableRole, type TGrantableRole } from '../domain/role.js';
import { grantRole } from '../people/grant-role.js';
import type { Tx } from '../store/db.js';

export type RedeemInviteResult =
  | { ok: true; role: TGrantableRole; unit: { id: string; nameVi: string; nameEn: string } | null; again: boolean }
  | { ok: false; reason: 'malformed' | 'unknown' | 'expired' | 'used' | 'revoked' | 'withdrawn' };

/**
 * Binds a person with an invite code. The claim is one conditional update, so when two
 * people race with the same code exactly one wins, on SQLite and on PostgreSQL alike.
 *
 * The person who already used the code may send it again (the t.me link is pressed twice)
 * and is greeted again, but it never grants anything a second time: once the role it gave
 * was revoked, or the code expired or was revoked, the code is refused like any other.
 */
export async function redeemInvite(tx: Tx, options: { code: string; personId: string; now: Date }): Promise<RedeemInviteResult> {
  const { code: rawCode, personId, now } = options;
  const code = normalizeInviteCode(rawCode);
  if (!code) return { ok: false, reason: 'malformed' };
  const codeHash = hashInviteCode(code);
  const claimed = await tx.invite.updateMany({
    where: { codeHash, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now, usedById: personId },
  });
  const invite = await tx.invite.findUnique({ where: { codeHash }, include: { unit: true } });
  if (!invite || invite.role === 'link') return { ok: false, reason: 'unknown' };
  const unit = invite.unit ? { id: invite.unit.id, nameVi: invite.unit.nameVi, nameEn: invite.unit.nameEn } : null;
  const role = ZGrantableRole.parse(invite.role);
  if (claimed.count === 0) {
    if (invite.revokedAt) return { ok: false, reason: 'revoked' };
    if (invite.usedById !== personId) return { ok: false, reason: invite.usedAt ? 'used' : 'expired' };
    if (invite.expiresAt <= now) return { ok: false, reason: 'expired' };
    const granted = await tx.roleAssignment.findFirst({ where: { inviteId: invite.id, personId, revokedAt: null } });
    if (!granted) return { ok: false, reason: 'withdrawn' };
    return { ok: true, role, unit, again: true };
  }
  await grantRole(tx, { personId, role, unitId: invite.unitId, campaignId: invite.campaignId, inviteId: invite.id, at: now });
  return { ok: true, role, unit, again: false };
}
