import type { TReply } from '../core/message.js';
import type { TLocale } from '../domain/locale.js';
import type { OutboxRow } from '../outbox/out-message.js';
import { queueMessage } from '../outbox/queue-message.js';
import type { RenderReply } from '../outbox/render-reply.js';
import type { Tx } from '../store/db.js';

export interface QueueAdminAlertOptions {
  reply: TReply;
  /** Names the event: one alert per admin for it, however often it is raised. */
  dedupeKey: string;
  render: RenderReply;
  defaultLocale: TLocale;
  now: Date;
}

/** Queues a message to every admin, on each of their reachable accounts. */
export async function queueAdminAlert(tx: Tx, { reply, dedupeKey, render, defaultLocale, now }: QueueAdminAlertOptions): Promise<OutboxRow[]> {
  const admins = await tx.roleAssignment.findMany({ where: { role: 'admin', revokedAt: null }, select: { personId: true } });
  const rows: OutboxRow[] = [];
  for (const personId of new Set(admins.map((a) => a.personId))) {
    rows.push(...(await queueMessage(tx, { personId, reply, dedupeKey: `${dedupeKey}:${personId}`, render, defaultLocale, now })));
  }
  return rows;
}
