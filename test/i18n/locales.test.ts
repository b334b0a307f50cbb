import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { createTranslator, readLocaleResources } from '../../src/i18n/create-translator.js';

function keys(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'generated' ? [] : sourceFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

describe('locales', () => {
  const resources = readLocaleResources();

  it('should have the same keys in Vietnamese and English', () => {
    const vi = keys(resources.vi).sort();
    const en = keys(resources.en).sort();
    expect(vi.filter((k) => !en.includes(k))).toEqual([]);
    expect(en.filter((k) => !vi.includes(k))).toEqual([]);
  });

  it('should have no empty texts', () => {
    for (const locale of ['vi', 'en'] as const) {
      const empty = keys(resources[locale]).filter((k) => {
        const value = k.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], resources[locale]);
        return typeof value !== 'string' || !value.trim();
      });
      expect(empty).toEqual([]);
    }
  });

  it('should define every literal key the code uses', () => {
    const translator = createTranslator();
    const used = new Set<string>();
    for (const file of sourceFiles(path.join(PROJECT_ROOT, 'src'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\b(?:msg\(|Key: )'([a-zA-Z_]+(?:\.[a-zA-Z_]+)+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(40);
    const missing = [...used].filter((k) => !translator.hasKey('vi', k) || !translator.hasKey('en', k));
    expect(missing).toEqual([]);
  });
});
