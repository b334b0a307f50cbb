import type { Db, Tx } from '../store/db.js';

export interface FindReferencedFilesOptions {
  ids: string[];
  /** Dialogs untouched for longer have expired: what they hold is no longer kept for them. */
  liveSince: Date;
  /** Only this account's dialog can hold them (an upload just handled): no other is read. */
  identityId?: string;
}

/**
 * Which of these uploads (web chat files, Zalo photos and files) something still needs: a report's photo or a figure's evidence
 * (an attachment), or an unfinished dialog that holds it in its state.
 */
export async function findReferencedFiles(db: Db | Tx, { ids, liveSince, identityId }: FindReferencedFilesOptions): Promise<Set<string>> {
  if (!ids.length) return new Set();
  // Any channel: Zalo photos and files are kept as uploads too (keep-remote-photo.ts).
  const attached = await db.attachment.findMany({ where: { fileRef: { in: ids } }, select: { fileRef: true } });
  const found = new Set(attached.map((a) => a.fileRef));
  const rest = ids.filter((id) => !found.has(id));
  if (rest.length) {
    const dialogs = await db.conversation.findMany({
      where: { updatedAt: { gte: liveSince }, ...(identityId ? { identityId } : {}), OR: rest.map((id) => ({ dataJson: { contains: id } })) },
      select: { dataJson: true },
    });
    for (const id of rest) if (dialogs.some((d) => d.dataJson.includes(id))) found.add(id);
  }
  return found;
}
