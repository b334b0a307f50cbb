import type { Tx } from '../store/db.js';

/**
 * The two sides of a planned link as the person confirming it must see them: the other person
 * with their accounts, and the person that remains with the roles that will act from both.
 */
export async function loadLinkParties(tx: Tx, options: { otherId: string; survivorId: string }) {
  const other = await tx.person.findUniqueOrThrow({ where: { id: options.otherId }, include: { identities: true } });
  const survivor = await tx.person.findUniqueOrThrow({
    where: { id: options.survivorId },
    include: { roles: { where: { revokedAt: null }, include: { unit: true } } },
  });
  return { other, survivor };
}
