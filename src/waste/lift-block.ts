import { recordAudit } from '../audit/record-audit.js';
import type { Tx } from '../store/db.js';

export interface LiftBlockOptions {
  /** The report the block was made from: blocks are named by it, never by the person. */
  reportId: string;
  actorId: string;
  now: Date;
}

/** Lifts the block made from a report. False when that report has no block in force. */
export async function liftBlock(tx: Tx, options: LiftBlockOptions): Promise<boolean> {
  const block = await tx.reportingBlock.findFirst({ where: { reportId: options.reportId, liftedAt: null } });
  if (!block) return false;
  await tx.reportingBlock.update({ where: { id: block.id }, data: { liftedAt: options.now, liftedById: options.actorId } });
  await recordAudit(tx, {
    actorId: options.actorId,
    action: 'waste.unblock_sender',
    subjectType: 'waste_report',
    subjectId: options.reportId,
    details: { blockId: block.id },
    at: options.now,
  });
  return true;
}
