import type { Tx } from '../store/db.js';

/**
 * The active criteria a unit reports on: those whose audience includes its kind — a
 * province-wide one only for the unit responsible for it — the ones of its lead areas first,
 * then in the campaign's order.
 */
export async function criteriaForUnit(tx: Tx, options: { unitId: string }) {
  const unit = await tx.unit.findUniqueOrThrow({ where: { id: options.unitId }, include: { leadAreas: true } });
  const lead = new Set(unit.leadAreas.map((l) => l.areaId));
  const criteria = await tx.criterion.findMany({
    where: {
      campaignId: unit.campaignId,
      active: true,
      audience: { some: { unitKindId: unit.kindId } },
      OR: [{ scope: { not: 'province' } }, { ownerUnitId: unit.id }],
    },
    orderBy: { sortOrder: 'asc' },
  });
  return [...criteria.filter((c) => c.areaId && lead.has(c.areaId)), ...criteria.filter((c) => !c.areaId || !lead.has(c.areaId))];
}
