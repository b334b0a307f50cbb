import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { applyMigrations } from '../../src/store/apply-migrations.js';
import { createDatabase, type Database } from '../../src/store/create-database.js';
import { parseDatabaseUrl, type TDatabaseTarget } from '../../src/store/database-target.js';

export type Provider = 'sqlite' | 'postgresql';

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL points at a server (CI sets it). */
export const providers: Provider[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgresql'] : ['sqlite'];

export interface TestDatabase {
  url: string;
  target: TDatabaseTarget;
  /** Removes the database (file or PostgreSQL database). */
  drop(): Promise<void>;
}

/** A new, empty database of its own for one test file: tests never share state. */
export async function createEmptyDatabase(provider: Provider): Promise<TestDatabase> {
  if (provider === 'sqlite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'thidua-test-'));
    const url = `file:${path.join(dir, 'test.db')}`;
    return { url, target: parseDatabaseUrl(url), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = process.env.TEST_DATABASE_URL!;
  const name = `thidua_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  const url = u.toString();
  return {
    url,
    target: parseDatabaseUrl(url),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      // Best effort: a connection another role opened (e.g. a monitoring session) may keep
      // the database; CI's server is thrown away anyway.
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      await c.end();
    },
  };
}

/** An empty database with the migrations applied and a client open. */
export async function createMigratedDatabase(provider: Provider): Promise<TestDatabase & { database: Database }> {
  const empty = await createEmptyDatabase(provider);
  await applyMigrations({ target: empty.target });
  const database = await createDatabase(empty.target);
  return {
    ...empty,
    database,
    drop: async () => {
      await database.close();
      await empty.drop();
    },
  };
}
