import type { Tx } from '../store/db.js';

/**
 * What the bot could not deliver or handle: the latest messages it gave up on and their count,
 * how many accounts it can no longer reach, and the latest incoming updates it let go after
 * several attempts and their count.
 */
export async function listDeliveryFailures(tx: Tx, options: { messages: number; updates: number }) {
  const failedMessages = await tx.outboxMessage.findMany({
    where: { status: 'failed' },
    orderBy: { id: 'desc' },
    take: options.messages,
    include: { identity: { include: { person: true } } },
  });
  const unreachable = await tx.identity.count({ where: { status: { not: 'active' } } });
  const failedCount = await tx.outboxMessage.count({ where: { status: 'failed' } });
  const givenUp = { gaveUpAt: { not: null } };
  const givenUpCount = await tx.failedUpdate.count({ where: givenUp });
  const givenUpUpdates = givenUpCount ? await tx.failedUpdate.findMany({ where: givenUp, orderBy: { gaveUpAt: 'desc' }, take: options.updates }) : [];
  return { failedMessages, failedCount, unreachable, givenUpUpdates, givenUpCount };
}
