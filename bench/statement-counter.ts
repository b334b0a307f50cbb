/**
 * Counts the SQL statements the process sends to its database, at the drivers: every
 * statement better-sqlite3 prepares or executes (Prisma's adapter prepares each statement it
 * runs, BEGIN and COMMIT included) and every query a pg client sends. Installed once, before
 * the measured work; it only counts.
 */
import Database from 'better-sqlite3';
import pg from 'pg';

let statements = 0;
let installed = false;

export function countStatements(): () => number {
  if (!installed) {
    installed = true;
    const proto = Database.prototype as unknown as Record<'prepare' | 'exec', (...args: unknown[]) => unknown>;
    for (const method of ['prepare', 'exec'] as const) {
      const original = proto[method];
      proto[method] = function (this: unknown, ...args: unknown[]) {
        statements++;
        return original.apply(this, args);
      };
    }
    const client = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
    const query = client.query;
    client.query = function (this: unknown, ...args: unknown[]) {
      statements++;
      return query.apply(this, args);
    };
  }
  return () => statements;
}
