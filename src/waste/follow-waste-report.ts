import type { Tx } from '../store/db.js';

/** The person hears of the report's changes from now on; following twice changes nothing. */
export async function followWasteReport(tx: Tx, options: { reportId: string; personId: string; now: Date }): Promise<void> {
  await tx.wasteFollower.upsert({
    where: { reportId_personId: { reportId: options.reportId, personId: options.personId } },
    create: { reportId: options.reportId, personId: options.personId, createdAt: options.now },
    update: {},
  });
}
