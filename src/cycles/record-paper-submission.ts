import { recordAudit } from '../audit/record-audit.js';
import type { Tx } from '../store/db.js';
import type { ReminderCycleKey } from './find-reminder-of-units.js';

/** "Submitted on paper": recorded for the board to see, in the audit log too; no more reminders this cycle. */
export async function recordPaperSubmission(tx: Tx, options: { cycle: ReminderCycleKey; personId: string; now: Date }): Promise<void> {
  const { cycle: key, personId, now } = options;
  await tx.cycleStatus.upsert({
    where: { cycleCode_unitId_period: key },
    create: { ...key, paperAt: now, paperById: personId },
    update: { paperAt: now, paperById: personId, snoozedUntil: null },
  });
  await recordAudit(tx, { actorId: personId, action: 'reminder.paper', subjectType: 'unit', subjectId: key.unitId, details: { ...key }, at: now });
}
