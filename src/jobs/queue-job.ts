import type { TIdentityView, TPersonView } from '../core/person-view.js';
import type { Tx } from '../store/db.js';

export interface QueueJobOptions {
  kind: string;
  args: unknown;
  person: TPersonView;
  identity: TIdentityView;
  now: Date;
}

/**
 * Queues a job in the caller's transaction. The same request from the same person while an
 * earlier one is still waiting or running is not queued twice: a second /xuat pressed out of
 * impatience must not build the workbook again.
 */
export async function queueJob(tx: Tx, options: QueueJobOptions): Promise<{ queued: boolean }> {
  const argsJson = JSON.stringify(options.args);
  const open = await tx.job.findFirst({
    where: { personId: options.person.id, kind: options.kind, argsJson, status: { in: ['pending', 'running'] } },
    select: { id: true },
  });
  if (open) return { queued: false };
  await tx.job.create({
    data: { kind: options.kind, argsJson, personId: options.person.id, identityId: options.identity.id, createdAt: options.now },
  });
  return { queued: true };
}
