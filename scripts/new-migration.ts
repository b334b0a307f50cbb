/**
 * Writes the next migration for both databases from the difference between the committed
 * migrations and prisma/schema.prisma:
 *
 *   npm run migration:new -- add_reminders
 *
 * SQLite uses a scratch file; PostgreSQL needs an empty scratch database given by
 * MIGRATION_SCRATCH_DATABASE_URL (its contents are replaced).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { applyMigrations } from '../src/store/apply-migrations.js';
import { createAdapterFactory } from '../src/store/create-adapter-factory.js';
import type { TDatabaseTarget } from '../src/store/database-target.js';
import { migrationsDir, readMigrations, readSchema, type TProvider } from '../src/store/read-migrations.js';
import { NO_FILTERS, withSchemaEngine } from '../src/store/schema-engine.js';

const name = (process.argv[2] ?? '').replace(/[^a-z0-9_]/gi, '_');
if (!name) {
  console.error('usage: npm run migration:new -- <name>');
  process.exit(2);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);

async function resetPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
  await client.end();
}

async function next(provider: TProvider, target: TDatabaseTarget): Promise<void> {
  const dir = migrationsDir(provider);
  const existing = readMigrations(provider).migrationDirectories.length;
  if (existing > 0) await applyMigrations({ target });
  const schema = readSchema(provider);
  const files = [{ path: 'schema.prisma', content: schema }];
  const result = await withSchemaEngine(createAdapterFactory(target), schema, (engine) =>
    engine.diff({
      from: existing > 0 ? { tag: 'schemaDatasource', files, configDir: process.cwd() } : { tag: 'empty' },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    }),
  );
  const sql = result.stdout ?? '';
  if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
    console.log(`${provider}: no changes`);
    return;
  }
  mkdirSync(path.join(dir, `${stamp}_${name}`), { recursive: true });
  writeFileSync(path.join(dir, `${stamp}_${name}`, 'migration.sql'), sql);
  writeFileSync(
    path.join(dir, 'migration_lock.toml'),
    `# Written by scripts/new-migration.ts\nprovider = "${provider}"\n`,
  );
  console.log(`${provider}: wrote ${path.relative(process.cwd(), path.join(dir, `${stamp}_${name}`))}`);
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'thidua-migration-'));
try {
  await next('sqlite', { provider: 'sqlite', file: path.join(scratch, 'scratch.db') });
  const pgUrl = process.env.MIGRATION_SCRATCH_DATABASE_URL;
  if (pgUrl) {
    await resetPostgres(pgUrl);
    await next('postgresql', { provider: 'postgresql', url: pgUrl });
  } else {
    console.warn('MIGRATION_SCRATCH_DATABASE_URL is not set: the PostgreSQL migration was not written.');
    process.exitCode = 1;
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
