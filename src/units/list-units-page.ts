import type { Tx } from '../store/db.js';

export interface ListUnitsPageOptions {
  campaignId: string;
  /** Only units of this kind; every kind when absent. */
  kindId?: string;
  page: number;
  pageSize: number;
}

/** One page of the campaign's active units in their order, and how many there are in all. */
export async function listUnitsPage(tx: Tx, options: ListUnitsPageOptions) {
  const where = { campaignId: options.campaignId, active: true, ...(options.kindId ? { kindId: options.kindId } : {}) };
  const total = await tx.unit.count({ where });
  const units = await tx.unit.findMany({ where, orderBy: { sortOrder: 'asc' }, skip: options.page * options.pageSize, take: options.pageSize });
  return { units, total };
}
