import type { TInput } from '../core/input.js';
import { Slots } from '../core/slots.js';
import { claimedTypeOf, MAX_DOCUMENT_BYTES, MAX_PHOTO_BYTES, sniffFileType } from '../domain/file-types.js';
import { storeFile } from '../reports/store-file.js';
import type { Db } from '../store/db.js';
import { checkUploadQuota, type UploadQuota } from './check-upload-quota.js';
import { fetchRemoteFile, fetchRemotePhoto } from './fetch-remote-photo.js';
import { stripPhotoMetadata } from './strip-photo-metadata.js';

type TPhotoInput = Extract<TInput, { kind: 'photo' }>;
type TDocumentInput = Extract<TInput, { kind: 'document' }>;

export interface KeepRemotePhotoOptions {
  /** A photo input whose fileRef is the platform's link to it. */
  input: TPhotoInput;
  /** The platform's own image hosts: a link elsewhere is not fetched. */
  allowedHosts: readonly string[];
  allowHttp?: boolean;
  /** `zalo:<user id>`: an upload, swept when nothing refers to it any more. */
  uploadedBy: string;
  /** The same quota as web uploads: a photo past it keeps its link instead of its bytes. */
  quota: UploadQuota;
  now: Date;
  fetch?: typeof fetch;
}

/**
 * The fetch runs before the update is stored, and a webhook must be answered within seconds
 * or Zalo sends the event again: a slow file server leaves the link instead (fetched again
 * when the file is shown), rather than holding the answer.
 */
const KEEP_TIMEOUT_MS = 5_000;

/**
 * Photo and file links fetched at once in this process: each may hold up to 20 MB while it
 * arrives, so a flood of links waits here rather than in memory all together.
 */
const fetching = new Slots(4);

/** True when a photo's reference is a platform's link rather than the id of a kept file. */
export const isRemoteLink = (fileRef: string): boolean => /^https?:\/\//i.test(fileRef);

/**
 * Zalo sends a link to a photo, not its bytes. The link is Zalo's to expire, and the web chat
 * and officials on other platforms need the bytes, so the photo is fetched once as it arrives
 * and kept like a web upload: sniffed, size-checked, from Zalo's own hosts only. What is too
 * large keeps its size so the dialog says so; what is not an image is refused as such; when
 * Zalo does not answer, the link is kept (nothing the person sent is lost) and fetched again
 * whenever it is shown. Kept photos count against the uploader's quota as web uploads do.
 */
export async function keepRemotePhoto(db: Db, { input, allowedHosts, allowHttp = false, uploadedBy, quota, now, fetch }: KeepRemotePhotoOptions): Promise<TInput> {
  const photo = await fetching.run(() => fetchRemotePhoto({ url: input.fileRef, allowedHosts, allowHttp, timeoutMs: KEEP_TIMEOUT_MS, ...(fetch ? { fetch } : {}) }));
  // Past the quota the photo is still taken, as a link: nothing is lost, and a stranger cannot
  // fill the database by sending photos.
  if (photo.ok && !(await checkUploadQuota(db, uploadedBy, photo.data.length, quota, now))) {
    // Kept as a reporter's photo is shown: without where and when the phone says it was taken,
    // or not at all when it cannot be read to its end.
    const data = stripPhotoMetadata(photo.data);
    if (!data) return { kind: 'unsupported', what: 'photo' };
    const { id } = await storeFile(db, data, photo.mimeType, { uploadedBy, createdAt: now });
    return { kind: 'photo', fileRef: id, mimeType: photo.mimeType, sizeBytes: data.length, ...(input.caption ? { caption: input.caption } : {}) };
  }
  if (photo.ok) return input;
  if (photo.reason === 'too_large') return { ...input, sizeBytes: MAX_PHOTO_BYTES + 1 };
  if (photo.reason === 'unreachable') return input;
  return { kind: 'unsupported', what: 'photo' };
}

export interface KeepRemoteFileOptions extends Omit<KeepRemotePhotoOptions, 'input'> {
  /** A document input whose fileRef is the platform's link to it. */
  input: TDocumentInput;
}

/**
 * The same for a document (evidence a person sends: a PDF, a DOCX), so it opens from any
 * channel and outlives Zalo's link: kept with the type its bytes show, against the same quota.
 * Past the quota, or when Zalo does not answer, the link stays (past the quota with the type
 * its bytes showed); what is too large keeps its size so the dialog says so; without a type
 * from its bytes the dialog refuses it as a file type it does not take.
 */
export async function keepRemoteFile(db: Db, { input, allowedHosts, allowHttp = false, uploadedBy, quota, now, fetch }: KeepRemoteFileOptions): Promise<TInput> {
  const file = await fetching.run(() => fetchRemoteFile({ url: input.fileRef, allowedHosts, allowHttp, timeoutMs: KEEP_TIMEOUT_MS, ...(fetch ? { fetch } : {}) }));
  if (file.ok && !(await checkUploadQuota(db, uploadedBy, file.data.length, quota, now))) {
    const { id } = await storeFile(db, file.data, file.mimeType, { uploadedBy, createdAt: now });
    return { ...input, fileRef: id, mimeType: file.mimeType, sizeBytes: file.data.length };
  }
  if (file.ok) return { ...input, mimeType: file.mimeType, sizeBytes: file.data.length };
  if (file.reason === 'too_large') return { ...input, sizeBytes: MAX_DOCUMENT_BYTES + 1 };
  // Zalo did not serve it in time: the link is kept under the type its name claims, so the
  // person's evidence is not refused for the platform's delay; its bytes are sniffed whenever
  // it is shown (loadKeptFile), so a false name never gets anything served as that type.
  const claimed = file.reason === 'unreachable' && input.kind === 'document' ? claimedTypeOf(input.fileName) : null;
  return claimed ? { ...input, mimeType: claimed } : input;
}

export interface LoadKeptFileOptions {
  fileRef: string;
  allowedHosts: readonly string[];
  allowHttp?: boolean;
  loadStoredFile(id: string): Promise<Buffer | null>;
}

/**
 * The bytes of a file kept by keepRemoteFile or keepRemotePhoto (any type on the allow-list,
 * photos too): the kept file, or the link fetched again, four at a time; null when its bytes
 * are not one.
 */
export async function loadKeptFile({ fileRef, allowedHosts, allowHttp = false, loadStoredFile }: LoadKeptFileOptions): Promise<{ data: Buffer; mimeType: string } | null> {
  if (isRemoteLink(fileRef)) {
    // Shown again and again, a link kept as such must not start downloads without bound.
    const file = await fetching.run(() => fetchRemoteFile({ url: fileRef, allowedHosts, allowHttp }));
    return file.ok ? { data: file.data, mimeType: file.mimeType } : null;
  }
  const data = await loadStoredFile(fileRef);
  const mimeType = data && sniffFileType(data);
  return data && mimeType ? { data, mimeType } : null;
}
