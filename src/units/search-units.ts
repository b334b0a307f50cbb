import { foldText } from '../domain/fold-text.js';
import type { UnitChoice } from './list-unit-choices.js';

/** Folded, with punctuation as spaces: "Đắk R'lấp" reads as "dak r lap". */
function words(s: string): string[] {
  return foldText(s)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

/**
 * How well a unit answers what a person typed, or null when it does not: 0 when the typed text
 * is a unit's code or the end of one of its names ("dak mil" for "Xã Đắk Mil"), 1 when every
 * typed word begins a word of one name, in any order ("tan quang"), 2 when the letters run
 * inside a name with the spaces left out ("quangtan", "rlap"). Case and diacritics never count.
 */
function matchRank(unit: UnitChoice, query: string[]): number | null {
  const code = words(unit.code).join(' ');
  const typed = query.join(' ');
  if (code === typed) return 0;
  const names = [unit.nameVi, unit.shortName ?? '', unit.nameEn].map(words).filter((n) => n.length);
  if (names.some((n) => n.join(' ') === typed || n.join(' ').endsWith(` ${typed}`))) return 0;
  if (names.some((n) => query.every((q) => n.some((w) => w.startsWith(q))))) return 1;
  const compact = query.join('');
  if (compact.length >= 3 && (names.some((n) => n.join('').includes(compact)) || code.replace(/ /g, '').startsWith(compact))) return 2;
  return null;
}

/**
 * The units matching typed text (name, short name or code, with or without diacritics), the
 * closest first and otherwise in the campaign's order. Text with no letter or digit matches none.
 */
export function searchUnits<U extends UnitChoice>(units: readonly U[], text: string): U[] {
  const query = words(text);
  if (!query.length) return [];
  return units
    .map((unit, index) => ({ unit, index, rank: matchRank(unit, query) }))
    .filter((m): m is { unit: U; index: number; rank: number } => m.rank !== null)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((m) => m.unit);
}
