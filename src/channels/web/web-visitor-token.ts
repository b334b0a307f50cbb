import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';

export const VISITOR_COOKIE = 'thidua_visitor';

/**
 * What the cookie may hold: a new 43-character token, or the 24-character value of cookies
 * issued before tokens were hashed (those visitors keep theirs).
 */
export const ZVisitorToken = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/);

/** A new cookie secret: 256 random bits. */
export function newVisitorToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The visitor's public id, the web identity's externalId: random, unrelated to the token, so
 * it may appear in logs, update ids and ADMINS. Shorter than any token, so one is never taken
 * for the other.
 */
export function newVisitorPublicId(): string {
  return randomBytes(12).toString('base64url');
}

/**
 * Only this is stored. The token is 256 random bits (or 144 for old cookies), so a fast hash
 * without salt cannot be reversed by guessing.
 */
export function hashVisitorToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
