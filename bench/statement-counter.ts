/**
 * Counts the SQL statements the process sends to its database, at the drivers: every
 * statement better-sqlite3 runs (run, get, all, iterate of a prepared statement, and exec;
 * BEGIN and COMMIT included) and every query a pg client sends. Executions are counted, not
 * preparations, so a statement prepared once and run many times counts each time it runs.
 * Installed once, before the measured work; it only counts.
 */
import Database from 'better-sqlite3';
import pg from 'pg';

let statements = 0;
let installed = false;
/** With BENCH_TRACE_SQL=1, the text of each statement, for reading what a step runs. */
const traced: string[] | undefined = process.env.BENCH_TRACE_SQL === '1' ? [] : undefined;

type Methods<K extends string> = Record<K, (...args: unknown[]) => unknown>;

function count<K extends string>(proto: Methods<K>, methods: readonly K[]): void {
  for (const method of methods) {
    const original = proto[method];
    proto[method] = function (this: unknown, ...args: unknown[]) {
      const sql = String((this as { source?: string }).source ?? args[0]);
      if (!isSweepPoll(sql)) statements++;
      traced?.push(sql.slice(0, 160));
      return original.apply(this, args);
    };
  }
}

/**
 * The outbox sweep's poll for due rows runs on a timer (every 200 ms in the test app the bench
 * drives, every 2 s by default), not in a turn: it is left out of the count. What a sweep then
 * claims and sends is counted.
 */
function isSweepPoll(sql: string): boolean {
  return sql.startsWith('SELECT `main`.`OutboxMessage`.`id` FROM `main`.`OutboxMessage` WHERE (`main`.`OutboxMessage`.`channel` IN');
}

export function countStatements(): () => number {
  if (!installed) {
    installed = true;
    count(Database.prototype as unknown as Methods<'exec'>, ['exec']);
    const probe = new Database(':memory:');
    count(Object.getPrototypeOf(probe.prepare('SELECT 1')) as Methods<'run' | 'get' | 'all' | 'iterate'>, ['run', 'get', 'all', 'iterate']);
    probe.close();
    count(pg.Client.prototype as unknown as Methods<'query'>, ['query']);
  }
  return () => statements;
}

/** The statements traced since the last call (empty unless BENCH_TRACE_SQL=1). */
export function takeTrace(): string[] {
  return traced ? traced.splice(0) : [];
}
