import type { Tx } from '../store/db.js';

export async function findUnit(tx: Tx, options: { unitId: string }) {
  return tx.unit.findUnique({ where: { id: options.unitId } });
}
