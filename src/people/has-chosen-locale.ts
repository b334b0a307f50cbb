import type { Tx } from '../store/db.js';

/** Whether the person ever chose a language (a newcomer has not). */
export async function hasChosenLocale(tx: Tx, options: { personId: string }): Promise<boolean> {
  return Boolean((await tx.person.findUnique({ where: { id: options.personId }, select: { locale: true } }))?.locale);
}
