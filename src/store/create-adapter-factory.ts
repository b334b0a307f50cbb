import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { ensureSqliteDirectory, type TDatabaseTarget } from './database-target.js';

/** The driver adapter for a database; used by both the Prisma client and the migration engine. */
export function createAdapterFactory(target: TDatabaseTarget): PrismaBetterSqlite3 | PrismaPg {
  if (target.provider === 'sqlite') {
    ensureSqliteDirectory(target);
    // A writer holds SQLite's lock briefly; wait for it instead of failing with SQLITE_BUSY.
    return new PrismaBetterSqlite3({ url: `file:${target.file}`, timeout: 10_000 });
  }
  return new PrismaPg({ connectionString: target.url, max: 10, connectionTimeoutMillis: 10_000 });
}
