import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * PA-7K3Q-F9ZB: 8 random Crockford characters (40 bits). Random rather than sequential, so
 * knowing one code tells nothing about another; short enough to read over the phone.
 */
export function generateTrackingCode(random: (n: number) => Buffer = randomBytes): string {
  const bytes = random(8);
  let body = '';
  for (let i = 0; i < 8; i++) body += ALPHABET[bytes[i]! % 32];
  return `PA-${body.slice(0, 4)}-${body.slice(4)}`;
}

/** Accepts "pa7k3qf9zb", "PA 7K3Q F9ZB", "7K3QF9ZB"… */
export function normalizeTrackingCode(input: string): string | null {
  const cleaned = input.toUpperCase().replace(/[\s-]+/g, '').replace(/^PA/, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{8}$/.test(cleaned)) return null;
  return `PA-${cleaned.slice(0, 4)}-${cleaned.slice(4)}`;
}
