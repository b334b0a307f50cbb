/** A Vietnamese mobile number, normalised to 0xxxxxxxxx; null when it is not one. */
export function normalizeVietnamesePhone(input: string): string | null {
  const digits = input.replace(/[\s.()-]/g, '');
  const m = /^(?:\+?84|0)([35789]\d{8})$/.exec(digits);
  return m ? `0${m[1]}` : null;
}
