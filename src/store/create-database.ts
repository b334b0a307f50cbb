import { PrismaClient as PostgresClient } from '../generated/postgresql/client.js';
import { PrismaClient as SqliteClient } from '../generated/sqlite/client.js';
import { createAdapterFactory } from './create-adapter-factory.js';
import type { TDatabaseTarget } from './database-target.js';
import type { Db } from './db.js';

export interface Database {
  db: Db;
  provider: TDatabaseTarget['provider'];
  close(): Promise<void>;
}

export async function createDatabase(target: TDatabaseTarget): Promise<Database> {
  const adapter = createAdapterFactory(target);
  if (target.provider === 'sqlite') {
    const db = new SqliteClient({ adapter });
    // WAL lets readers work while one writer commits; NORMAL sync is safe under WAL.
    await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await db.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
    await db.$executeRawUnsafe('PRAGMA foreign_keys = ON');
    return { db, provider: 'sqlite', close: () => db.$disconnect() };
  }
  const db = new PostgresClient({ adapter }) as unknown as Db;
  await db.$queryRawUnsafe('SELECT 1');
  return { db, provider: 'postgresql', close: () => db.$disconnect() };
}
