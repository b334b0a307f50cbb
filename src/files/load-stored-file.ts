import type { Tx } from '../store/db.js';

export interface LoadStoredFileOptions {
  id: string;
}

/** A stored file's bytes and type, to send it on a platform. */
export async function loadStoredFile(tx: Tx, { id }: LoadStoredFileOptions): Promise<{ data: Buffer; mimeType: string } | null> {
  const file = await tx.storedFile.findUnique({ where: { id }, select: { data: true, mimeType: true } });
  return file ? { data: Buffer.from(file.data), mimeType: file.mimeType } : null;
}
