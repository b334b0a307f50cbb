import { randomBytes } from 'node:crypto';
import { hashInviteCode } from '../domain/invite-code.js';
import type { Tx } from '../store/db.js';
import { mergePersons } from './merge-persons.js';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const LINK_TTL_MINUTES = 10;

function normalizeLinkCode(input: string): string | null {
  const cleaned = input.toUpperCase().replace(/[\s-]+/g, '').replace(/^LK/, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return /^[0-9A-HJKMNP-TV-Z]{8}$/.test(cleaned) ? cleaned : null;
}

/**
 * A short one-time code (LK-XXXX-XXXX, valid ten minutes) shown on one channel and typed on
 * another. It is kept like an invite: hashed, expiring, used once.
 *
 * Linking takes three steps, so that neither side can be talked into it without seeing what
 * it means: the code is shown (createLinkCode); the person who typed it is told what will be
 * shared and confirms (claimLinkCode); the person who showed it is told who typed it and
 * confirms too (completeLink), or refuses (refuseLink). The invite row carries the state:
 * `usedAt`/`usedById` once the typing side confirmed, `revokedAt` once the showing side
 * answered, after which nothing can be done with the code again.
 */
export async function createLinkCode(tx: Tx, { personId, now }: { personId: string; now: Date }): Promise<{ code: string; expiresAt: Date }> {
  const bytes = randomBytes(8);
  let body = '';
  for (let i = 0; i < 8; i++) body += ALPHABET[bytes[i]! % 32];
  const expiresAt = new Date(now.getTime() + LINK_TTL_MINUTES * 60_000);
  await tx.invite.create({ data: { codeHash: hashInviteCode(`LK${body}`), role: 'link', createdById: personId, createdAt: now, expiresAt } });
  return { code: `LK-${body.slice(0, 4)}-${body.slice(4)}`, expiresAt };
}

export type TLinkRefusal = 'malformed' | 'unknown' | 'expired' | 'self' | 'bothHaveRoles';

export interface LinkPlan {
  /** The person who keeps everything: the one holding roles, else the one who showed the code. */
  survivorId: string;
  absorbedId: string;
}

/**
 * The merge rule. Roles never move between people: when only one side holds roles it is the
 * one that remains, and the other side's accounts join it; two people who both hold roles
 * (even as contacts of different units) are never linked, because that would hand each one's
 * powers to the other. Revoked roles count as none: they stay revoked either way.
 */
export async function planLink(tx: Tx, options: { creatorId: string; typerId: string }): Promise<{ ok: true; plan: LinkPlan } | { ok: false; reason: TLinkRefusal }> {
  const { creatorId, typerId } = options;
  if (creatorId === typerId) return { ok: false, reason: 'self' };
  const creatorRoles = await tx.roleAssignment.count({ where: { personId: creatorId, revokedAt: null } });
  const typerRoles = await tx.roleAssignment.count({ where: { personId: typerId, revokedAt: null } });
  if (creatorRoles && typerRoles) return { ok: false, reason: 'bothHaveRoles' };
  const plan = typerRoles ? { survivorId: typerId, absorbedId: creatorId } : { survivorId: creatorId, absorbedId: typerId };
  return { ok: true, plan };
}

/** The code someone typed, if it still waits to be typed, with who showed it and the plan. */
export async function findLinkCode(
  tx: Tx,
  { code: rawCode, typerId, now }: { code: string; typerId: string; now: Date },
): Promise<{ ok: true; inviteId: string; creatorId: string; plan: LinkPlan } | { ok: false; reason: TLinkRefusal }> {
  const body = normalizeLinkCode(rawCode);
  if (!body) return { ok: false, reason: 'malformed' };
  const invite = await tx.invite.findUnique({ where: { codeHash: hashInviteCode(`LK${body}`) } });
  if (!invite || invite.role !== 'link' || !invite.createdById) return { ok: false, reason: 'unknown' };
  if (invite.usedAt || invite.revokedAt || invite.expiresAt <= now) return { ok: false, reason: 'expired' };
  const planned = await planLink(tx, { creatorId: invite.createdById, typerId });
  if (!planned.ok) return planned;
  return { ok: true, inviteId: invite.id, creatorId: invite.createdById, plan: planned.plan };
}

/** The typing side confirmed: the code is spent, and now waits for the showing side. */
export async function claimLinkCode(tx: Tx, options: { inviteId: string; typerId: string; now: Date }): Promise<boolean> {
  const { inviteId, typerId, now } = options;
  const { count } = await tx.invite.updateMany({
    where: { id: inviteId, role: 'link', usedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now, usedById: typerId },
  });
  return count === 1;
}

/** A claimed code the showing side may still answer: its own, confirmed by the other side less than ten minutes ago. */
async function closePending(tx: Tx, inviteId: string, creatorId: string, now: Date): Promise<string | null> {
  const since = new Date(now.getTime() - LINK_TTL_MINUTES * 60_000);
  const invite = await tx.invite.findUnique({ where: { id: inviteId } });
  if (!invite || invite.role !== 'link' || invite.createdById !== creatorId || !invite.usedById) return null;
  // One conditional update: a double press, or the same button on two devices, acts once.
  const { count } = await tx.invite.updateMany({
    where: { id: inviteId, revokedAt: null, usedAt: { gt: since } },
    data: { revokedAt: now },
  });
  return count === 1 ? invite.usedById : null;
}

export type CompleteLinkResult = { ok: true; typerId: string; plan: LinkPlan } | { ok: false; reason: TLinkRefusal; typerId?: string };

/** The showing side confirmed: the two people become one, following planLink's rule. */
export async function completeLink(tx: Tx, { inviteId, creatorId, now }: { inviteId: string; creatorId: string; now: Date }): Promise<CompleteLinkResult> {
  const typerId = await closePending(tx, inviteId, creatorId, now);
  if (!typerId) return { ok: false, reason: 'expired' };
  // Roles may have been granted to either side since the code was typed.
  const planned = await planLink(tx, { creatorId, typerId });
  if (!planned.ok) return { ...planned, typerId };
  await mergePersons(tx, planned.plan);
  return { ok: true, typerId, plan: planned.plan };
}

/** The showing side refused: the code is spent and nothing is linked. */
export async function refuseLink(tx: Tx, { inviteId, creatorId, now }: { inviteId: string; creatorId: string; now: Date }): Promise<string | null> {
  return closePending(tx, inviteId, creatorId, now);
}
