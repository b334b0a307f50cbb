import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

/**
 * Names of committed migrations the database has not recorded as applied, read with one query
 * through the driver adapter; `undefined` when it cannot tell (a new, empty database). Lets a
 * restart skip loading the WebAssembly schema engine (over a second of start-up) when there is
 * nothing to apply.
 */
export async function pendingMigrations(factory: SqlMigrationAwareDriverAdapterFactory, names: string[]): Promise<string[] | undefined> {
  const adapter = await factory.connect();
  try {
    const result = await adapter.queryRaw({
      sql: 'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
      args: [],
      argTypes: [],
    });
    const applied = new Set(result.rows.map((row) => String(row[0])));
    return names.filter((name) => !applied.has(name));
  } catch {
    return undefined;
  } finally {
    await adapter.dispose();
  }
}
