import type { Tx } from '../store/db.js';

/**
 * The blocks in force, newest first, each named by the report it was made from and never by
 * the person, with how many there are in all.
 */
export async function listActiveBlocks(tx: Tx, options: { take: number }) {
  const where = { liftedAt: null };
  const total = await tx.reportingBlock.count({ where });
  const blocks = total
    ? await tx.reportingBlock.findMany({ where, orderBy: { createdAt: 'desc' }, take: options.take, select: { createdAt: true, report: { select: { code: true } } } })
    : [];
  return { total, blocks };
}
