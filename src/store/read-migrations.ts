import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { MigrationList } from '@prisma/schema-engine-wasm';
import { PROJECT_ROOT } from '../config.js';
import { derivePostgresSchema } from './derive-postgres-schema.js';

export type TProvider = 'sqlite' | 'postgresql';

export function migrationsDir(provider: TProvider): string {
  return path.join(PROJECT_ROOT, 'prisma', 'migrations', provider);
}

/** Loads prisma/migrations/<provider> in the shape Prisma's engine expects. */
export function readMigrations(provider: TProvider, dir = migrationsDir(provider)): MigrationList {
  const lockPath = path.join(dir, 'migration_lock.toml');
  const directories = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: directories.map((name) => {
      const file = path.join(dir, name, 'migration.sql');
      return {
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: existsSync(file)
            ? { tag: 'ok' as const, value: readFileSync(file, 'utf8') }
            : { tag: 'error' as const, value: `missing ${file}` },
        },
      };
    }),
  };
}

export function readSchema(provider: TProvider): string {
  const sqlite = readFileSync(path.join(PROJECT_ROOT, 'prisma', 'schema.prisma'), 'utf8');
  return provider === 'sqlite' ? sqlite : derivePostgresSchema(sqlite);
}
