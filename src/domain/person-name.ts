export const PERSON_NAME_MIN = 2;
export const PERSON_NAME_MAX = 60;

export type ParsePersonNameResult = { ok: true; name: string } | { ok: false; reason: 'too_short' | 'too_long' | 'invalid' };

/**
 * A name as a person types it: spaces tidied, 2–60 characters, with at least one letter and
 * nothing invisible (control or formatting characters, which could spoof what officials read).
 */
export function parsePersonName(input: string): ParsePersonNameResult {
  if (/[\p{Cc}\p{Cf}\u2028\u2029]/u.test(input.replace(/[\t ]/g, ' ').trim())) return { ok: false, reason: 'invalid' };
  const name = input.normalize('NFC').replace(/\s+/g, ' ').trim();
  if ([...name].length < PERSON_NAME_MIN) return { ok: false, reason: 'too_short' };
  if ([...name].length > PERSON_NAME_MAX) return { ok: false, reason: 'too_long' };
  if (!/\p{L}/u.test(name) || /[<>{}[\]\\/@#$%^*=+|~`_]/.test(name)) return { ok: false, reason: 'invalid' };
  return { ok: true, name };
}
