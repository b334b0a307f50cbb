import { createAdapterFactory } from './create-adapter-factory.js';
import type { TDatabaseTarget } from './database-target.js';
import type { Db } from './db.js';
import { cacheSqliteStatements } from './cache-sqlite-statements.js';
import { serializeSqliteAccess } from './serialize-sqlite-access.js';

export interface Database {
  db: Db;
  provider: TDatabaseTarget['provider'];
  close(): Promise<void>;
}

/**
 * `errorFormat: 'minimal'`: with any other format Prisma captures a stack trace (`new Error()`)
 * at every query's call site to point at it in an error message, which costs more CPU than a
 * short query itself. Errors keep their code, message and meta.
 */
export async function createDatabase(target: TDatabaseTarget): Promise<Database> {
  const adapter = createAdapterFactory(target);
  // Each generated client is large: only the one this database needs is loaded.
  if (target.provider === 'sqlite') {
    const { PrismaClient } = await import('../generated/sqlite/client.js');
    const db = new PrismaClient({ adapter: serializeSqliteAccess(cacheSqliteStatements(adapter)), errorFormat: 'minimal' });
    // WAL lets readers work while one writer commits; NORMAL sync is safe under WAL.
    await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await db.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
    await db.$executeRawUnsafe('PRAGMA foreign_keys = ON');
    return { db, provider: 'sqlite', close: () => db.$disconnect() };
  }
  const { PrismaClient } = await import('../generated/postgresql/client.js');
  const db = new PrismaClient({ adapter, errorFormat: 'minimal' }) as unknown as Db;
  await db.$queryRawUnsafe('SELECT 1');
  return { db, provider: 'postgresql', close: () => db.$disconnect() };
}
