import type { TReply } from '../core/message.js';
import { activeUnitContacts } from '../people/active-unit-contacts.js';
import type { Tx } from '../store/db.js';
import { dueStart, type DueDay, type TCycle } from './cycle-periods.js';
import { reminderMessage } from './reminder-message.js';

/** Queues a message to a person through the outbox (see TurnContext.notify). */
export type Notify = (personId: string, message: TReply, dedupeKey: string) => Promise<unknown>;

export type SendReminderOptions = {
  cycle: TCycle;
  period: string;
  due: DueDay;
  daysLeft: number;
  unit: { id: string; nameVi: string; nameEn: string };
  now: Date;
  notify: Notify;
} & (
  | { rung: string; manual?: never }
  /** An official's /nhacnho: its own title, one per unit and minute however often pressed. */
  | { manual: true; rung?: never }
);

/**
 * Records a reminder for a unit's period and queues it to each of the unit's contacts. One
 * per (cycle, unit, period, rung): null when that one was already sent, and nobody hears it
 * twice. Returns how many contacts it was queued to.
 */
export async function sendReminder(tx: Tx, o: SendReminderOptions): Promise<{ reminderId: string; contacts: number } | null> {
  const rung = o.manual ? `manual-${o.now.toISOString().slice(0, 16)}` : o.rung;
  const key = { cycleCode: o.cycle.code, unitId: o.unit.id, period: o.period, rung };
  if (await tx.reminder.findUnique({ where: { cycleCode_unitId_period_rung: key }, select: { id: true } })) return null;
  const reminder = await tx.reminder.create({ data: { ...key, dueAt: dueStart(o.due), sentAt: o.now, createdAt: o.now } });
  const contacts = await activeUnitContacts(tx, { unitId: o.unit.id });
  const message = reminderMessage({ reminderId: reminder.id, cycle: o.cycle, period: o.period, due: o.due, daysLeft: o.daysLeft, unit: o.unit, ...(o.manual ? { manual: true } : {}) });
  for (const personId of contacts) await o.notify(personId, message, `reminder:${reminder.id}:${personId}`);
  return { reminderId: reminder.id, contacts: contacts.length };
}
