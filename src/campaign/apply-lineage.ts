import type { Tx } from '../store/db.js';
import type { TCampaignChanges, TUnitLabel } from './campaign-changes.js';
import { parseUnitRef, type TCampaignFile } from './campaign-file.js';
import { carryOverUnit } from './carry-over-unit.js';
import { CampaignFileError } from '../errors.js';

export interface ApplyLineageOptions {
  file: TCampaignFile;
  campaignId: string;
  batchId: string;
  now: Date;
  changes: TCampaignChanges;
}

type UnitRow = TUnitLabel & { id: string; active: boolean; validTo: string | null };

/** The last day a unit ending on `day` exists. */
export function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Applies the file's lineage section: archives the campaigns it supersedes, records each
 * succession, ends the units that `from` names and carries their contacts and open work over.
 * Units that `from` names but the database lacks (a fresh install) are only reported. Running
 * it again finds the old units ended and nothing left to move.
 */
export async function applyLineage(tx: Tx, options: ApplyLineageOptions): Promise<void> {
  const { file, campaignId, batchId, now, changes } = options;
  const campaigns = new Map<string, string | null>([[file.code, campaignId]]);
  const campaignIdOf = async (code: string) => {
    if (!campaigns.has(code)) campaigns.set(code, (await tx.campaign.findUnique({ where: { code }, select: { id: true } }))?.id ?? null);
    return campaigns.get(code)!;
  };
  const unitOf = async (ref: string): Promise<UnitRow | null> => {
    const { campaign, code } = parseUnitRef(ref, file.code);
    const id = await campaignIdOf(campaign);
    if (!id) return null;
    const row = await tx.unit.findUnique({ where: { campaignId_code: { campaignId: id, code } } });
    return row && { id: row.id, campaign, code, name: row.nameVi, active: row.active, validTo: row.validTo };
  };
  const ownUnit = async (code: string): Promise<UnitRow> => (await unitOf(code))!;

  for (const s of file.lineage.supersedes) {
    const id = await campaignIdOf(s.campaign);
    if (!id) continue;
    const old = await tx.campaign.findUniqueOrThrow({ where: { id } });
    if (!old.archivedAt) {
      await tx.campaign.update({ where: { id }, data: { archivedAt: now, supersededByCode: file.code } });
      changes.archived.push(s.campaign);
    }
  }

  const endedByLineage = new Set<string>();
  for (const change of file.lineage.changes) {
    // One at a time: queries of one transaction share a connection.
    const to = [];
    for (const t of change.to) to.push(await ownUnit(t.unit));
    // A unit formed by the change exists from its day; an absorbing unit goes on as it was.
    if (change.kind !== 'absorbed') {
      for (const [i, t] of change.to.entries()) {
        const own = file.units.find((u) => u.code === t.unit)!;
        if (own.validFrom) continue;
        await refuseIfItHasAPast(tx, { unitId: to[i]!.id, code: t.unit, kind: change.kind, on: change.on, file: file.code });
        await tx.unit.update({ where: { id: to[i]!.id }, data: { validFrom: change.on } });
      }
    }
    const from: UnitRow[] = [];
    const missing: string[] = [];
    for (const ref of change.from) {
      const unit = await unitOf(ref);
      if (unit) from.push(unit);
      else missing.push(ref);
    }
    changes.lineage.push({ kind: change.kind, on: change.on, from: from.map(label), to: to.map(label), missing, unconfirmed: change.unconfirmed });

    const rules = change.figures ?? { default: 'none', criteria: {} };
    const carrier = change.kind === 'split' ? (change.carryTo ? to[change.to.findIndex((t) => t.unit === change.carryTo)]! : null) : (to[0] ?? null);
    for (const old of from) {
      endedByLineage.add(old.id);
      let successionId: string | null = null;
      for (const [i, t] of change.to.entries()) {
        const data = {
          campaignId,
          kind: change.kind,
          effectiveOn: change.on,
          share: t.share ?? null,
          rulesJson: change.kind === 'split' ? JSON.stringify(rules) : '{}',
          carries: carrier?.id === to[i]!.id,
          unconfirmed: change.unconfirmed,
          noteVi: change.noteVi ?? null,
          noteEn: change.noteEn ?? null,
        };
        const row = await tx.unitSuccession.upsert({
          where: { fromUnitId_toUnitId: { fromUnitId: old.id, toUnitId: to[i]!.id } },
          create: { fromUnitId: old.id, toUnitId: to[i]!.id, ...data },
          update: data,
        });
        if (data.carries || (!carrier && i === 0)) successionId = row.id;
      }
      const validTo = dayBefore(change.on);
      if (old.active || old.validTo !== validTo) {
        await tx.unit.update({ where: { id: old.id }, data: { active: false, validTo } });
        if (old.active && old.campaign !== file.code) changes.units.ended.push(label(old));
      }
      changes.moved.push(...(await carryOverUnit(tx, { from: old, to: carrier, successionId, reason: `unit_${change.kind}`, batchId, now })));
    }
  }

  // Nothing of a superseded campaign stays active: a unit no entry names ends without successor.
  for (const s of file.lineage.supersedes) {
    const id = await campaignIdOf(s.campaign);
    if (!id) continue;
    const left = await tx.unit.findMany({ where: { campaignId: id, active: true, id: { notIn: [...endedByLineage] } }, orderBy: { sortOrder: 'asc' } });
    for (const row of left) {
      const old = { id: row.id, campaign: s.campaign, code: row.code, name: row.nameVi };
      await tx.unit.update({ where: { id: row.id }, data: { active: false, validTo: dayBefore(s.on) } });
      changes.units.ended.push(label(old));
      changes.moved.push(...(await carryOverUnit(tx, { from: old, to: null, successionId: null, reason: 'unit_ended', batchId, now })));
    }
  }
}

const label = ({ campaign, code, name }: TUnitLabel): TUnitLabel => ({ campaign, code, name });

/**
 * A merger, rename or split forms its successors on its day, so they get no past: a unit that
 * already has figures, reports or contacts would lose its earlier years from every summary and
 * take over another unit's contacts and reports. That is an absorption written as the wrong
 * kind; the load stops and says so (a reload of the same entry finds its successions and passes).
 */
async function refuseIfItHasAPast(tx: Tx, o: { unitId: string; code: string; kind: string; on: string; file: string }): Promise<void> {
  if (await tx.unitSuccession.count({ where: { toUnitId: o.unitId } })) return;
  const past =
    (await tx.progressUpdate.count({ where: { unitId: o.unitId } })) +
    (await tx.annualReport.count({ where: { unitId: o.unitId } })) +
    (await tx.wasteReport.count({ where: { assignedUnitId: o.unitId } })) +
    (await tx.roleAssignment.count({ where: { unitId: o.unitId } }));
  if (past) {
    throw new CampaignFileError(o.file, [
      `${o.code} already has figures, reports or contacts, so it is not formed on ${o.on} by this ${o.kind}: a unit that goes on and takes others in is "absorbed"`,
    ]);
  }
}
