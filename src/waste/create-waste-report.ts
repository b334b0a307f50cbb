import { generateTrackingCode } from '../domain/tracking-code.js';
import type { Tx } from '../store/db.js';
import { MAX_PHOTO_BYTES, isImageType } from '../domain/file-types.js';

export interface WastePhoto {
  channel: string;
  fileRef: string;
  mimeType: string;
  sizeBytes?: number | undefined;
}

export interface CreateWasteReportOptions {
  categoryId: string;
  description: string;
  placeText?: string | undefined;
  latitude?: number | undefined;
  longitude?: number | undefined;
  localityUnitId?: string | undefined;
  photos: WastePhoto[];
  anonymous: boolean;
  contactPhone?: string | undefined;
  reporterId: string;
  /** Where a web report came from (see InboundUpdate.sourceKey). */
  sourceKey?: string | undefined;
  now: Date;
}

/** Files a citizen's report with its photos and first status, under a fresh tracking code. */
export async function createWasteReport(tx: Tx, options: CreateWasteReportOptions): Promise<{ id: string; code: string }> {
  for (const p of options.photos) {
    // The last gate before a file becomes a report's photo, shown to officials.
    if (!isImageType(p.mimeType) || (p.sizeBytes ?? 0) > MAX_PHOTO_BYTES) throw new Error(`refusing to keep a ${p.mimeType} file as a photo`);
  }
  let code = generateTrackingCode();
  // 40 random bits make a clash rare; checking keeps it from ever surfacing as an error.
  while (await tx.wasteReport.findUnique({ where: { code }, select: { id: true } })) code = generateTrackingCode();
  // Written as three plain inserts: nested creates cost a statement per photo and a read-back.
  const report = await tx.wasteReport.create({
    data: {
      code,
      categoryId: options.categoryId,
      description: options.description,
      placeText: options.placeText ?? null,
      latitude: options.latitude ?? null,
      longitude: options.longitude ?? null,
      localityUnitId: options.localityUnitId ?? null,
      anonymous: options.anonymous,
      contactPhone: options.anonymous ? null : (options.contactPhone ?? null),
      reporterId: options.reporterId,
      sourceKey: options.sourceKey ?? null,
      status: 'received',
      createdAt: options.now,
      updatedAt: options.now,
    },
    select: { id: true },
  });
  if (options.photos.length) {
    await tx.attachment.createMany({
      data: options.photos.map((p) => ({
        wasteReportId: report.id,
        channel: p.channel,
        fileRef: p.fileRef,
        mimeType: p.mimeType,
        sizeBytes: p.sizeBytes ?? null,
        createdAt: options.now,
      })),
    });
  }
  await tx.wasteStatusEvent.create({ data: { reportId: report.id, status: 'received', createdAt: options.now }, select: { id: true } });
  return { id: report.id, code };
}
