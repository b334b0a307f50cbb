import type { Tx } from '../store/db.js';

/** The latest entries of the audit log, newest first, with who acted. */
export async function listAuditEntries(tx: Tx, options: { take: number }) {
  return tx.auditLog.findMany({ orderBy: { createdAt: 'desc' }, take: options.take, include: { actor: true } });
}
