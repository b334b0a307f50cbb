import type { Clock } from '../clock.js';
import type { TChannel } from '../domain/channel.js';
import type { Logger } from '../logger.js';
import type { Db } from '../store/db.js';
import { sanitizeText } from './sanitize-input.js';

/** Attempts an update that fails for itself gets before it is acknowledged anyway. */
export const MAX_UPDATE_ATTEMPTS = 5;

export interface RecordFailedUpdateOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  channel: TChannel;
  updateId: string;
  error: unknown;
}

/**
 * Counts one more failure of an update that failed for itself (never call it for a database
 * outage: such updates are held, however long). Returns true once the update is given up: the
 * caller then acknowledges it, so the platform stops re-sending it and the chat flows on; the
 * update stays listed for admins. Counted in the database, so webhook re-deliveries to any
 * instance add up.
 */
export async function recordFailedUpdate({ db, clock, logger, channel, error, ...options }: RecordFailedUpdateOptions): Promise<boolean> {
  const now = clock.now();
  const updateId = sanitizeText(options.updateId).slice(0, 200);
  const e = error as { name?: string; message?: string } | null;
  // The error's own words, cleaned: a message quoting the bad value must not fail again here.
  const lastError = sanitizeText(`${e?.name ?? 'Error'}: ${e?.message ?? String(error)}`).slice(0, 300);
  const row = await db.failedUpdate.upsert({
    where: { channel_updateId: { channel, updateId } },
    create: { channel, updateId, lastError, failedAt: now },
    update: { attempts: { increment: 1 }, lastError, failedAt: now },
  });
  if (row.attempts < MAX_UPDATE_ATTEMPTS) {
    logger.warn({ channel, updateId, attempt: row.attempts, err: error }, 'update failed; it will be tried again');
    return false;
  }
  if (!row.gaveUpAt) await db.failedUpdate.update({ where: { channel_updateId: { channel, updateId } }, data: { gaveUpAt: now } });
  logger.error({ channel, updateId, attempts: row.attempts, err: error }, 'update given up; acknowledged and listed for admins');
  return true;
}
