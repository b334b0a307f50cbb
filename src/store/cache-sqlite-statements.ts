import type BetterSqlite3 from 'better-sqlite3';
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';

/** Distinct statements kept prepared; the bot runs a few hundred different ones. */
const DEFAULT_SIZE = 500;

type Statement = BetterSqlite3.Statement<unknown[], unknown>;

/**
 * Prisma's better-sqlite3 adapter prepares every statement it runs, and SQLite compiles it
 * each time: about a fifth of the CPU a short query costs. This keeps the most recently used
 * prepared statements by their SQL text and hands them out again.
 *
 * The adapter binds its arguments to the statement it gets (`prepare(sql).bind(args)`), and
 * better-sqlite3 lets a statement be bound only once, so a cached statement is handed out
 * behind a small view that passes the arguments on each run instead. A statement runs to
 * completion synchronously (run, all), so two turns never hold the same statement at once.
 */
export function cacheSqliteStatements(factory: SqlDriverAdapterFactory, size = DEFAULT_SIZE): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const adapter = await factory.connect();
      const client = (adapter as SqlDriverAdapter & { client?: BetterSqlite3.Database }).client;
      if (client && typeof client.prepare === 'function') client.prepare = cachedPrepare(client, size) as typeof client.prepare;
      return adapter;
    },
  };
}

function cachedPrepare(client: BetterSqlite3.Database, size: number) {
  const prepare = client.prepare.bind(client) as (sql: string) => Statement;
  const cache = new Map<string, ReturnType<typeof reusable>>();
  return (sql: string) => {
    let view = cache.get(sql);
    if (view) {
      // Most recently used last: the first key is the one to drop.
      cache.delete(sql);
    } else {
      view = reusable(prepare(sql));
      if (cache.size >= size) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, view);
    return view;
  };
}

/**
 * What the adapter calls on a prepared statement, made once per statement. The adapter binds
 * and then runs the statement in the same synchronous stretch (`prepare(sql).bind(args)`,
 * then `run()` or `columns()` and `raw().all()`), so the arguments of the latest `bind` are
 * the ones a run uses. A statement's columns do not change while it is kept, so they are
 * read once, and a reader is put in raw mode (rows as arrays, as the adapter asks) once.
 */
function reusable(statement: Statement) {
  let args: unknown[] = [];
  let columns: BetterSqlite3.ColumnDefinition[] | undefined;
  if (statement.reader) statement.raw(true);
  const raw = { all: () => statement.all(...args) };
  const view = {
    reader: statement.reader,
    run: () => statement.run(...args),
    columns: () => (columns ??= statement.columns()),
    raw: () => raw,
    bind: (bound: unknown[]) => {
      args = bound;
      return view;
    },
  };
  return view;
}
