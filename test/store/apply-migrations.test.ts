import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { applyMigrations } from '../../src/store/apply-migrations.js';
import { derivePostgresSchema } from '../../src/store/derive-postgres-schema.js';
import { createAdapterFactory } from '../../src/store/create-adapter-factory.js';
import { migrationsDir, readMigrations, readSchema } from '../../src/store/read-migrations.js';
import { NO_FILTERS, withSchemaEngine } from '../../src/store/schema-engine.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';

describe.each(providers)('applyMigrations (%s)', (provider) => {
  const made: TestDatabase[] = [];
  afterAll(async () => {
    for (const d of made) await d.drop();
  });

  it('should bring an empty database up to date, then do nothing', async () => {
    const database = await createEmptyDatabase(provider);
    made.push(database);
    const all = readMigrations(provider).migrationDirectories.map((d) => d.path);
    expect(all.length).toBeGreaterThan(0);
    expect(await applyMigrations({ target: database.target })).toEqual(all);
    expect(await applyMigrations({ target: database.target })).toEqual([]);
  });

  it('should apply them in a process of its own when asked, as the bot does at start-up', async () => {
    const database = await createEmptyDatabase(provider);
    made.push(database);
    const all = readMigrations(provider).migrationDirectories.map((d) => d.path);
    expect(await applyMigrations({ target: database.target, apart: true })).toEqual(all);
    // The database is really up to date: the engine run in this process finds nothing to do.
    expect(await applyMigrations({ target: database.target })).toEqual([]);
    expect(await applyMigrations({ target: database.target, apart: true })).toEqual([]);
  });

  it.skipIf(provider !== 'postgresql')('should say why the migration process failed, without the password', async () => {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.password = 'not-the-password-4f9c';
    const failed = applyMigrations({ target: { provider: 'postgresql', url: url.toString() }, apart: true });
    await expect(failed).rejects.toThrow(/^migrations failed: /);
    await expect(failed).rejects.not.toThrow(/not-the-password-4f9c/);
  });

  it('should apply only what a database of an older release lacks', async () => {
    const database = await createEmptyDatabase(provider);
    made.push(database);
    const dir = migrationsDir(provider);
    const all = readMigrations(provider).migrationDirectories.map((d) => d.path);
    const older = mkdtempSync(path.join(os.tmpdir(), 'thidua-migrations-'));
    cpSync(path.join(dir, 'migration_lock.toml'), path.join(older, 'migration_lock.toml'));
    for (const name of all.slice(0, -1)) cpSync(path.join(dir, name), path.join(older, name), { recursive: true });
    expect(await applyMigrations({ target: database.target, dir: older })).toEqual(all.slice(0, -1));
    rmSync(older, { recursive: true, force: true });
    // A restart on the new release finds one migration missing and applies just that one.
    expect(await applyMigrations({ target: database.target })).toEqual(all.slice(-1));
    expect(await applyMigrations({ target: database.target })).toEqual([]);
  });

  // PostgreSQL's introspection through the WebAssembly engine and the pg adapter stops at a
  // column of type "char" in the catalogue; both folders are written from the same diff.
  it.skipIf(provider !== 'sqlite')('should produce exactly the data model of prisma/schema.prisma', async () => {
    const database = await createEmptyDatabase(provider);
    made.push(database);
    await applyMigrations({ target: database.target });
    // What the live database lacks or has too much, compared with the schema: nothing.
    const drift = await withSchemaEngine(createAdapterFactory(database.target), readSchema(provider), async (engine) => {
      const result = await engine.diff({
        from: { tag: 'schemaDatasource', files: [{ path: 'schema.prisma', content: readSchema(provider) }], configDir: PROJECT_ROOT },
        to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: readSchema(provider) }] },
        script: true,
        exitCode: null,
        filters: NO_FILTERS,
      });
      return (result.stdout ?? '').trim();
    });
    expect(drift === '' || drift.startsWith('-- This is an empty migration'), drift).toBe(true);
  });

  it('should survive several instances migrating at once', async () => {
    const database = await createEmptyDatabase(provider);
    made.push(database);
    const results = await Promise.all([applyMigrations({ target: database.target }), applyMigrations({ target: database.target })]);
    expect(results.flat().sort()).toEqual(readMigrations(provider).migrationDirectories.map((d) => d.path));
  });
});

describe('derivePostgresSchema', () => {
  it('should change only the provider and the output folder', () => {
    const sqlite = readFileSync(path.join(PROJECT_ROOT, 'prisma', 'schema.prisma'), 'utf8');
    const postgres = derivePostgresSchema(sqlite);
    expect(postgres).toContain('provider = "postgresql"');
    expect(postgres).toContain('output = "./postgresql"');
    const diff = sqlite.split('\n').filter((line, i) => line !== postgres.split('\n')[i]);
    expect(diff).toHaveLength(2);
  });

  it('should commit a migration for both databases', () => {
    const sqlite = readMigrations('sqlite').migrationDirectories.map((d) => d.path);
    const postgres = readMigrations('postgresql').migrationDirectories.map((d) => d.path);
    expect(postgres).toEqual(sqlite);
  });
});
