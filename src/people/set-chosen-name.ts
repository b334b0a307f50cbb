import type { Tx } from '../store/db.js';

/**
 * Keeps the name a person typed. The display name is rewritten too, so every place that shows
 * the person (triage, exports, greetings) reads it; `chosenName` marks it as theirs, so it
 * wins over a platform's name when accounts are linked.
 */
export async function setChosenName(tx: Tx, options: { personId: string; name: string }): Promise<void> {
  await tx.person.update({ where: { id: options.personId }, data: { chosenName: options.name, displayName: options.name } });
}

export async function getChosenName(tx: Tx, options: { personId: string }): Promise<string | null> {
  return (await tx.person.findUnique({ where: { id: options.personId }, select: { chosenName: true } }))?.chosenName ?? null;
}
