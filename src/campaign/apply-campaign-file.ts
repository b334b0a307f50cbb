import type { Tx } from '../store/db.js';
import { applyLineage } from './apply-lineage.js';
import { emptyChanges, type TCampaignChanges, type TUnitLabel } from './campaign-changes.js';
import type { CampaignSource } from './read-campaign-file.js';

export interface ApplyCampaignFileOptions {
  source: CampaignSource;
  now: Date;
  /** groups what this load moved, for the notices */
  batchId: string;
}

export interface ApplyCampaignFileResult {
  campaignId: string;
  changes: TCampaignChanges;
}

/**
 * Writes the campaign catalogue into the database, then its lineage. Everything is matched by
 * code, so loading an edited file updates names and targets in place; items dropped from the
 * file are deactivated rather than deleted, because submitted figures and reports point at them.
 */
export async function applyCampaignFile(tx: Tx, { source, now, batchId }: ApplyCampaignFileOptions): Promise<ApplyCampaignFileResult> {
  const { campaign: file, hash } = source;
  const changes = emptyChanges(file.code);
  const before = await tx.campaign.findUnique({ where: { code: file.code }, include: { units: { select: { code: true, nameVi: true, active: true } } } });
  changes.created = !before;
  const fields = {
    nameVi: file.nameVi,
    nameEn: file.nameEn,
    issuerVi: file.issuerVi ?? null,
    authorityVi: file.authorityVi ?? null,
    startYear: file.startYear,
    endYear: file.endYear,
    timezone: file.timezone,
    sourceHash: hash,
    loadedAt: now,
    scheduleJson: JSON.stringify(file.schedule),
    suggestionRuleJson: JSON.stringify(file.commendationSuggestion),
  };
  const goLiveAt = file.goLive ? new Date(`${file.goLive}T00:00:00+07:00`) : undefined;
  const campaign = await tx.campaign.upsert({
    where: { code: file.code },
    create: { code: file.code, ...fields, goLiveAt: goLiveAt ?? now },
    // The go-live day is kept from the first load unless the file names one.
    update: { ...fields, ...(goLiveAt ? { goLiveAt } : {}) },
  });
  if (!campaign.goLiveAt) await tx.campaign.update({ where: { id: campaign.id }, data: { goLiveAt: now } });
  const id = campaign.id;
  const key = (code: string) => ({ campaignId_code: { campaignId: id, code } });

  for (const p of file.phases) {
    const data = { nameVi: p.nameVi, nameEn: p.nameEn, startYear: p.startYear, endYear: p.endYear, reviewYear: p.reviewYear, reviewKind: p.reviewKind };
    await tx.phase.upsert({ where: key(p.code), create: { campaignId: id, code: p.code, ...data }, update: data });
  }
  await tx.phase.deleteMany({ where: { campaignId: id, code: { notIn: file.phases.map((p) => p.code) } } });

  const kindIds = new Map<string, string>();
  for (const k of file.unitKinds) {
    const data = { nameVi: k.nameVi, nameEn: k.nameEn, place: k.place, active: true };
    const row = await tx.unitKind.upsert({ where: key(k.code), create: { campaignId: id, code: k.code, ...data }, update: data });
    kindIds.set(k.code, row.id);
  }
  await deactivateMissing(tx, 'unitKind', id, file.unitKinds);

  const areaIds = new Map<string, string>();
  for (const a of file.areas) {
    const data = { nameVi: a.nameVi, nameEn: a.nameEn, active: true };
    const row = await tx.area.upsert({ where: key(a.code), create: { campaignId: id, code: a.code, ...data }, update: data });
    areaIds.set(a.code, row.id);
  }
  await deactivateMissing(tx, 'area', id, file.areas);

  const unitIds = new Map<string, string>();
  for (const [i, u] of file.units.entries()) {
    const data = {
      nameVi: u.nameVi,
      nameEn: u.nameEn,
      shortName: u.shortName ?? null,
      kindId: kindIds.get(u.kind)!,
      active: true,
      sortOrder: i,
      validFrom: u.validFrom ?? null,
      validTo: u.validTo ?? null,
    };
    const row = await tx.unit.upsert({ where: key(u.code), create: { campaignId: id, code: u.code, ...data }, update: data });
    unitIds.set(u.code, row.id);
    await tx.unitArea.deleteMany({ where: { unitId: row.id } });
    for (const area of u.leadAreas) await tx.unitArea.create({ data: { unitId: row.id, areaId: areaIds.get(area)! } });
  }
  // Parents are linked once every unit exists, so the file may list them in any order.
  for (const u of file.units) {
    await tx.unit.update({
      where: { id: unitIds.get(u.code)! },
      data: { parentId: u.parent ? unitIds.get(u.parent)! : null },
    });
  }
  await deactivateMissing(tx, 'unit', id, file.units);

  for (const [i, c] of file.criteria.entries()) {
    const data = {
      group: c.group,
      titleVi: c.titleVi,
      titleEn: c.titleEn,
      areaId: c.area ? areaIds.get(c.area)! : null,
      measure: c.measure,
      direction: c.direction,
      // Targets live in CriterionTarget, per phase; the old single-target columns are left
      // empty so nothing reads a target outside its phase.
      targetValue: null,
      targetMax: null,
      targetText: null,
      targetYear: null,
      scope: c.scope,
      ownerUnitId: c.owner ? unitIds.get(c.owner)! : null,
      rollup: c.rollup ?? null,
      weightCriterionCode: c.weightCriterion ?? null,
      noteVi: c.noteVi ?? null,
      noteEn: c.noteEn ?? null,
      unitLabelVi: c.unitLabelVi ?? null,
      unitLabelEn: c.unitLabelEn ?? null,
      allowAbove100: c.allowAbove100,
      rateOfChange: c.rateOfChange,
      sortOrder: i,
      active: true,
    };
    const row = await tx.criterion.upsert({ where: key(c.code), create: { campaignId: id, code: c.code, ...data }, update: data });
    await tx.criterionAudience.deleteMany({ where: { criterionId: row.id } });
    for (const kind of c.audience) {
      await tx.criterionAudience.create({ data: { criterionId: row.id, unitKindId: kindIds.get(kind)! } });
    }
    // Nothing refers to a target row: the file's list replaces them.
    await tx.criterionTarget.deleteMany({ where: { criterionId: row.id } });
    for (const t of c.targets) {
      await tx.criterionTarget.create({
        data: {
          criterionId: row.id,
          phaseCode: t.phase,
          year: t.year ?? null,
          basis: t.basis,
          fromYear: t.fromYear ?? null,
          value: t.value ?? null,
          max: t.max ?? null,
          text: t.text ?? null,
          noteVi: t.noteVi ?? null,
          noteEn: t.noteEn ?? null,
        },
      });
    }
  }
  await deactivateMissing(tx, 'criterion', id, file.criteria);

  for (const [i, w] of file.wasteCategories.entries()) {
    const data = { nameVi: w.nameVi, nameEn: w.nameEn, sortOrder: i, active: true };
    await tx.wasteCategory.upsert({ where: key(w.code), create: { campaignId: id, code: w.code, ...data }, update: data });
  }
  await deactivateMissing(tx, 'wasteCategory', id, file.wasteCategories);

  for (const [i, a] of file.awardForms.entries()) {
    const data = { nameVi: a.nameVi, nameEn: a.nameEn, sortOrder: i, active: true };
    await tx.awardForm.upsert({ where: key(a.code), create: { campaignId: id, code: a.code, ...data }, update: data });
  }
  await deactivateMissing(tx, 'awardForm', id, file.awardForms);

  for (const [i, s] of file.reportSections.entries()) {
    const data = { titleVi: s.titleVi, titleEn: s.titleEn, promptVi: s.promptVi, promptEn: s.promptEn, sortOrder: i, active: true };
    await tx.reportSection.upsert({ where: key(s.code), create: { campaignId: id, code: s.code, ...data }, update: data });
  }
  await deactivateMissing(tx, 'reportSection', id, file.reportSections);

  // Nothing refers to holidays, so the list is simply replaced.
  await tx.holiday.deleteMany({ where: { campaignId: id } });
  for (const h of file.holidays) await tx.holiday.create({ data: { campaignId: id, ...h } });

  const label = (code: string, name: string): TUnitLabel => ({ campaign: file.code, code, name });
  const inFile = new Map(file.units.map((u) => [u.code, u]));
  const existing = new Map((before?.units ?? []).map((u) => [u.code, u]));
  for (const u of file.units) {
    const was = existing.get(u.code);
    if (!was) changes.units.added.push(label(u.code, u.nameVi));
    else if (was.nameVi !== u.nameVi) changes.units.renamed.push({ unit: label(u.code, u.nameVi), from: was.nameVi });
    if (was && !was.active) changes.units.reactivated.push(label(u.code, u.nameVi));
  }
  for (const was of existing.values()) if (was.active && !inFile.has(was.code)) changes.units.ended.push(label(was.code, was.nameVi));

  await applyLineage(tx, { file, campaignId: id, batchId, now, changes });
  return { campaignId: id, changes };
}

type Deactivatable = 'unitKind' | 'area' | 'unit' | 'criterion' | 'wasteCategory' | 'awardForm' | 'reportSection';

async function deactivateMissing(tx: Tx, model: Deactivatable, campaignId: string, keep: { code: string }[]) {
  const args = { where: { campaignId, code: { notIn: keep.map((k) => k.code) } }, data: { active: false } };
  // Each delegate has the same updateMany shape; TypeScript cannot see that through the union.
  await (tx[model] as unknown as { updateMany(a: typeof args): Promise<unknown> }).updateMany(args);
}
