import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { createAdapterFactory } from '../../src/store/create-adapter-factory.js';
import { pendingMigrations } from '../../src/store/pending-migrations.js';
import { readMigrations } from '../../src/store/read-migrations.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';

const TSX = import.meta.resolve('tsx');

function run(args: string[], env: Record<string, string>, cwd = PROJECT_ROOT) {
  const child = spawn(process.execPath, ['--import', TSX, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const done = new Promise<{ code: number | null; out: string; err: string }>((resolve) => child.once('close', (code) => resolve({ code, out, err })));
  return { child, done };
}

describe.each(providers)('npm run migrate (%s)', (provider) => {
  const made: TestDatabase[] = [];
  afterAll(async () => {
    for (const d of made) await d.drop();
  });
  const all = readMigrations(provider).migrationDirectories.map((d) => d.path);

  // On SQLite the whole migration is over in a few hundred milliseconds, before a stop can be
  // sent in its middle; PostgreSQL's takes long enough to be caught half-way.
  it.skipIf(provider === 'sqlite')('should finish the migration under way when it is asked to stop, as systemd and Ctrl-C ask the bot', async () => {
    const database = await createEmptyDatabase(provider);
    made.push(database);
    const { child, done } = run(['src/cli/migrate.ts'], { DATABASE_URL: database.url });
    // The engine is at work once it has made its table (and the process its signal handlers).
    const factory = createAdapterFactory(database.target);
    while ((await pendingMigrations(factory, all)) === undefined && child.exitCode === null) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGTERM');
    const { code, out, err } = await done;
    expect(code).toBe(0);
    expect(JSON.parse(out.trim().split('\n').at(-1)!)).toEqual({ applied: all });
    expect(await pendingMigrations(factory, all)).toEqual([]);
    if (err) expect(err).toMatch(/SIGTERM: finishing the migration under way first/);
  });

  it('should migrate apart when the bot runs from its sources, started from another folder', async () => {
    const database = await createEmptyDatabase(provider);
    made.push(database);
    const module = pathToFileURL(path.join(PROJECT_ROOT, 'src', 'store', 'apply-migrations.ts')).href;
    const script = `const { applyMigrations } = await import(${JSON.stringify(module)}); console.log(JSON.stringify(await applyMigrations({ target: ${JSON.stringify(database.target)}, apart: true })));`;
    const { done } = run(['--input-type=module', '-e', script], {}, os.tmpdir());
    const { code, out, err } = await done;
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(out.trim().split('\n').at(-1)!)).toEqual(all);
  });
});
