import type { Tx } from '../store/db.js';
import { knownFact } from '../store/turn-facts.js';

/** The turn-facts key under which a turn notes whether its own person is blocked. */
export const reportingBlockedFact = (personId: string) => `reportingBlocked:${personId}`;

/**
 * Whether an official's block, not yet lifted, stops this person from filing reports. A turn
 * already read it for its own person with the turn's state (src/bot/load-turn-state.ts), in
 * the same transaction; blocks are placed and lifted by officials in their own turns.
 */
export async function isReportingBlocked(tx: Tx, options: { personId: string }): Promise<boolean> {
  const known = knownFact<boolean>(tx, reportingBlockedFact(options.personId));
  if (known !== undefined) return known;
  return (await tx.reportingBlock.count({ where: { personId: options.personId, liftedAt: null } })) > 0;
}
