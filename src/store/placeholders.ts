import type { Db, Tx } from './db.js';
import { providerOf } from './provider-of.js';

/**
 * Parameter placeholders for a raw statement built from a varying number of values, in the
 * order the values are passed: `?` in SQLite, `$1`, `$2`, … in PostgreSQL. Each call of the
 * returned function gives the next one.
 */
export function placeholders(client: Db | Tx): () => string {
  if (providerOf(client) === 'sqlite') return () => '?';
  let n = 0;
  return () => `$${++n}`;
}
