/**
 * Reads a number the way Vietnamese users type it: "." groups thousands and "," marks
 * decimals ("1.234,5"), though "85.5" and "1,200,000" are understood too. Scale words
 * (tỷ, triệu, nghìn/ngàn) multiply; "%" and currency words (đồng, đ, VND) are dropped.
 */
export interface ParsedNumber {
  value: number;
  percent: boolean;
  /** A scale or currency word was typed: "12 tỷ", "500.000 đồng". */
  unit: boolean;
}

const SCALES: [RegExp, number][] = [
  [/^(tỷ|tỉ|ty|ti|billion|bn)$/u, 1e9],
  [/^(triệu|trieu|tr|million|m)$/u, 1e6],
  [/^(nghìn|nghin|ngàn|ngan|k|thousand)$/u, 1e3],
];
const CURRENCY = /^(đồng|dong|đ|d|vnd|vnđ)$/u;

export function parseVietnameseNumber(input: string): ParsedNumber | null {
  // A minus sign (U+2212) or an en dash, as phones and office software put for "-".
  let text = input.normalize('NFC').trim().toLowerCase().replace(/^[\u2212\u2013]/, '-');
  if (!text) return null;
  let percent = false;
  if (text.endsWith('%')) {
    percent = true;
    text = text.slice(0, -1).trim();
  }
  const match = /^([+-]?[\d.,\s]*\d)\s*([\p{L}.]*)?$/u.exec(text);
  if (!match) return null;
  const digits = match[1]!.replace(/\s+/g, '');
  const word = (match[2] ?? '').replace(/\.$/, '');
  let scale = 1;
  if (word) {
    const found = SCALES.find(([re]) => re.test(word));
    if (found) scale = found[1];
    else if (!CURRENCY.test(word)) return null;
  }
  const value = parseDigits(digits);
  if (value === null) return null;
  const scaled = value * scale;
  return Number.isFinite(scaled) ? { value: roundFloat(scaled), percent, unit: Boolean(word) } : null;
}

function parseDigits(raw: string): number | null {
  const sign = raw.startsWith('-') ? -1 : 1;
  const body = raw.replace(/^[+-]/, '');
  if (!/^\d[\d.,]*$/.test(body)) return null;
  const dots = (body.match(/\./g) ?? []).length;
  const commas = (body.match(/,/g) ?? []).length;
  let normal: string;
  if (dots && commas) {
    // Whichever comes last is the decimal mark: 1.234,5 and 1,234.5 both mean 1234.5.
    const decimal = body.lastIndexOf(',') > body.lastIndexOf('.') ? ',' : '.';
    const group = decimal === ',' ? '.' : ',';
    if (body.split(decimal).length > 2) return null;
    normal = body.split(group).join('').replace(decimal, '.');
    if (!groupsValid(body.split(decimal)[0]!, group)) return null;
  } else if (commas) {
    // One comma is the Vietnamese decimal mark ("85,5"); several group thousands ("1,200,000").
    if (commas === 1) normal = body.replace(',', '.');
    else if (groupsValid(body, ',')) normal = body.split(',').join('');
    else return null;
  } else if (dots) {
    const thousands = dots > 1 || /^\d{1,3}\.\d{3}$/.test(body);
    if (thousands && !groupsValid(body, '.')) return null;
    normal = thousands ? body.split('.').join('') : body;
  } else {
    normal = body;
  }
  const value = Number(normal);
  return Number.isFinite(value) ? sign * value : null;
}

function groupsValid(text: string, group: string): boolean {
  const parts = text.split(group);
  return parts.every((p, i) => (i === 0 ? /^\d{1,3}$/.test(p) : /^\d{3}$/.test(p)));
}

// 0.1 * 1e9 and the like should not show trailing float noise.
function roundFloat(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
