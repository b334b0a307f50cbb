import type { Tx } from './db.js';

/**
 * Facts a transaction has already read, for operations that would read them again. A turn
 * reads its person's state in one statement at its start; an operation run later in the same
 * transaction (the same `tx`) answers from here instead of asking the database a second time.
 * Keyed by the transaction object, so nothing outlives it and no other turn sees it.
 */
const facts = new WeakMap<Tx, Map<string, unknown>>();

export function noteFact(tx: Tx, key: string, value: unknown): void {
  let known = facts.get(tx);
  if (!known) facts.set(tx, (known = new Map()));
  known.set(key, value);
}

/** Undefined when the transaction has not read it. */
export function knownFact<T>(tx: Tx, key: string): T | undefined {
  return facts.get(tx)?.get(key) as T | undefined;
}
