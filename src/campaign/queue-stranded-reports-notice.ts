import { msg, reply } from '../core/message.js';
import type { TLocale } from '../domain/locale.js';
import type { RenderReply } from '../outbox/render-reply.js';
import { queueStaffNotice } from '../people/queue-staff-notice.js';
import type { Tx } from '../store/db.js';
import { countStrandedReports } from '../waste/count-stranded-reports.js';

export interface QueueStrandedReportsNoticeOptions {
  render: RenderReply;
  defaultLocale: TLocale;
  now: Date;
  /** The load: one notice per load that left reports behind. */
  batchId: string;
  /** The campaign loaded and those it superseded: its officials are told, not another movement's. */
  lineage: readonly string[];
}

/**
 * After a load, tells the Board how many open citizen reports were left with units that have
 * ended (no successor took their work): those reporters wait on nobody until an official
 * forwards their reports again, from /hopthu.
 */
export async function queueStrandedReportsNotice(tx: Tx, { render, defaultLocale, now, batchId, lineage }: QueueStrandedReportsNoticeOptions): Promise<number> {
  const count = await countStrandedReports(tx, {});
  if (!count) return 0;
  await queueStaffNotice(tx, { to: 'officials', lineage, reply: reply(msg('lineage.strandedReports', { count })), dedupeKey: `stranded:${batchId}`, render, defaultLocale, now });
  return count;
}
