import type { Tx } from '../store/db.js';
import type { LinkPlan } from './link-identities.js';

/**
 * Moves the absorbed person's accounts, citizen reports, follows and figures to the survivor,
 * and its block on filing reports, if any.
 * Role assignments are not moved: planLink only merges when the absorbed person holds no
 * active role, and its revoked ones stay with it as history, where they cannot come back.
 */
export async function mergePersons(tx: Tx, { survivorId, absorbedId }: LinkPlan): Promise<void> {
  await tx.identity.updateMany({ where: { personId: absorbedId }, data: { personId: survivorId } });
  await tx.wasteReport.updateMany({ where: { reporterId: absorbedId }, data: { reporterId: survivorId } });
  await tx.progressUpdate.updateMany({ where: { submittedById: absorbedId }, data: { submittedById: survivorId } });
  for (const follow of await tx.wasteFollower.findMany({ where: { personId: absorbedId } })) {
    await tx.wasteFollower.upsert({
      where: { reportId_personId: { reportId: follow.reportId, personId: survivorId } },
      create: { reportId: follow.reportId, personId: survivorId, createdAt: follow.createdAt },
      update: {},
    });
  }
  await tx.wasteFollower.deleteMany({ where: { personId: absorbedId } });
  // A sender blocked by officials must not shed the block by linking to a fresh account.
  await tx.reportingBlock.updateMany({ where: { personId: absorbedId }, data: { personId: survivorId } });
  const survivor = await tx.person.findUniqueOrThrow({ where: { id: survivorId } });
  // A name the person typed wins over a platform's display name.
  if (survivor.chosenName === null) {
    const absorbed = await tx.person.findUniqueOrThrow({ where: { id: absorbedId } });
    if (absorbed.chosenName !== null) await tx.person.update({ where: { id: survivorId }, data: { chosenName: absorbed.chosenName, displayName: absorbed.chosenName } });
  }
  if (survivor.locale === null) {
    const absorbed = await tx.person.findUniqueOrThrow({ where: { id: absorbedId } });
    if (absorbed.locale !== null) await tx.person.update({ where: { id: survivorId }, data: { locale: absorbed.locale } });
  }
}
