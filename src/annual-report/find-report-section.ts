import type { Tx } from '../store/db.js';

export async function findReportSection(tx: Tx, options: { reportId: string; sectionCode: string }) {
  return tx.annualReportSection.findUnique({ where: { reportId_sectionCode: { reportId: options.reportId, sectionCode: options.sectionCode } } });
}
