import type { FastifyReply } from 'fastify';
import { isImageType, safeFileName, sniffFileType } from '../../domain/file-types.js';

/**
 * No script may run from a file served on the chat's own origin: even a file that slipped
 * past every check (an old row, a channel's download) is sandboxed, shown inline only when it
 * is one of the allowed images, and otherwise downloaded.
 */
export const ATTACHMENT_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox";

/**
 * Sends a stored or downloaded file with the type its bytes show, never the type it was
 * declared or stored with; anything not on the allow-list goes out as an opaque download.
 */
export function sendFile(res: FastifyReply, bytes: Uint8Array, { fileName, cache }: { fileName?: string | undefined; cache: string }) {
  const type = sniffFileType(bytes);
  const name = safeFileName(fileName, type);
  return res
    .header('content-type', type ?? 'application/octet-stream')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', ATTACHMENT_CSP)
    .header('cross-origin-resource-policy', 'same-origin')
    .header('content-disposition', `${isImageType(type ?? undefined) ? 'inline' : 'attachment'}; filename="${name}"`)
    .header('cache-control', cache)
    .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}
