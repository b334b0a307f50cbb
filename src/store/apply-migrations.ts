import { createAdapterFactory } from './create-adapter-factory.js';
import type { TDatabaseTarget } from './database-target.js';
import { readMigrations, readSchema } from './read-migrations.js';
import { NO_FILTERS, withSchemaEngine } from './schema-engine.js';

export interface ApplyMigrationsOptions {
  target: TDatabaseTarget;
  /** A folder of migrations; defaults to prisma/migrations/<provider>. */
  dir?: string;
}

/**
 * Brings the database up to date with the committed migrations. Idempotent: applied ones are
 * recorded in `_prisma_migrations`; concurrent starts are serialised by the engine's lock.
 */
export async function applyMigrations({ target, dir }: ApplyMigrationsOptions): Promise<string[]> {
  return withSchemaEngine(createAdapterFactory(target), readSchema(target.provider), async (engine) => {
    const result = await engine.applyMigrations({
      migrationsList: readMigrations(target.provider, dir),
      filters: NO_FILTERS,
    });
    return result.appliedMigrationNames;
  });
}
