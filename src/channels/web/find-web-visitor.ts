import type { Db } from '../../store/db.js';
import { hashVisitorToken, ZVisitorToken } from './web-visitor-token.js';

/** The public id of the visitor holding this cookie value, or null for a missing or unknown one. */
export async function findWebVisitor(db: Db, cookie: string | undefined): Promise<string | null> {
  const token = ZVisitorToken.safeParse(cookie);
  if (!token.success) return null;
  const visitor = await db.webVisitor.findUnique({ where: { tokenHash: hashVisitorToken(token.data) }, select: { publicId: true } });
  return visitor?.publicId ?? null;
}
