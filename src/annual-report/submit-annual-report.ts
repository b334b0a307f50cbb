import { recordAudit } from '../audit/record-audit.js';
import type { Tx } from '../store/db.js';
import { readSectionData } from './report-section-data.js';

export type SubmitResult = { ok: true; number: string; submittedAt: Date; version: number } | { ok: false; reason: 'state' | 'incomplete'; missing?: string[] };

/** Submits (or resubmits) a draft: a numbered version is kept as it was sent. */
export async function submitAnnualReport(tx: Tx, options: { reportId: string; personId: string; now: Date }): Promise<SubmitResult> {
  const report = await tx.annualReport.findUniqueOrThrow({ where: { id: options.reportId }, include: { unit: true, sections: true } });
  if (report.state !== 'draft' && report.state !== 'returned') return { ok: false, reason: 'state' };
  const definitions = await tx.reportSection.findMany({ where: { campaignId: report.unit.campaignId, active: true }, orderBy: { sortOrder: 'asc' } });
  const missing = definitions
    .filter((d) => {
      const s = report.sections.find((x) => x.sectionCode === d.code);
      return !s || !s.content.trim() || !readSectionData(s.dataJson).confirmed;
    })
    .map((d) => d.code);
  if (missing.length) return { ok: false, reason: 'incomplete', missing };
  const version = report.version + 1;
  const number = `BC-${report.year}-${report.unit.code}-${String(version).padStart(2, '0')}`;
  // A conditional update: two contacts pressing "submit" together make one version.
  const { count } = await tx.annualReport.updateMany({
    where: { id: report.id, version: report.version, state: report.state },
    data: { state: 'submitted', version, number, submittedAt: options.now, submittedById: options.personId, returnReason: null },
  });
  if (count !== 1) return { ok: false, reason: 'state' };
  await tx.annualReportVersion.create({
    data: {
      reportId: report.id,
      version,
      submittedAt: options.now,
      submittedById: options.personId,
      snapshotJson: JSON.stringify(report.sections.map((s) => ({ code: s.sectionCode, content: s.content, data: readSectionData(s.dataJson) }))),
    },
  });
  await recordAudit(tx, { actorId: options.personId, action: 'annual_report.submit', subjectType: 'annual_report', subjectId: report.id, details: { version, number }, at: options.now });
  return { ok: true, number, submittedAt: options.now, version };
}
