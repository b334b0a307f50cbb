import { createAdapterFactory } from './create-adapter-factory.js';
import type { TDatabaseTarget } from './database-target.js';
import { pendingMigrations } from './pending-migrations.js';
import { readMigrations, readSchema } from './read-migrations.js';
import { migrateApart } from './migrate-apart.js';
import { NO_FILTERS, withSchemaEngine } from './schema-engine.js';

export interface ApplyMigrationsOptions {
  target: TDatabaseTarget;
  /** A folder of migrations; defaults to prisma/migrations/<provider>. */
  dir?: string;
  /**
   * Runs the schema engine in a process of its own, so that a long-running process (the bot)
   * does not keep it in memory; see migrateApart. For the committed migrations of a database
   * on disk or a server.
   */
  apart?: boolean;
}

// Two engines on one SQLite file can each wait for the other's lock until the busy timeout;
// within a process they take turns, and across processes the loser retries below.
const sqliteTurns = new Map<string, Promise<unknown>>();

/**
 * Brings the database up to date with the committed migrations. Idempotent: applied ones are
 * recorded in `_prisma_migrations`. On PostgreSQL the engine takes an advisory lock, so
 * instances starting together apply each migration once.
 */
export async function applyMigrations({ target, dir, apart }: ApplyMigrationsOptions): Promise<string[]> {
  const migrationsList = readMigrations(target.provider, dir);
  const pending = await pendingMigrations(createAdapterFactory(target), migrationsList.migrationDirectories.map((d) => d.path));
  if (pending && pending.length === 0) return [];
  if (apart && !dir && !(target.provider === 'sqlite' && target.file === ':memory:')) return migrateApart(target);
  const run = () =>
    withSchemaEngine(createAdapterFactory(target), readSchema(target.provider), async (engine) => {
      const result = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
      return result.appliedMigrationNames;
    });
  if (target.provider !== 'sqlite') return run();

  const previous = sqliteTurns.get(target.file) ?? Promise.resolve();
  const turn = previous.catch(() => {}).then(async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (error) {
        if (attempt >= 3 || !/SocketTimeout|SQLITE_BUSY|database is locked/i.test(String(error))) throw error;
      }
    }
  });
  sqliteTurns.set(target.file, turn);
  try {
    return await turn;
  } finally {
    if (sqliteTurns.get(target.file) === turn) sqliteTurns.delete(target.file);
  }
}
