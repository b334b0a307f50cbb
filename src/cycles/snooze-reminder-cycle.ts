import { localDate, vietnamDayStart } from '../domain/period.js';
import { DELIVERY_HOUR, nextAllowed } from '../domain/reminder-schedule.js';
import type { Tx } from '../store/db.js';
import { loadDeliveryRules } from './delivery-rules.js';
import type { ReminderCycleKey } from './find-reminder-of-units.js';

/** "Remind me tomorrow": no reminder for this cycle until the delivery hour of the next working day. Gives that time. */
export async function snoozeReminderCycle(tx: Tx, options: { cycle: ReminderCycleKey; campaignId: string; now: Date }): Promise<Date> {
  const today = localDate(options.now);
  const tomorrow = new Date(vietnamDayStart(today.year, today.month, today.day + 1).getTime() + DELIVERY_HOUR * 3_600_000);
  const until = nextAllowed(tomorrow, await loadDeliveryRules(tx, options.campaignId));
  const key = options.cycle;
  await tx.cycleStatus.upsert({ where: { cycleCode_unitId_period: key }, create: { ...key, snoozedUntil: until }, update: { snoozedUntil: until } });
  return until;
}
