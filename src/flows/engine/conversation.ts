import { z } from 'zod';
import { ConcurrentUpdateError } from '../../errors.js';
import type { Tx } from '../../store/db.js';
import { isUniqueViolation } from '../../store/is-unique-violation.js';
import { ZPrompt } from '../../core/ask.js';
import { safeJson } from '../../safe-json.js';

/** A conversation as stored: which flow, which step, the flow's data and the prompt shown. */
export const ZConversation = z.object({
  flowId: z.string(),
  step: z.string(),
  data: z.unknown(),
  prompt: ZPrompt,
  seq: z.number().int().nonnegative(),
  version: z.number().int().nonnegative(),
  startedAt: z.date(),
  updatedAt: z.date(),
});
export type TConversation = z.infer<typeof ZConversation>;

export async function loadConversation(tx: Tx, identityId: string): Promise<TConversation | null> {
  const row = await tx.conversation.findUnique({ where: { identityId } });
  return row ? parseConversation(row) : null;
}

/** The columns of a stored conversation, as any query returns them. */
export interface ConversationRow {
  flowId: string;
  step: string;
  dataJson: string;
  promptJson: string;
  seq: number;
  version: number;
  startedAt: Date;
  updatedAt: Date;
}

export function parseConversation(row: ConversationRow): TConversation | null {
  const parsed = ZConversation.safeParse({
    flowId: row.flowId,
    step: row.step,
    data: safeJson(row.dataJson),
    prompt: safeJson(row.promptJson),
    seq: row.seq,
    version: row.version,
    startedAt: row.startedAt,
    updatedAt: row.updatedAt,
  });
  // A row this version of the bot cannot read is treated as no conversation; the person is
  // told by the caller's fallback rather than stuck.
  return parsed.success ? parsed.data : null;
}

/**
 * Writes the conversation only if nobody else changed it since it was loaded (`version`).
 * A lost race throws ConcurrentUpdateError and the whole turn is retried.
 */
export async function saveConversation(
  tx: Tx,
  identityId: string,
  previous: TConversation | null,
  next: TConversation | null,
  now: Date,
): Promise<void> {
  if (!next) {
    if (previous) {
      const { count } = await tx.conversation.deleteMany({ where: { identityId, version: previous.version } });
      if (count !== 1) throw new ConcurrentUpdateError('conversation changed while it was being ended');
    }
    return;
  }
  const fields = {
    flowId: next.flowId,
    step: next.step,
    dataJson: JSON.stringify(next.data ?? null),
    promptJson: JSON.stringify(next.prompt),
    seq: next.seq,
    startedAt: next.startedAt,
    updatedAt: now,
  };
  if (!previous) {
    // One insert, no lookup first: a row already there means another turn started one.
    try {
      await tx.conversation.create({ data: { identityId, ...fields, version: 0 } });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConcurrentUpdateError('a conversation was started concurrently');
      throw error;
    }
    return;
  }
  const { count } = await tx.conversation.updateMany({
    where: { identityId, version: previous.version },
    data: { ...fields, version: previous.version + 1 },
  });
  if (count !== 1) throw new ConcurrentUpdateError('conversation changed concurrently');
}
