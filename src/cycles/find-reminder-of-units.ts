import type { Tx } from '../store/db.js';

export interface ReminderCycleKey {
  cycleCode: string;
  unitId: string;
  period: string;
}

/**
 * The cycle a reminder was sent for, if the reminder is for one of these units: its buttons
 * act on that cycle, and only a contact of the unit may press them.
 */
export async function findReminderOfUnits(tx: Tx, options: { reminderId: string; unitIds: readonly string[] }): Promise<ReminderCycleKey | null> {
  const reminder = await tx.reminder.findUnique({ where: { id: options.reminderId.trim() } });
  if (!reminder || !options.unitIds.includes(reminder.unitId)) return null;
  return { cycleCode: reminder.cycleCode, unitId: reminder.unitId, period: reminder.period };
}
