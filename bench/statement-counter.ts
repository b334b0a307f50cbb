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

/** With BENCH_SQL_TIME=1, the time spent in the driver by each statement's text (synchronous drivers only). */
const timed: Map<string, { count: number; ms: number; max: number; over1ms: number }> | undefined = process.env.BENCH_SQL_TIME === '1' ? new Map() : undefined;

function count<K extends string>(proto: Methods<K>, methods: readonly K[]): void {
  for (const method of methods) {
    const original = proto[method];
    proto[method] = function (this: unknown, ...args: unknown[]) {
      const sql = String((this as { source?: string }).source ?? args[0]);
      if (!isSweepPoll(sql)) statements++;
      traced?.push(sql.slice(0, 160));
      if (!timed) return original.apply(this, args);
      const begun = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        const key = sql.replace(/\s+/g, ' ').slice(0, 120);
        const t = timed.get(key) ?? { count: 0, ms: 0, max: 0, over1ms: 0 };
        const ms = performance.now() - begun;
        t.count++;
        t.ms += ms;
        t.max = Math.max(t.max, ms);
        if (ms > 1) t.over1ms++;
        timed.set(key, t);
      }
    };
  }
}

/** The statements that took the most time in the driver, most first (empty unless BENCH_SQL_TIME=1). */
export function slowestStatements(n = Number(process.env.BENCH_SQL_TIME_ROWS ?? 15)): string[] {
  return [...(timed ?? [])]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, n)
    .map(([sql, t]) => `${t.ms.toFixed(0).padStart(6)} ms ${String(t.count).padStart(6)}× ${((t.ms / t.count) * 1000).toFixed(0).padStart(5)} µs, max ${t.max.toFixed(1).padStart(5)} ms, ${String(t.over1ms).padStart(4)} over 1 ms  ${sql}`);
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
