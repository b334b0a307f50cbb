import { createHash, timingSafeEqual } from 'node:crypto';

export interface VerifyZaloOaSignatureOptions {
  appId: string;
  /** The OA Secret Key of the app's Webhook page (not the app secret used for OAuth). */
  secretKey: string;
  /** The request body exactly as it arrived. */
  rawBody: string;
  /** The event's own `timestamp` field (milliseconds since the epoch, as Zalo writes it). */
  timestamp: string;
  /** The X-ZEvent-Signature header. */
  header: string | undefined;
}

/**
 * Zalo signs every webhook event (developers.zalo.me, Official Account → Webhook → "Xác thực
 * Webhook"): X-ZEvent-Signature is `mac=` followed by the hex of
 * sha256(appId + data + timeStamp + OAsecretKey), where data is the raw body and timeStamp the
 * event's `timestamp`. It is a plain hash with the key appended, not an HMAC.
 */
export function verifyZaloOaSignature({ appId, secretKey, rawBody, timestamp, header }: VerifyZaloOaSignatureOptions): boolean {
  if (!header) return false;
  const given = header.trim().replace(/^mac=/i, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  const expected = zaloOaSignature({ appId, secretKey, rawBody, timestamp });
  return timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(expected, 'hex'));
}

/** The hex digest Zalo sends for this event; the fake API signs with it too. */
export function zaloOaSignature({ appId, secretKey, rawBody, timestamp }: Omit<VerifyZaloOaSignatureOptions, 'header'>): string {
  return createHash('sha256').update(appId + rawBody + timestamp + secretKey, 'utf8').digest('hex');
}
