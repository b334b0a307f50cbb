import type { Tx } from '../store/db.js';
import { followWasteReport } from './follow-waste-report.js';

/** A duplicate's reporter and followers follow the report that is kept instead. */
export async function carryFollowers(tx: Tx, options: { fromReportId: string; toReportId: string; now: Date }): Promise<void> {
  const report = await tx.wasteReport.findUniqueOrThrow({ where: { id: options.fromReportId }, include: { followers: true } });
  for (const personId of new Set([report.reporterId, ...report.followers.map((f) => f.personId)])) {
    await followWasteReport(tx, { reportId: options.toReportId, personId, now: options.now });
  }
}
