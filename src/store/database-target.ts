import { mkdirSync } from 'node:fs';
import path from 'node:path';

export type TDatabaseTarget =
  | { provider: 'sqlite'; file: string }
  | { provider: 'postgresql'; url: string };

/** `file:...` is SQLite (relative to the working directory); `postgres(ql)://` is PostgreSQL. */
export function parseDatabaseUrl(url: string): TDatabaseTarget {
  if (url.startsWith('file:')) {
    const raw = url.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
    const file = raw === ':memory:' ? raw : path.resolve(raw);
    return { provider: 'sqlite', file };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { provider: 'postgresql', url };
  throw new Error('DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL)');
}

export function ensureSqliteDirectory(target: TDatabaseTarget): void {
  if (target.provider === 'sqlite' && target.file !== ':memory:') {
    mkdirSync(path.dirname(target.file), { recursive: true });
  }
}

/** A URL safe to print: no password. */
export function describeDatabase(target: TDatabaseTarget): string {
  if (target.provider === 'sqlite') return `SQLite ${target.file}`;
  const u = new URL(target.url);
  return `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}`;
}
