/** Years a person may ask about: wide enough for any campaign, small enough for every column. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export type TYearArg = { kind: 'none' } | { kind: 'year'; year: number } | { kind: 'invalid' };

/**
 * A commune's statistical code (five digits, e.g. 24640 for Xã Cư Jút): a unit's code since
 * the 2025 reorganisation, never a year.
 */
export const isCommuneCode = (word: string): boolean => /^\d{5}$/.test(word);

/** A word meant as a year: digits only, and not a commune's code. */
export const isYearWord = (word: string): boolean => /^\d+$/.test(word) && !isCommuneCode(word);

/**
 * The year among the words of a command's arguments: a word of digits only is meant as a year,
 * and one outside MIN_YEAR–MAX_YEAR is invalid rather than sent to the database (a 14-digit
 * "year" overflows PostgreSQL's integer).
 */
export function parseYearArg(words: readonly string[]): TYearArg {
  const word = words.find(isYearWord);
  if (word === undefined) return { kind: 'none' };
  const year = word.length <= 4 ? Number(word) : Number.NaN;
  return year >= MIN_YEAR && year <= MAX_YEAR ? { kind: 'year', year } : { kind: 'invalid' };
}

/** A count or page number typed by a person: undefined when absent, null when not in min–max. */
export function parseCountArg(word: string | undefined, min: number, max: number): number | undefined | null {
  if (!word) return undefined;
  if (!/^\d{1,6}$/.test(word)) return null;
  const n = Number(word);
  return n >= min && n <= max ? n : null;
}
