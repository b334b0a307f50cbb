import { createHash, randomBytes } from 'node:crypto';

// Crockford's base32: no I, L, O or U, so a code read aloud or typed from paper survives.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 26 characters × 5 bits = 130 random bits; fits Telegram's 64-character deep-link payload. */
export const INVITE_CODE_LENGTH = 26;

export function generateInviteCode(random: (size: number) => Buffer = randomBytes): string {
  const bytes = random(INVITE_CODE_LENGTH);
  let code = '';
  // 256 is a multiple of 32, so taking each byte modulo 32 is unbiased.
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) code += ALPHABET[bytes[i]! % 32];
  return code;
}

/** Accepts what people type: lower case, spaces or dashes, and O/I/L for 0/1. */
export function normalizeInviteCode(input: string): string | null {
  const cleaned = input
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (cleaned.length !== INVITE_CODE_LENGTH) return null;
  for (const ch of cleaned) if (!ALPHABET.includes(ch)) return null;
  return cleaned;
}

/** Only this hash is stored: a leaked database does not leak usable codes. */
export function hashInviteCode(normalized: string): string {
  return createHash('sha256').update(`thidua-invite:${normalized}`).digest('hex');
}

/** Groups of five for reading: 7K3QF-9ZB2M-… */
export function formatInviteCode(code: string): string {
  return code.match(/.{1,5}/g)!.join('-');
}
