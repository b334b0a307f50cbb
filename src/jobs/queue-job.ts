import type { TIdentityView, TPersonView } from '../core/person-view.js';
import type { JobRef, TQueueJobResult } from '../core/turn-context.js';
import type { Tx } from '../store/db.js';

export interface QueueJobOptions<A> {
  job: JobRef<A>;
  args: A;
  person: TPersonView;
  identity: TIdentityView;
  /** The campaign the job reads. */
  campaignId: string;
  now: Date;
}

/**
 * Queues a job in the caller's transaction. Its arguments are checked first, with the schema
 * the runner reads them back with: a request that would fail there is refused now. The same
 * request from the same person while an earlier one is still waiting or running is not queued
 * twice: a second /xuat pressed out of impatience must not build the workbook again.
 */
export async function queueJob<A>(tx: Tx, options: QueueJobOptions<A>): Promise<TQueueJobResult> {
  const parsed = options.job.args.safeParse(options.args);
  if (!parsed.success) return 'invalid';
  const kind = options.job.kind;
  const argsJson = JSON.stringify(parsed.data);
  const open = await tx.job.findFirst({
    where: { personId: options.person.id, kind, argsJson, campaignId: options.campaignId, status: { in: ['pending', 'running'] } },
    select: { id: true },
  });
  if (open) return 'alreadyRunning';
  await tx.job.create({
    data: { kind, argsJson, personId: options.person.id, identityId: options.identity.id, campaignId: options.campaignId, createdAt: options.now },
  });
  return 'queued';
}
