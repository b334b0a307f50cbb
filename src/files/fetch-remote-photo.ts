import { MAX_DOCUMENT_BYTES, MAX_PHOTO_BYTES, sniffFileType, sniffImageType, type TFileType, type TImageType } from '../domain/file-types.js';

export interface FetchRemotePhotoOptions {
  url: string;
  /** Hosts the photo may come from: the platform's own (a host or any subdomain of it). */
  allowedHosts: readonly string[];
  maxBytes?: number;
  timeoutMs?: number;
  /** Plain http is refused unless a test serves its photos locally. */
  allowHttp?: boolean;
  fetch?: typeof fetch;
}

type Refusal = { ok: false; reason: 'bad_url' | 'host' | 'unreachable' | 'too_large' | 'not_an_image' | 'not_allowed' };
export type FetchRemotePhotoResult = { ok: true; data: Buffer; mimeType: TImageType } | Refusal;
export type FetchRemoteFileResult = { ok: true; data: Buffer; mimeType: TFileType } | Refusal;

/** True when the link is https (or http where allowed) to one of the allowed hosts, on its default port. */
export function isAllowedPhotoUrl(url: string, allowedHosts: readonly string[], allowHttp = false): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && !(allowHttp && parsed.protocol === 'http:')) return false;
  if (parsed.username || parsed.password) return false;
  // The platform serves its files on the default port; another port on its host is some other
  // service (a cache, a database) that a crafted link would reach. A test's local server is the
  // only exception, and it is plain http too.
  if (parsed.port !== '' && !allowHttp) return false;
  const host = parsed.hostname.toLowerCase();
  return allowedHosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}

/**
 * Fetches a photo a platform links to (a Zalo OA image event carries a link, not the bytes):
 * only from the platform's own hosts, never following a redirect elsewhere, stopping as soon as
 * more than the cap has arrived, and kept only if its bytes are an image we accept.
 */
export async function fetchRemotePhoto(options: FetchRemotePhotoOptions): Promise<FetchRemotePhotoResult> {
  const fetched = await fetchCapped({ ...options, maxBytes: options.maxBytes ?? MAX_PHOTO_BYTES });
  if (!fetched.ok) return fetched;
  const mimeType = sniffImageType(fetched.data);
  return mimeType ? { ok: true, data: fetched.data, mimeType } : { ok: false, reason: 'not_an_image' };
}

/** The same for a document (an evidence file): kept only if its bytes are a type we accept. */
export async function fetchRemoteFile(options: FetchRemotePhotoOptions): Promise<FetchRemoteFileResult> {
  const fetched = await fetchCapped({ ...options, maxBytes: options.maxBytes ?? MAX_DOCUMENT_BYTES });
  if (!fetched.ok) return fetched;
  const mimeType = sniffFileType(fetched.data);
  return mimeType ? { ok: true, data: fetched.data, mimeType } : { ok: false, reason: 'not_allowed' };
}

async function fetchCapped(options: FetchRemotePhotoOptions & { maxBytes: number }): Promise<{ ok: true; data: Buffer } | Refusal> {
  const { url, allowedHosts, allowHttp = false, maxBytes } = options;
  if (!/^https?:\/\//i.test(url)) return { ok: false, reason: 'bad_url' };
  if (!isAllowedPhotoUrl(url, allowedHosts, allowHttp)) return { ok: false, reason: 'host' };
  let res: Response;
  try {
    // A redirect could lead anywhere (an internal address): it is not followed.
    res = await (options.fetch ?? fetch)(url, { redirect: 'manual', signal: AbortSignal.timeout(options.timeoutMs ?? 15_000) });
  } catch {
    return { ok: false, reason: 'unreachable' };
  }
  if (res.status !== 200 || !res.body) {
    await res.body?.cancel().catch(() => undefined);
    return { ok: false, reason: 'unreachable' };
  }
  const declared = Number(res.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body.cancel().catch(() => undefined);
    return { ok: false, reason: 'too_large' };
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: 'too_large' };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, reason: 'unreachable' };
  }
  return { ok: true, data: Buffer.concat(chunks) };
}
