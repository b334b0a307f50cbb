import type { Tx } from '../store/db.js';

export async function findWasteCategory(tx: Tx, options: { categoryId: string }) {
  return tx.wasteCategory.findUnique({ where: { id: options.categoryId } });
}
