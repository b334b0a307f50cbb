import { recordAudit } from '../audit/record-audit.js';
import type { Tx } from '../store/db.js';

export type ReviewDecision = { action: 'return'; reason: string } | { action: 'accept' };

/**
 * Records the board's decision on a submitted report, if it is still the version the board
 * read; null when there is no such report in `campaignId` (the turn's: an id from an old button
 * may name another movement's report) or it is not waiting for a decision.
 */
export async function decideAnnualReport(tx: Tx, options: { reportId: string; campaignId: string; decision: ReviewDecision; personId: string; now: Date }) {
  const { decision } = options;
  const report = await tx.annualReport.findUnique({ where: { id: options.reportId }, include: { unit: true } });
  if (!report || report.unit.campaignId !== options.campaignId) return null;
  const { count } = await tx.annualReport.updateMany({
    where: { id: report.id, state: 'submitted', version: report.version },
    data: decision.action === 'return' ? { state: 'returned', returnReason: decision.reason } : { state: 'accepted' },
  });
  if (count !== 1) return null;
  await recordAudit(tx, {
    actorId: options.personId,
    action: `annual_report.${decision.action}`,
    subjectType: 'annual_report',
    subjectId: report.id,
    details: decision.action === 'return' ? { reason: decision.reason, version: report.version } : { version: report.version },
    at: options.now,
  });
  return report;
}
