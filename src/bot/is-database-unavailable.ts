/**
 * Whether an error means "the database is not there right now" rather than "this turn is
 * wrong". Such turns are not acknowledged, so the platform (or the poller) delivers the
 * update again once the database is back.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; name?: string; message?: string; cause?: unknown } | null;
  if (!e) return false;
  if (e.code && ['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028'].includes(e.code)) return true;
  const text = `${e.name ?? ''} ${e.message ?? ''}`;
  if (/ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|Connection terminated|connection.*closed|the database system is (starting up|shutting down)|terminating connection|Can't reach database|DatabaseNotReachable|SQLITE_BUSY|database is locked|Transaction API error|Unable to start a transaction/i.test(text)) {
    return true;
  }
  return e.cause ? isDatabaseUnavailable(e.cause) : false;
}
