import type { Db, Tx } from '../store/db.js';
import { ZOutMessage } from './out-message.js';

/**
 * Whether the bot sent this file (a document it made, or a photo such as a chart) in a message
 * to this identity. The text search finds the candidates; each is then read as a message, so a
 * file id a person typed (and the bot quoted back) never counts: in the stored JSON it is
 * escaped inside a text, not the value of a file's own field.
 */
export async function wasFileSentTo(tx: Tx | Db, options: { identityId: string; file: { storedFileId: string } | { attachmentId: string } }): Promise<boolean> {
  const [field, id] = 'storedFileId' in options.file ? (['storedFileId', options.file.storedFileId] as const) : (['attachmentId', options.file.attachmentId] as const);
  const candidates = await tx.outboxMessage.findMany({
    where: { identityId: options.identityId, payloadJson: { contains: `${JSON.stringify(field)}:${JSON.stringify(id)}` } },
    select: { payloadJson: true },
    take: 20,
  });
  return candidates.some((row) => {
    const message = ZOutMessage.safeParse(JSON.parse(row.payloadJson));
    if (!message.success) return false;
    return field === 'storedFileId' ? message.data.document?.storedFileId === id : (message.data.photos ?? []).some((p) => p.attachmentId === id);
  });
}
