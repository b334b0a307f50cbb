import type { Db } from '../store/db.js';
import { findReferencedFiles } from './find-referenced-files.js';

export interface PruneOrphanFilesOptions {
  db: Db;
  now: Date;
  /** An upload younger than this may still be on its way into a dialog. */
  graceMs: number;
  /** How long an untouched dialog lives; files only such a dialog holds are orphans. */
  conversationTtlMs: number;
  batchSize?: number;
}

/**
 * Removes web uploads nothing refers to any more: refused ones, ones of a dialog that was
 * cancelled or expired. Files the bot made (exports) have no uploader and are never touched.
 * Idempotent: a file attached meanwhile is found referenced and kept. Returns how many went.
 */
export async function pruneOrphanFiles({ db, now, graceMs, conversationTtlMs, batchSize = 200 }: PruneOrphanFilesOptions): Promise<number> {
  const liveSince = new Date(now.getTime() - conversationTtlMs);
  let removed = 0;
  let cursor: string | undefined;
  for (;;) {
    const page = await db.storedFile.findMany({
      where: { uploadedBy: { not: null }, createdAt: { lt: new Date(now.getTime() - graceMs) }, ...(cursor ? { id: { gt: cursor } } : {}) },
      select: { id: true },
      orderBy: { id: 'asc' },
      take: batchSize,
    });
    if (!page.length) return removed;
    cursor = page[page.length - 1]!.id;
    const ids = page.map((f) => f.id);
    const referenced = await findReferencedFiles(db, { ids, liveSince });
    const orphans = ids.filter((id) => !referenced.has(id));
    if (orphans.length) removed += (await db.storedFile.deleteMany({ where: { id: { in: orphans } } })).count;
  }
}
