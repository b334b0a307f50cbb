import type { Tx } from '../store/db.js';

export interface RecordAuditOptions {
  actorId: string | null;
  action: string;
  subjectType?: string;
  subjectId?: string;
  details?: Record<string, unknown>;
  at: Date;
}

/** Appends to the audit log inside the caller's transaction, so the log and the act agree. */
export async function recordAudit(tx: Tx, options: RecordAuditOptions): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: options.actorId,
      action: options.action,
      subjectType: options.subjectType ?? null,
      subjectId: options.subjectId ?? null,
      detailsJson: JSON.stringify(options.details ?? {}),
      createdAt: options.at,
    },
  });
}
