import type { Telegram } from 'telegraf';
import { MAX_PHOTO_BYTES, sniffImageType } from '../../domain/sniff-image.js';
import type { TInput } from '../../flows/engine/input.js';

/**
 * An image sent "as a file" keeps its original bytes, so its declared type proves nothing:
 * the first bytes are fetched and checked. A real image becomes a photo input; anything else
 * stays a document, which the flows refuse with an explanation.
 */
export async function checkTelegramDocument(telegram: Telegram, input: TInput): Promise<TInput> {
  if (input.kind !== 'document' || !input.mimeType?.startsWith('image/')) return input;
  if (input.sizeBytes !== undefined && input.sizeBytes > MAX_PHOTO_BYTES) {
    return { kind: 'photo', fileRef: input.fileRef, mimeType: input.mimeType, sizeBytes: input.sizeBytes };
  }
  try {
    const link = await telegram.getFileLink(input.fileRef);
    const res = await fetch(link, { headers: { range: 'bytes=0-63' }, signal: AbortSignal.timeout(15_000) });
    const head = new Uint8Array(await res.arrayBuffer()).subarray(0, 64);
    const type = sniffImageType(head);
    if (!type) return { ...input, mimeType: 'application/octet-stream' };
    return { kind: 'photo', fileRef: input.fileRef, mimeType: type, ...(input.sizeBytes !== undefined ? { sizeBytes: input.sizeBytes } : {}) };
  } catch {
    return { ...input, mimeType: 'application/octet-stream' };
  }
}
