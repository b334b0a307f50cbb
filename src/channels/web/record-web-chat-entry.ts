import { isUniqueViolation } from '../../store/is-unique-violation.js';
import { listRecentMessages } from '../../outbox/list-recent-messages.js';
import type { Db } from '../../store/db.js';

export interface RecordWebChatEntryOptions {
  /** The visitor's identity: newestWebMessage's before a turn, the turn's for a first message. */
  identityId: string;
  clientMessageId: string;
  /** The visitor's newest outbox row before the message was handled. */
  afterMessageId: number;
  text: string;
  /** When it was sent, by the app's clock: it goes with its replies after CHAT_HISTORY_DAYS. */
  createdAt: Date;
}

/**
 * Keeps what a web visitor sent for their own page's history; a retried send is kept once, where
 * it was first sent. Kept before its turn runs: a retry after the turn (its response lost, the
 * server stopped) would otherwise place it after its own replies. A visitor's first message has
 * no identity until its turn, and is kept just after it.
 */
export async function recordWebChatEntry(db: Db, { identityId, clientMessageId, afterMessageId, text, createdAt }: RecordWebChatEntryOptions): Promise<void> {
  try {
    await db.webChatEntry.upsert({
      where: { identityId_clientMessageId: { identityId, clientMessageId } },
      create: { identityId, clientMessageId, afterMessageId, text, createdAt },
      update: {},
    });
  } catch (error) {
    // The same message sent twice at once: the other request kept it.
    if (!isUniqueViolation(error)) throw error;
  }
}

/**
 * The visitor's newest outbox row, 0 before the first; their identity, none before their first
 * turn; and, for a button press, the label of the button among the last messages (their
 * payloads are read only then).
 */
export async function newestWebMessage(db: Db, visitorId: string, { forButton }: { forButton: boolean }): Promise<{ id: number; identityId: string | undefined; labelOf: (data: string) => string | undefined }> {
  const identity = await db.identity.findUnique({ where: { channel_externalId: { channel: 'web', externalId: visitorId } }, select: { id: true } });
  const rows = identity ? await listRecentMessages(db, { to: { identityId: identity.id }, take: forButton ? 20 : 1, withMessages: forButton }) : [];
  return {
    id: rows[0]?.id ?? 0,
    identityId: identity?.id,
    labelOf: (data) => {
      if (!forButton) return undefined;
      for (const row of rows) {
        const label = row.message?.buttons?.flat().find((b) => b.data === data)?.label;
        if (label) return label;
      }
      return undefined;
    },
  };
}
