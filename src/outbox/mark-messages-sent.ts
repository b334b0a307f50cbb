import type { Db } from '../store/db.js';
import { placeholders } from '../store/placeholders.js';
import { groupBy } from '../group-by.js';

export interface MarkMessagesSentOptions {
  /** Each message with the token of the claim it was sent under. */
  messages: { id: number; token: string }[];
  now: Date;
}

/**
 * Marks messages sent, in one statement for all of them; each only while the claim that sent
 * it still holds it, so a send that finished after its lease moved on changes nothing.
 *
 * Written as SQL: it runs once for every reply, and Prisma's `updateMany` with this filter
 * cost about three times the CPU of the statement itself.
 */
export async function markMessagesSent(db: Db, options: MarkMessagesSentOptions): Promise<void> {
  if (!options.messages.length) return;
  const next = placeholders(db);
  const args: unknown[] = [options.now];
  const set = `"status" = 'sent', "sentAt" = ${next()}, "lockedBy" = NULL, "lockedUntil" = NULL, "lastError" = NULL`;
  const mine = [...groupBy(options.messages, (m) => m.token)].map(([token, messages]) => {
    args.push(token, ...messages.map((m) => m.id));
    return `("lockedBy" = ${next()} AND "id" IN (${messages.map(next).join(', ')}))`;
  });
  await db.$executeRawUnsafe(`UPDATE "OutboxMessage" SET ${set} WHERE ${mine.join(' OR ')}`, ...args);
}
