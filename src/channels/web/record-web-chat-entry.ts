import type { Db } from '../../store/db.js';

export interface RecordWebChatEntryOptions {
  visitorId: string;
  clientMessageId: string;
  /** The visitor's newest outbox row before the message was handled. */
  afterMessageId: number;
  text: string;
}

/** Keeps what a web visitor sent for their own page's history; a retried send is kept once. */
export async function recordWebChatEntry(db: Db, { visitorId, clientMessageId, afterMessageId, text }: RecordWebChatEntryOptions): Promise<void> {
  const identity = await db.identity.findUnique({ where: { channel_externalId: { channel: 'web', externalId: visitorId } }, select: { id: true } });
  if (!identity) return;
  await db.webChatEntry.upsert({
    where: { identityId_clientMessageId: { identityId: identity.id, clientMessageId } },
    create: { identityId: identity.id, clientMessageId, afterMessageId, text },
    update: {},
  });
}

/** The visitor's newest outbox row, 0 before the first; and the label of a button it offered. */
export async function newestWebMessage(db: Db, visitorId: string): Promise<{ id: number; labelOf: (data: string) => string | undefined }> {
  const identity = await db.identity.findUnique({ where: { channel_externalId: { channel: 'web', externalId: visitorId } }, select: { id: true } });
  const rows = identity ? await db.outboxMessage.findMany({ where: { identityId: identity.id }, orderBy: { id: 'desc' }, take: 20, select: { id: true, payloadJson: true } }) : [];
  return {
    id: rows[0]?.id ?? 0,
    labelOf: (data) => {
      for (const row of rows) {
        const buttons = (JSON.parse(row.payloadJson) as { buttons?: { label: string; data: string }[][] }).buttons ?? [];
        const label = buttons.flat().find((b) => b.data === data)?.label;
        if (label) return label;
      }
      return undefined;
    },
  };
}
