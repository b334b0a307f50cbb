import type { Db } from '../../store/db.js';
import { hashVisitorToken, newVisitorPublicId, newVisitorToken } from './web-visitor-token.js';

export interface CreatedWebVisitor {
  publicId: string;
  /** For the cookie only: it is not stored, and must never be logged. */
  token: string;
}

/**
 * A new visitor, stored before their first turn creates the web identity, so that an identity
 * with no visitor row is always one from before tokens were hashed.
 */
export async function createWebVisitor(db: Db): Promise<CreatedWebVisitor> {
  const token = newVisitorToken();
  const publicId = newVisitorPublicId();
  await db.webVisitor.create({ data: { publicId, tokenHash: hashVisitorToken(token) } });
  return { publicId, token };
}
