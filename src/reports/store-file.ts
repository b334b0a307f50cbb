import { createHash } from 'node:crypto';
import type { Tx } from '../store/db.js';

/** Keeps a file the bot made (an export, a chart) so channels can send it and pages fetch it. */
export async function storeFile(tx: Tx, data: Buffer, mimeType: string) {
  const sha256 = createHash('sha256').update(data).digest('hex');
  return tx.storedFile.create({ data: { mimeType, sizeBytes: data.length, sha256, data: new Uint8Array(data) } });
}
