import { recordAudit } from '../audit/record-audit.js';
import type { Tx } from '../store/db.js';

/**
 * The board sends the unit's result back: it no longer waits, and the reason is kept as an
 * internal note of the report's current status. Returns the note's event.
 */
export async function sendBackResult(tx: Tx, options: { reportId: string; status: string; reason: string; actorId: string; now: Date }): Promise<{ eventId: string }> {
  const { now } = options;
  await tx.wasteReport.update({ where: { id: options.reportId }, data: { proposedResult: null, proposedAt: null, proposedById: null, updatedAt: now } });
  const event = await tx.wasteStatusEvent.create({
    data: { reportId: options.reportId, status: options.status, note: options.reason, audience: 'internal', actorId: options.actorId, createdAt: now },
  });
  await recordAudit(tx, { actorId: options.actorId, action: 'waste.result_sent_back', subjectType: 'waste_report', subjectId: options.reportId, details: { reason: options.reason }, at: now });
  return { eventId: event.id };
}
