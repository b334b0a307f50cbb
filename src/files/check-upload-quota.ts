import type { TConfig } from '../config.js';
import type { Db } from '../store/db.js';

/** What people may make the bot keep: web chat files and the photos fetched from Zalo alike. */
export interface UploadQuota {
  /** Bytes one uploader (`web:<visitor>`, `zalo:<user>`) may have kept in 24 hours. */
  visitorBytesPerDay: number;
  /** Bytes all web uploaders from one client address may have kept in 24 hours (the web chat's only). */
  addressBytesPerDay?: number;
  /** Bytes all kept uploads may take together. */
  totalBytes: number;
}

export type TQuotaRefusal = 'visitor-quota' | 'address-quota' | 'total-quota';

const DAY = 86_400_000;
const MB = 1024 * 1024;

/** The quota the settings give (WEB_UPLOAD_MB_PER_VISITOR_DAY, WEB_UPLOAD_TOTAL_MB). */
export function uploadQuotaOf(config: Pick<TConfig, 'WEB_UPLOAD_MB_PER_VISITOR_DAY' | 'WEB_UPLOAD_MB_PER_ADDRESS_DAY' | 'WEB_UPLOAD_TOTAL_MB'>): UploadQuota {
  return { visitorBytesPerDay: config.WEB_UPLOAD_MB_PER_VISITOR_DAY * MB, addressBytesPerDay: config.WEB_UPLOAD_MB_PER_ADDRESS_DAY * MB, totalBytes: config.WEB_UPLOAD_TOTAL_MB * MB };
}

/**
 * Whether `bytes` more from this uploader fit their day's quota, their address's (`from`, for
 * the web chat) and everyone's.
 */
export async function checkUploadQuota(db: Db, uploader: string, bytes: number, quota: UploadQuota, now: Date, from?: string): Promise<TQuotaRefusal | null> {
  // One at a time: the caller may pass a transaction, whose queries share a connection.
  const since = { gte: new Date(now.getTime() - DAY) };
  const mine = await db.storedFile.aggregate({ where: { uploadedBy: uploader, createdAt: since }, _sum: { sizeBytes: true } });
  if ((mine._sum.sizeBytes ?? 0) + bytes > quota.visitorBytesPerDay) return 'visitor-quota';
  if (from && quota.addressBytesPerDay !== undefined) {
    const address = await db.storedFile.aggregate({ where: { uploadedFrom: from, createdAt: since }, _sum: { sizeBytes: true } });
    if ((address._sum.sizeBytes ?? 0) + bytes > quota.addressBytesPerDay) return 'address-quota';
  }
  const all = await db.storedFile.aggregate({ where: { uploadedBy: { not: null } }, _sum: { sizeBytes: true } });
  if ((all._sum.sizeBytes ?? 0) + bytes > quota.totalBytes) return 'total-quota';
  return null;
}
