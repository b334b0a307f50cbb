import { formatMeasureValue } from '../domain/measure-value.js';
import { periodLabelVi } from '../domain/period.js';
import { latestBy } from '../unit-reporting/latest-per-unit.js';
import type { Tx } from '../store/db.js';
import { valueOf } from '../unit-reporting/record-progress-update.js';

/**
 * The unit's report for a year, created on first use as a draft whose results sections are
 * pre-filled from the year's progress updates; the contact keeps or rewrites them.
 */
export async function ensureAnnualReport(tx: Tx, options: { unitId: string; year: number; now: Date }) {
  const existing = await tx.annualReport.findUnique({ where: { unitId_year: { unitId: options.unitId, year: options.year } } });
  if (existing) return existing;
  const unit = await tx.unit.findUniqueOrThrow({ where: { id: options.unitId } });
  const updates = await tx.progressUpdate.findMany({
    where: { unitId: unit.id, year: options.year, supersededAt: null },
    include: { criterion: true },
    orderBy: { criterion: { sortOrder: 'asc' } },
  });
  // The figure of each criterion that speaks for the year.
  const latest = latestBy(updates, (u) => u.criterionId);
  const line = (u: (typeof updates)[number]) =>
    `- ${u.criterion.titleVi}: ${formatMeasureValue(u.criterion.measure as never, valueOf(u), { vi: u.criterion.unitLabelVi }).vi} (${periodLabelVi(u.period)})`;
  const infra = [...latest.values()].filter((u) => u.criterion.group === 'infrastructure').map(line);
  const thrift = [...latest.values()].filter((u) => u.criterion.group === 'thrift').map(line);
  const savings = [...latest.values()].find((u) => u.criterion.code === 'THRIFT_SAVINGS')?.valueNumber ?? undefined;

  const report = await tx.annualReport.create({
    data: { unitId: unit.id, year: options.year, state: 'draft', createdAt: options.now, updatedAt: options.now },
  });
  const prefill: [string, string[], Record<string, unknown>][] = [
    ['infrastructure', infra, {}],
    ['thrift', thrift, savings !== undefined ? { savingsVnd: savings } : {}],
  ];
  for (const [code, lines, extra] of prefill) {
    if (!lines.length) continue;
    await tx.annualReportSection.create({
      data: { reportId: report.id, sectionCode: code, content: lines.join('\n'), dataJson: JSON.stringify({ confirmed: false, ...extra }), updatedAt: options.now },
    });
  }
  return report;
}
