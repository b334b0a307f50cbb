import type { Tx } from '../store/db.js';

/** Turns the weekly digest on or off for a person; `on: null` turns it the other way. Gives the new setting. */
export async function setDigestOptIn(tx: Tx, options: { personId: string; on: boolean | null }): Promise<boolean> {
  const on = options.on ?? !(await tx.person.findUniqueOrThrow({ where: { id: options.personId }, select: { digestOptIn: true } })).digestOptIn;
  await tx.person.update({ where: { id: options.personId }, data: { digestOptIn: on } });
  return on;
}
