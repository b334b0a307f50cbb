import { MAX_DOCUMENT_BYTES, MAX_PHOTO_BYTES, SNIFF_HEAD_BYTES, isContainer, isImageType, sniffFileType } from '../../domain/file-types.js';
import type { TInput } from '../../core/input.js';

/** Reads up to `maxBytes` of a Telegram file (its head when it is longer). */
export type ReadTelegramFile = (fileId: string, maxBytes: number) => Promise<Uint8Array>;

/**
 * A file sent "as a document" keeps its original bytes, so its declared type and name prove
 * nothing: its bytes are fetched and recognised against the allow-list. A real JPEG, PNG or
 * WebP within the photo size becomes a photo; a real PDF or office file keeps its sniffed type;
 * anything else (an SVG "image", a page, a program) becomes an opaque document, which every
 * flow refuses. A file declared too large is not fetched at all.
 */
export async function checkTelegramDocument(readFile: ReadTelegramFile, input: TInput): Promise<TInput> {
  if (input.kind !== 'document') return input;
  const { mimeType: _declared, ...rest } = input;
  const opaque: TInput = { ...rest, mimeType: 'application/octet-stream' };
  if (input.sizeBytes !== undefined && input.sizeBytes > MAX_DOCUMENT_BYTES) return opaque;
  let type;
  try {
    const head = await readFile(input.fileRef, SNIFF_HEAD_BYTES);
    type = sniffFileType(head);
    // An office file's telling entries may lie past its head (an OLE directory is often at the
    // end): only then, and only for a zip or OLE container, is the whole file read.
    if (!type && head.length >= SNIFF_HEAD_BYTES && isContainer(head)) type = sniffFileType(await readFile(input.fileRef, MAX_DOCUMENT_BYTES));
  } catch {
    return opaque;
  }
  if (!type) return opaque;
  if (isImageType(type) && (input.sizeBytes ?? 0) <= MAX_PHOTO_BYTES) {
    return { kind: 'photo', fileRef: input.fileRef, mimeType: type, ...(input.sizeBytes !== undefined ? { sizeBytes: input.sizeBytes } : {}) };
  }
  return { ...rest, mimeType: type };
}
