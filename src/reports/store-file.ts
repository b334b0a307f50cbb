import { createHash } from 'node:crypto';
import type { Db, Tx } from '../store/db.js';

export interface StoreFileOptions {
  /** Who sent it (`web:<visitor id>`): an upload, counted against quotas and swept when orphaned. Unset for files the bot made. */
  uploadedBy?: string;
  /** The web client's keyed address hash, for the address's daily quota. */
  uploadedFrom?: string;
  createdAt?: Date;
}

/** Keeps a file's bytes so channels can send it and pages fetch it: what the bot made, or an upload. */
export async function storeFile(tx: Db | Tx, data: Buffer, mimeType: string, options: StoreFileOptions = {}): Promise<{ id: string }> {
  const sha256 = createHash('sha256').update(data).digest('hex');
  return tx.storedFile.create({
    data: { mimeType, sizeBytes: data.length, sha256, data: new Uint8Array(data), ...(options.uploadedBy ? { uploadedBy: options.uploadedBy } : {}), ...(options.uploadedFrom ? { uploadedFrom: options.uploadedFrom } : {}), ...(options.createdAt ? { createdAt: options.createdAt } : {}) },
    // The row's bytes are not read back.
    select: { id: true },
  });
}
