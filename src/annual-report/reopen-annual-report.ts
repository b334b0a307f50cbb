import { recordAudit } from '../audit/record-audit.js';
import type { Tx } from '../store/db.js';
import { canReopenAnnualReport } from './can-reopen-annual-report.js';

/** The unit takes its submitted report back to edit; false when it is no longer submitted or the deadline passed. */
export async function reopenAnnualReport(tx: Tx, options: { reportId: string; campaignId: string; personId: string; now: Date }): Promise<boolean> {
  const report = await tx.annualReport.findUniqueOrThrow({ where: { id: options.reportId } });
  if (report.state !== 'submitted' || !(await canReopenAnnualReport(tx, { campaignId: options.campaignId, year: report.year, now: options.now }))) return false;
  await tx.annualReport.update({ where: { id: report.id }, data: { state: 'draft' } });
  await recordAudit(tx, { actorId: options.personId, action: 'annual_report.reopen', subjectType: 'annual_report', subjectId: report.id, at: options.now });
  return true;
}
