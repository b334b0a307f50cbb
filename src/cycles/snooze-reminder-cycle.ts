import { localDate, vietnamDayStart } from '../domain/period.js';
import { DELIVERY_HOUR, nextAllowed } from '../domain/reminder-schedule.js';
import type { Tx } from '../store/db.js';
import { loadDeliveryRules } from './delivery-rules.js';
import type { ReminderCycleKey } from './find-reminder-of-units.js';

/** "Remind me tomorrow": no reminder for this cycle until the delivery hour of the next working day. Gives that time. */
export async function snoozeReminderCycle(tx: Tx, options: { cycle: ReminderCycleKey; now: Date }): Promise<Date> {
  const today = localDate(options.now);
  const tomorrow = new Date(vietnamDayStart(today.year, today.month, today.day + 1).getTime() + DELIVERY_HOUR * 3_600_000);
  // The unit's own campaign's quiet hours and holidays: a contact may report to several movements.
  const { campaignId } = await tx.unit.findUniqueOrThrow({ where: { id: options.cycle.unitId }, select: { campaignId: true } });
  const until = nextAllowed(tomorrow, await loadDeliveryRules(tx, campaignId));
  const key = options.cycle;
  await tx.cycleStatus.upsert({ where: { cycleCode_unitId_period: key }, create: { ...key, snoozedUntil: until }, update: { snoozedUntil: until } });
  return until;
}
