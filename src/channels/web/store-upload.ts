import { createHash } from 'node:crypto';
import { isImageType, maxBytesOf, sniffFileType, type TFileType } from '../../domain/file-types.js';
import { stripPhotoMetadata } from '../../files/strip-photo-metadata.js';
import { storeFile } from '../../reports/store-file.js';
import type { Db } from '../../store/db.js';
import { checkUploadQuota, type TQuotaRefusal, type UploadQuota } from '../../files/check-upload-quota.js';

export interface WebUploadLimits extends UploadQuota {
  /** Uploads received at the same time; each may hold up to the largest allowed file in memory. */
  concurrent: number;
  /** How long an upload no dialog took is kept before the sweep removes it. */
  graceMs: number;
}

export type TUploadRefusal = 'type' | 'size' | TQuotaRefusal;

export type StoreUploadResult = { ok: true; id: string; mimeType: TFileType } | { ok: false; refusal: TUploadRefusal };

/**
 * Keeps an upload that passed every check: its bytes are on the allow-list and within their
 * kind's size, and it fits the quotas. The same bytes sent again by the same visitor (a retry)
 * are the same file.
 */
export async function storeUpload(db: Db, { bytes: received, uploader, from, limits, now }: { bytes: Buffer; uploader: string; from: string; limits: WebUploadLimits; now: Date }): Promise<StoreUploadResult> {
  const mimeType = sniffFileType(received);
  if (!mimeType) return { ok: false, refusal: 'type' };
  if (received.length > maxBytesOf(mimeType)) return { ok: false, refusal: 'size' };
  // The page redraws photos without their metadata; a photo posted some other way is kept
  // without it too (see stripPhotoMetadata), or not at all. A retry strips to the same bytes.
  const bytes = isImageType(mimeType) ? stripPhotoMetadata(received) : received;
  if (!bytes) return { ok: false, refusal: 'type' };
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const same = await db.storedFile.findFirst({ where: { sha256, sizeBytes: bytes.length, uploadedBy: uploader }, select: { id: true } });
  if (same) return { ok: true, id: same.id, mimeType };
  const refusal = await checkUploadQuota(db, uploader, bytes.length, limits, now, from);
  if (refusal) return { ok: false, refusal };
  const stored = await storeFile(db, bytes, mimeType, { uploadedBy: uploader, uploadedFrom: from, createdAt: now });
  return { ok: true, id: stored.id, mimeType };
}
