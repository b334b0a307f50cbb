import { randomBytes } from 'node:crypto';
import { hashInviteCode } from '../domain/invite-code.js';
import type { Tx } from '../store/db.js';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const LINK_TTL_MINUTES = 10;

function normalizeLinkCode(input: string): string | null {
  const cleaned = input.toUpperCase().replace(/[\s-]+/g, '').replace(/^LK/, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return /^[0-9A-HJKMNP-TV-Z]{8}$/.test(cleaned) ? cleaned : null;
}

/**
 * A short one-time code (LK-XXXX-XXXX, valid ten minutes) shown on one channel and typed on
 * another. It is kept like an invite: hashed, expiring, used once.
 */
export async function createLinkCode(tx: Tx, personId: string, now: Date): Promise<{ code: string; expiresAt: Date }> {
  const bytes = randomBytes(8);
  let body = '';
  for (let i = 0; i < 8; i++) body += ALPHABET[bytes[i]! % 32];
  const expiresAt = new Date(now.getTime() + LINK_TTL_MINUTES * 60_000);
  await tx.invite.create({ data: { codeHash: hashInviteCode(`LK${body}`), role: 'link', createdById: personId, createdAt: now, expiresAt } });
  return { code: `LK-${body.slice(0, 4)}-${body.slice(4)}`, expiresAt };
}

export type LinkResult = { ok: true; targetPersonId: string } | { ok: false; reason: 'malformed' | 'unknown' | 'expired' | 'self' };

/**
 * Joins the person typing the code to the person who asked for it: this account, and the
 * roles, reports and follows made from it, move to that person.
 */
export async function linkIdentities(tx: Tx, rawCode: string, personId: string, now: Date): Promise<LinkResult> {
  const body = normalizeLinkCode(rawCode);
  if (!body) return { ok: false, reason: 'malformed' };
  const codeHash = hashInviteCode(`LK${body}`);
  const invite = await tx.invite.findUnique({ where: { codeHash } });
  if (!invite || invite.role !== 'link' || !invite.createdById) return { ok: false, reason: 'unknown' };
  if (invite.createdById === personId) return { ok: false, reason: 'self' };
  const claimed = await tx.invite.updateMany({ where: { codeHash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now, usedById: personId } });
  if (claimed.count !== 1) return { ok: false, reason: 'expired' };
  const target = invite.createdById;
  await tx.identity.updateMany({ where: { personId }, data: { personId: target } });
  await tx.roleAssignment.updateMany({ where: { personId }, data: { personId: target } });
  await tx.wasteReport.updateMany({ where: { reporterId: personId }, data: { reporterId: target } });
  await tx.progressUpdate.updateMany({ where: { submittedById: personId }, data: { submittedById: target } });
  for (const follow of await tx.wasteFollower.findMany({ where: { personId } })) {
    await tx.wasteFollower.upsert({
      where: { reportId_personId: { reportId: follow.reportId, personId: target } },
      create: { reportId: follow.reportId, personId: target, createdAt: follow.createdAt },
      update: {},
    });
  }
  await tx.wasteFollower.deleteMany({ where: { personId } });
  return { ok: true, targetPersonId: target };
}
