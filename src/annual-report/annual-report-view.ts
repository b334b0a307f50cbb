import { formatDateTime } from '../domain/format-date.js';
import { formatMeasureValue } from '../domain/measure-value.js';
import { bilingual, concat, msg, verbatim, type TMsg } from '../core/message.js';
import type { Tx } from '../store/db.js';
import { readSectionData } from './report-section-data.js';

export async function loadAnnualReport(tx: Tx, options: { reportId: string }) {
  const report = await tx.annualReport.findUnique({
    where: { id: options.reportId },
    include: { unit: true, sections: true, versions: { orderBy: { version: 'asc' } } },
  });
  if (!report) return null;
  const definitions = await tx.reportSection.findMany({ where: { campaignId: report.unit.campaignId, active: true }, orderBy: { sortOrder: 'asc' } });
  const awards = await tx.awardForm.findMany({ where: { campaignId: report.unit.campaignId } });
  return { report, definitions, awards };
}
export type LoadedAnnualReport = NonNullable<Awaited<ReturnType<typeof loadAnnualReport>>>;

/** The whole report as text: state, then each section with its typed extras. */
export function annualReportLines({ report, definitions, awards }: LoadedAnnualReport): TMsg[] {
  const lines: TMsg[] = [
    msg('annual.title', { year: report.year }),
    bilingual(report.unit.nameVi, report.unit.nameEn),
    // A report sent again after a return or a reopening shows as resubmitted.
    concat(msg('annual.stateLabel'), msg(`annual.state.${report.state === 'submitted' && report.version > 1 ? 'resubmitted' : report.state}`)),
  ];
  if (report.number) lines.push(concat(msg('annual.numberLabel'), verbatim(report.number)));
  if (report.state === 'returned' && report.returnReason) lines.push(concat(msg('annual.returnReason'), verbatim(report.returnReason)));
  definitions.forEach((def, i) => {
    const section = report.sections.find((s) => s.sectionCode === def.code);
    const data = section ? readSectionData(section.dataJson) : undefined;
    lines.push(verbatim(''), concat(verbatim(`${i + 1}. `), bilingual(def.titleVi, def.titleEn)));
    lines.push(section?.content ? verbatim(section.content) : msg('annual.empty'));
    if (data?.savingsVnd !== undefined) {
      const f = formatMeasureValue('money', { number: data.savingsVnd });
      lines.push(concat(msg('annual.savings'), bilingual(f.vi, f.en)));
    }
    if (data?.awardForm) {
      const award = awards.find((a) => a.code === data.awardForm);
      if (award) lines.push(concat(msg('annual.award'), bilingual(award.nameVi, award.nameEn)));
    }
  });
  return lines;
}

export function historyLines({ report }: LoadedAnnualReport): TMsg[] {
  return report.versions.map((v) => msg('annual.versionLine', { version: v.version, time: formatDateTime(v.submittedAt) }));
}
