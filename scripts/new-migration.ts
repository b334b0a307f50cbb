/**
 * Writes the next migration for both databases after prisma/schema.prisma was edited:
 *
 *   npm run migration:new -- add_reminders
 *
 * The change is the difference between prisma/migrations/schema.snapshot.prisma (the model
 * the committed migrations produce) and the current schema, computed by Prisma's
 * WebAssembly schema engine from the two models alone, with no engine download. Nothing is
 * read from any database, but the PostgreSQL engine insists on connecting to one at start:
 * set MIGRATION_DATABASE_URL (or TEST_DATABASE_URL) to any reachable PostgreSQL.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.js';
import { createAdapterFactory } from '../src/store/create-adapter-factory.js';
import { derivePostgresSchema } from '../src/store/derive-postgres-schema.js';
import { migrationsDir, type TProvider } from '../src/store/read-migrations.js';
import { NO_FILTERS, withSchemaEngine } from '../src/store/schema-engine.js';

const name = (process.argv[2] ?? '').replace(/[^a-z0-9_]/gi, '_');
if (!name) {
  console.error('usage: npm run migration:new -- <name>');
  process.exit(2);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const schemaFile = path.join(PROJECT_ROOT, 'prisma', 'schema.prisma');
const snapshotFile = path.join(PROJECT_ROOT, 'prisma', 'migrations', 'schema.snapshot.prisma');
const current = readFileSync(schemaFile, 'utf8');
const previous = readFileSync(snapshotFile, 'utf8');

const postgresUrl = process.env.MIGRATION_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!postgresUrl) {
  console.error('Set MIGRATION_DATABASE_URL to any reachable PostgreSQL (nothing in it is read or changed).');
  process.exit(2);
}
const offline = {
  sqlite: { provider: 'sqlite' as const, file: ':memory:' },
  postgresql: { provider: 'postgresql' as const, url: postgresUrl },
};

let wrote = 0;
for (const provider of ['sqlite', 'postgresql'] as TProvider[]) {
  const as = (schema: string) => (provider === 'sqlite' ? schema : derivePostgresSchema(schema));
  const sql = await withSchemaEngine(createAdapterFactory(offline[provider]), as(current), async (engine) => {
    const result = await engine.diff({
      from: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: as(previous) }] },
      to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: as(current) }] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return result.stdout ?? '';
  });
  if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
    console.log(`${provider}: no changes`);
    continue;
  }
  const dir = path.join(migrationsDir(provider), `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'migration.sql'), sql);
  console.log(`${provider}: wrote ${path.relative(PROJECT_ROOT, dir)}`);
  wrote++;
}
if (wrote) copyFileSync(schemaFile, snapshotFile);
