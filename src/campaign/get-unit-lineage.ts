import type { Tx } from '../store/db.js';
import type { TLineageKind } from './campaign-file.js';

export interface GetUnitLineageOptions {
  unitId: string;
}

export interface TLineageEdge {
  kind: TLineageKind;
  effectiveOn: string;
  unit: { id: string; code: string; nameVi: string; nameEn: string; campaignCode: string };
  share: number | null;
  /** split: how the earlier unit's figures count for the later one */
  rules: { default: 'share' | 'whole' | 'none'; criteria: Record<string, 'share' | 'whole' | 'none'> } | null;
  unconfirmed: boolean;
}

/**
 * The units a unit came from and the units that followed it, for reading figures across a
 * reorganisation: figures stay stored with the unit of their time, and these edges say how an
 * earlier unit's figures count for a later one.
 */
export async function getUnitLineage(tx: Tx, { unitId }: GetUnitLineageOptions): Promise<{ predecessors: TLineageEdge[]; successors: TLineageEdge[] }> {
  const unit = { select: { id: true, code: true, nameVi: true, nameEn: true, campaign: { select: { code: true } } } };
  const before = await tx.unitSuccession.findMany({ where: { toUnitId: unitId }, include: { fromUnit: unit }, orderBy: { effectiveOn: 'asc' } });
  const after = await tx.unitSuccession.findMany({ where: { fromUnitId: unitId }, include: { toUnit: unit }, orderBy: { effectiveOn: 'asc' } });
  type Edge = { kind: string; effectiveOn: string; share: number | null; rulesJson: string; unconfirmed: boolean };
  const edge = (e: Edge, u: (typeof before)[number]['fromUnit']): TLineageEdge => ({
    kind: e.kind as TLineageKind,
    effectiveOn: e.effectiveOn,
    unit: { id: u.id, code: u.code, nameVi: u.nameVi, nameEn: u.nameEn, campaignCode: u.campaign.code },
    share: e.share,
    rules: e.kind === 'split' ? (JSON.parse(e.rulesJson) as TLineageEdge['rules']) : null,
    unconfirmed: e.unconfirmed,
  });
  return { predecessors: before.map((e) => edge(e, e.fromUnit)), successors: after.map((e) => edge(e, e.toUnit)) };
}
