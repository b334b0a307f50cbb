/**
 * Text reduced for matching what people type against labels: no diacritics (đ as d), no case,
 * single spaces, and no leading emoji or symbols ("📢 Phản ánh" matches "phan anh").
 */
export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
