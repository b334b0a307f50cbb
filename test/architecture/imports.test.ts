import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering rules of docs/architecture.md, checked on the source's imports. A folder may
 * import its own floor and the floors below it, never one above: the core types sit at the
 * bottom so that everything can use them, and the database is reached through operations.
 */
const FLOORS: Record<string, number> = {
  domain: 0, 'clock.ts': 0, 'errors.ts': 0, 'group-by.ts': 0, 'logger.ts': 0, 'safe-json.ts': 0,
  generated: 0,
  core: 1, i18n: 1, store: 1, 'config.ts': 1,
  audit: 2, people: 2, units: 2, campaign: 2, cycles: 2, 'unit-reporting': 2, waste: 2, 'annual-report': 2,
  reports: 2, files: 2, invites: 2, commendation: 2, outbox: 2,
  flows: 3,
  commands: 4, jobs: 4,
  bot: 5, scheduler: 5,
  channels: 6, http: 6,
  'app.ts': 7, 'main.ts': 7, cli: 7,
};

const SRC = resolve(import.meta.dirname, '../../src');

interface Import {
  from: string;
  to: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'generated' || name === 'public') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const found: Import[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?'([^']+)'/gm)) {
    const spec = m[2]!;
    const to = spec.startsWith('.') ? resolve(dirname(file), spec.replace(/\.js$/, '.ts')) : spec;
    found.push({ from: file, to, typeOnly: Boolean(m[1]) });
  }
  return found;
}

const floorOf = (file: string): [string, number] => {
  const top = relative(SRC, file).split('/')[0]!;
  const floor = FLOORS[top];
  if (floor === undefined) throw new Error(`src/${top} has no floor in test/architecture/imports.test.ts: add it to FLOORS and to docs/architecture.md`);
  return [top, floor];
};

const files = sourceFiles(SRC);
const imports = files.flatMap(importsOf);
const local = imports.filter((i) => i.to.startsWith(SRC));
const rel = (path: string) => relative(SRC, path);

describe('the source layering', () => {
  it('gives every top-level folder a floor', () => {
    for (const file of files) expect(() => floorOf(file)).not.toThrow();
  });

  it('never imports a floor above its own', () => {
    const upwards = local
      .filter((i) => !(i.typeOnly && rel(i.to) === 'store/db.ts'))
      .filter((i) => floorOf(i.to)[1] > floorOf(i.from)[1])
      .map((i) => `${rel(i.from)} → ${rel(i.to)}`);
    expect(upwards).toEqual([]);
  });

  it('keeps flows and commands off the database: they name operations, run through the turn', () => {
    const offending = files
      .filter((file) => /^(flows|commands)\//.test(rel(file)) && !rel(file).startsWith('flows/engine/'))
      .flatMap((file) => {
        const text = readFileSync(file, 'utf8');
        const hits: string[] = [];
        if (/\bctx\.tx\b|\btx\.[a-zA-Z]+\.(?:find|create|update|delete|upsert|count|aggregate|groupBy)/.test(text)) hits.push(`${rel(file)} uses a Prisma model`);
        for (const i of importsOf(file)) {
          if (/generated\/|@prisma\//.test(i.to) || (rel(i.to) === 'store/db.ts' && !i.typeOnly)) hits.push(`${rel(file)} imports ${i.to}`);
        }
        return hits;
      });
    expect(offending).toEqual([]);
  });

  it('has no import cycles', () => {
    const graph = new Map<string, string[]>();
    for (const i of local) if (!i.typeOnly) graph.set(i.from, [...(graph.get(i.from) ?? []), i.to]);
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].map(rel).join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
