import { getCampaignSchedule } from '../campaign/get-campaign-schedule.js';
import { upcomingDue } from '../cycles/reporting-calendar.js';
import type { Tx } from '../store/db.js';

/**
 * What is due next for a unit, by its kind's cycles in its own campaign's calendar (a contact
 * may report to several movements), with the state of an annual report that is due.
 */
export async function loadUnitDue(tx: Tx, options: { unitId: string; now: Date }) {
  const unit = await tx.unit.findUniqueOrThrow({ where: { id: options.unitId }, include: { kind: true } });
  const due = upcomingDue(await getCampaignSchedule(tx, unit.campaignId), unit.kind.code, options.now);
  const items = [];
  for (const item of due) {
    const report =
      item.kind === 'annual_report' ? await tx.annualReport.findUnique({ where: { unitId_year: { unitId: options.unitId, year: Number(item.period) } } }) : null;
    items.push({ ...item, annualReportState: report?.state ?? null });
  }
  return items;
}
