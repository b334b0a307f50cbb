import type { Tx } from '../store/db.js';

/** These units, in the campaign's order. */
export async function findUnits(tx: Tx, options: { unitIds: readonly string[] }) {
  return tx.unit.findMany({ where: { id: { in: [...options.unitIds] } }, orderBy: { sortOrder: 'asc' } });
}
