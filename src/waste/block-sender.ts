import { recordAudit } from '../audit/record-audit.js';
import type { Tx } from '../store/db.js';

export interface BlockSenderOptions {
  reportId: string;
  actorId: string;
  now: Date;
}

/**
 * Stops the sender of one report from filing new ones. Nothing already sent is hidden or
 * touched: hiding the person's other reports, or saying they were already blocked from
 * another report, would tell the official who is behind an anonymous one. Blocking the same
 * report twice is one block.
 */
export async function blockSender(tx: Tx, options: BlockSenderOptions): Promise<{ blockId: string }> {
  const report = await tx.wasteReport.findUniqueOrThrow({ where: { id: options.reportId }, select: { id: true, reporterId: true } });
  const existing = await tx.reportingBlock.findFirst({ where: { reportId: report.id, liftedAt: null } });
  if (existing) return { blockId: existing.id };
  const block = await tx.reportingBlock.create({
    data: { reportId: report.id, personId: report.reporterId, createdAt: options.now, createdById: options.actorId },
  });
  await recordAudit(tx, {
    actorId: options.actorId,
    action: 'waste.block_sender',
    subjectType: 'waste_report',
    subjectId: report.id,
    details: { blockId: block.id },
    at: options.now,
  });
  return { blockId: block.id };
}
