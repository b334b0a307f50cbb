import { readSectionData } from '../annual-report/report-section-data.js';
import type { Tx } from '../store/db.js';
import { findAwardForm } from '../units/find-award-form.js';
import { findUnit } from '../units/find-unit.js';
import type { TMoved, TUnitLabel } from './campaign-changes.js';
import { mergeSectionData } from './merge-report-section.js';

/** Citizen reports still waiting for an answer: they follow the unit that has to answer. */
export const OPEN_WASTE_STATUSES = ['received', 'verifying', 'forwarded', 'handling'];

export interface CarryOverUnitOptions {
  from: TUnitLabel & { id: string };
  /** the successor that takes over; null: roles end and open work stays for an official */
  to: (TUnitLabel & { id: string }) | null;
  successionId: string | null;
  /** why the old roles end: unit_renamed, unit_merged, … */
  reason: string;
  batchId: string;
  now: Date;
}

/**
 * Hands an ended unit's live business to its successor: contacts' roles (the old one ends with
 * a reason, a new one carries it on), open citizen reports, annual-report drafts and pending
 * invites. Submitted figures and reports are not touched: they stay true to the unit of their
 * time. Each move is recorded as a UnitTransfer, so the people concerned can be told and a
 * second run finds nothing left to move.
 */
export async function carryOverUnit(tx: Tx, options: CarryOverUnitOptions): Promise<TMoved[]> {
  const { from, to, successionId, reason, batchId, now } = options;
  const moved: TMoved[] = [];
  const record = async (subjectType: TMoved['subjectType'], subjectId: string, subject: string, personId: string | null = null) => {
    moved.push({ subjectType, subject, from: strip(from), to: to && strip(to) });
    await tx.unitTransfer.create({
      data: { successionId, batchId, subjectType, subjectId, fromUnitId: from.id, toUnitId: to?.id ?? null, personId, createdAt: now },
    });
  };
  const recordedBefore = async (subjectId: string) => (await tx.unitTransfer.count({ where: { subjectId, fromUnitId: from.id } })) > 0;

  const roles = await tx.roleAssignment.findMany({
    where: { unitId: from.id, role: 'unit_contact', revokedAt: null },
    include: { person: { select: { displayName: true, chosenName: true } } },
    orderBy: { createdAt: 'asc' },
  });
  for (const role of roles) {
    await tx.roleAssignment.update({ where: { id: role.id }, data: { revokedAt: now, endReason: reason } });
    if (to) {
      const already = await tx.roleAssignment.count({ where: { personId: role.personId, unitId: to.id, role: 'unit_contact', revokedAt: null } });
      if (!already) {
        await tx.roleAssignment.create({ data: { personId: role.personId, role: 'unit_contact', unitId: to.id, carriedFromId: role.id, createdAt: now } });
      }
    }
    await record('role_assignment', role.id, role.person.chosenName ?? role.person.displayName, role.personId);
  }

  const reports = await tx.wasteReport.findMany({
    where: { assignedUnitId: from.id, status: { in: OPEN_WASTE_STATUSES } },
    select: { id: true, code: true },
    orderBy: { createdAt: 'asc' },
  });
  for (const report of reports) {
    if (to) await tx.wasteReport.update({ where: { id: report.id }, data: { assignedUnitId: to.id } });
    else if (await recordedBefore(report.id)) {
      moved.push({ subjectType: 'waste_report', subject: report.code, from: strip(from), to: null });
      continue;
    }
    await record('waste_report', report.id, report.code);
  }

  // A report sent back to the unit is as unfinished as a draft: once the unit has ended, only
  // its successor's contacts can still send it.
  const drafts = await tx.annualReport.findMany({ where: { unitId: from.id, state: { in: ['draft', 'returned'] } }, include: { sections: true }, orderBy: { year: 'asc' } });
  for (const draft of drafts) {
    if (await recordedBefore(draft.id)) {
      if (!to) moved.push({ subjectType: 'annual_report', subject: String(draft.year), from: strip(from), to: null });
      continue;
    }
    // Into a report the successor already sent, nothing goes: the old draft stays, said so.
    if (to && !(await moveDraft(tx, draft, from, to.id))) {
      moved.push({ subjectType: 'annual_report', subject: String(draft.year), from: strip(from), to: null });
      continue;
    }
    await record('annual_report', draft.id, String(draft.year));
  }

  const invites = await tx.invite.findMany({ where: { unitId: from.id, usedAt: null, revokedAt: null, expiresAt: { gt: now } }, select: { id: true, role: true } });
  for (const invite of invites) {
    // An invite for an ended unit would make a contact of a unit nobody reports for.
    await tx.invite.update({ where: { id: invite.id }, data: to ? { unitId: to.id } : { revokedAt: now } });
    await record('invite', invite.id, invite.role);
  }
  return moved;
}

const strip = ({ campaign, code, name }: TUnitLabel): TUnitLabel => ({ campaign, code, name });

/**
 * The successor has one report a year: a draft moves as it is when the successor has none for
 * its year; otherwise its sections are added to the successor's draft under the old unit's
 * name, their figures with them, and the old draft stays where it was.
 */
async function moveDraft(
  tx: Tx,
  draft: { id: string; year: number; sections: { sectionCode: string; content: string; dataJson: string; updatedById: string | null }[] },
  from: TUnitLabel & { id: string },
  toUnitId: string,
): Promise<boolean> {
  const theirs = await tx.annualReport.findUnique({ where: { unitId_year: { unitId: toUnitId, year: draft.year } }, include: { sections: true } });
  if (!theirs) {
    await tx.annualReport.update({ where: { id: draft.id }, data: { unitId: toUnitId } });
    return true;
  }
  // A report already sent keeps its text; the draft's stays readable with the old unit.
  if (theirs.state !== 'draft' && theirs.state !== 'returned') return false;
  const [oldUnit, newUnit] = [await findUnit(tx, { unitId: from.id }), await findUnit(tx, { unitId: toUnitId })];
  for (const section of draft.sections) {
    const ours = readSectionData(section.dataJson);
    if (!section.content.trim() && ours.savingsVnd === undefined && ours.awardForm === undefined) continue;
    const existing = theirs.sections.find((s) => s.sectionCode === section.sectionCode);
    const oldAward = ours.awardForm !== undefined && oldUnit ? await findAwardForm(tx, { campaignId: oldUnit.campaignId, code: ours.awardForm }) : null;
    const newAward = ours.awardForm !== undefined && newUnit ? await findAwardForm(tx, { campaignId: newUnit.campaignId, code: ours.awardForm }) : null;
    const { data, notes } = mergeSectionData({
      theirs: existing ? readSectionData(existing.dataJson) : null,
      ours,
      awardName: oldAward?.nameVi ?? ours.awardForm ?? '',
      awardOffered: newAward?.active ?? false,
    });
    const part = [`— ${from.name}:`, ...(section.content.trim() ? [section.content] : []), ...notes].join('\n');
    const dataJson = JSON.stringify(data);
    if (existing) await tx.annualReportSection.update({ where: { id: existing.id }, data: { content: existing.content.trim() ? `${existing.content}\n\n${part}` : part, dataJson } });
    else await tx.annualReportSection.create({ data: { reportId: theirs.id, sectionCode: section.sectionCode, content: part, dataJson, updatedById: section.updatedById } });
  }
  return true;
}
