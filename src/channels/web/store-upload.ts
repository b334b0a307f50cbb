import { createHash } from 'node:crypto';
import { maxBytesOf, sniffFileType, type TFileType } from '../../domain/file-types.js';
import { storeFile } from '../../reports/store-file.js';
import type { Db } from '../../store/db.js';

export interface WebUploadLimits {
  /** Bytes one visitor may upload in 24 hours. */
  visitorBytesPerDay: number;
  /** Bytes all kept web uploads may take together. */
  totalBytes: number;
  /** Uploads received at the same time; each may hold up to the largest allowed file in memory. */
  concurrent: number;
  /** How long an upload no dialog took is kept before the sweep removes it. */
  graceMs: number;
}

export type TUploadRefusal = 'type' | 'size' | 'visitor-quota' | 'total-quota';

const DAY = 86_400_000;

/** Whether an upload of `bytes` more fits the visitor's and everyone's quota. */
export async function checkUploadQuota(db: Db, uploader: string, bytes: number, limits: WebUploadLimits, now: Date): Promise<TUploadRefusal | null> {
  const [mine, all] = await Promise.all([
    db.storedFile.aggregate({ where: { uploadedBy: uploader, createdAt: { gte: new Date(now.getTime() - DAY) } }, _sum: { sizeBytes: true } }),
    db.storedFile.aggregate({ where: { uploadedBy: { not: null } }, _sum: { sizeBytes: true } }),
  ]);
  if ((mine._sum.sizeBytes ?? 0) + bytes > limits.visitorBytesPerDay) return 'visitor-quota';
  if ((all._sum.sizeBytes ?? 0) + bytes > limits.totalBytes) return 'total-quota';
  return null;
}

export type StoreUploadResult = { ok: true; id: string; mimeType: TFileType } | { ok: false; refusal: TUploadRefusal };

/**
 * Keeps an upload that passed every check: its bytes are on the allow-list and within their
 * kind's size, and it fits the quotas. The same bytes sent again by the same visitor (a retry)
 * are the same file.
 */
export async function storeUpload(db: Db, { bytes, uploader, limits, now }: { bytes: Buffer; uploader: string; limits: WebUploadLimits; now: Date }): Promise<StoreUploadResult> {
  const mimeType = sniffFileType(bytes);
  if (!mimeType) return { ok: false, refusal: 'type' };
  if (bytes.length > maxBytesOf(mimeType)) return { ok: false, refusal: 'size' };
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const same = await db.storedFile.findFirst({ where: { sha256, sizeBytes: bytes.length, uploadedBy: uploader }, select: { id: true } });
  if (same) return { ok: true, id: same.id, mimeType };
  const refusal = await checkUploadQuota(db, uploader, bytes.length, limits, now);
  if (refusal) return { ok: false, refusal };
  const stored = await storeFile(db, bytes, mimeType, { uploadedBy: uploader, createdAt: now });
  return { ok: true, id: stored.id, mimeType };
}
