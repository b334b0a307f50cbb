import { recordAudit } from '../audit/record-audit.js';
import type { Tx } from '../store/db.js';

/** The unit's "done", kept on the report for the board to confirm or send back. */
export async function proposeResult(tx: Tx, options: { reportId: string; text: string; actorId: string; now: Date }): Promise<void> {
  await tx.wasteReport.update({ where: { id: options.reportId }, data: { proposedResult: options.text, proposedAt: options.now, proposedById: options.actorId } });
  await recordAudit(tx, { actorId: options.actorId, action: 'waste.result_proposed', subjectType: 'waste_report', subjectId: options.reportId, details: { note: options.text }, at: options.now });
}
