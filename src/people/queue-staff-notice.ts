import type { TReply } from '../core/message.js';
import type { TLocale } from '../domain/locale.js';
import type { OutboxRow } from '../outbox/out-message.js';
import { queueMessage } from '../outbox/queue-message.js';
import type { RenderReply } from '../outbox/render-reply.js';
import type { Tx } from '../store/db.js';
import { listOfficials } from './list-officials.js';

export interface QueueStaffNoticeOptions {
  /** `admins` for what only they can mend (a platform token); `officials` for the Board's work (admins count as officials). */
  to: 'admins' | 'officials';
  /** For `officials`: only those whose role holds in this campaign (see ListOfficialsOptions). */
  lineage?: readonly string[];
  reply: TReply;
  /** Names the event: one alert per admin for it, however often it is raised. */
  dedupeKey: string;
  render: RenderReply;
  defaultLocale: TLocale;
  now: Date;
}

/** Queues a message to every admin or every official, on each of their reachable accounts. */
export async function queueStaffNotice(tx: Tx, { to, lineage, reply, dedupeKey, render, defaultLocale, now }: QueueStaffNoticeOptions): Promise<OutboxRow[]> {
  const people =
    to === 'officials'
      ? await listOfficials(tx, lineage ? { lineage } : {})
      : [...new Set((await tx.roleAssignment.findMany({ where: { role: 'admin', revokedAt: null }, select: { personId: true } })).map((a) => a.personId))];
  const rows: OutboxRow[] = [];
  for (const personId of people) {
    rows.push(...(await queueMessage(tx, { personId, reply, dedupeKey: `${dedupeKey}:${personId}`, render, defaultLocale, now })));
  }
  return rows;
}
