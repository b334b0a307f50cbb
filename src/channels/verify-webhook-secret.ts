import { timingSafeEqual } from 'node:crypto';

/** Compares a webhook's secret header with the configured one in constant time. */
export function verifyWebhookSecret(header: string | undefined, expected: string | undefined): boolean {
  if (!expected || !header) return false;
  const a = Buffer.from(header);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
