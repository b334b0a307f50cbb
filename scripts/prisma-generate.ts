/**
 * Generates the Prisma clients for SQLite and PostgreSQL from prisma/schema.prisma.
 *
 * Runs at `npm install` (postinstall). The Prisma CLI wants to download a schema-engine binary
 * before any command, which fails on offline or restricted networks; `generate` never uses
 * that engine, so pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file is enough.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { derivePostgresSchema } from '../src/store/derive-postgres-schema.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sqliteSchema = path.join(root, 'prisma', 'schema.prisma');
const generatedDir = path.join(root, 'src', 'generated');
const postgresSchema = path.join(generatedDir, 'schema.postgresql.prisma');

mkdirSync(generatedDir, { recursive: true });
writeFileSync(postgresSchema, derivePostgresSchema(readFileSync(sqliteSchema, 'utf8')));

const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? prismaCli,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
};

for (const schema of [sqliteSchema, postgresSchema]) {
  const run = spawnSync(process.execPath, [prismaCli, 'generate', '--schema', schema], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  if (run.status !== 0) {
    console.error(`prisma generate failed for ${path.relative(root, schema)}`);
    process.exit(run.status ?? 1);
  }
}
