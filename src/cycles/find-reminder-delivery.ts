import type { Tx } from '../store/db.js';

/**
 * How the latest reminder of a unit for a period fared: `delivered` when it reached one of its
 * contacts on any platform; else `waiting` when a platform holds it until the person writes
 * (a Zalo OA's interaction window), `failed` when every platform refused it, `sending` while it
 * is still on its way. No entry: no reminder was sent.
 */
export type TReminderDelivery = 'delivered' | 'waiting' | 'failed' | 'sending';

export interface FindReminderDeliveryOptions {
  cycleCode: string;
  period: string;
  unitIds: readonly string[];
}

export async function findReminderDelivery(tx: Tx, { cycleCode, period, unitIds }: FindReminderDeliveryOptions): Promise<Map<string, TReminderDelivery>> {
  if (!unitIds.length) return new Map();
  const reminders = await tx.reminder.findMany({
    where: { cycleCode, period, unitId: { in: [...unitIds] }, sentAt: { not: null } },
    orderBy: { sentAt: 'desc' },
    select: { id: true, unitId: true },
  });
  const latest = new Map<string, string>();
  for (const r of reminders) if (!latest.has(r.unitId)) latest.set(r.unitId, r.id);
  const found = new Map<string, TReminderDelivery>();
  for (const [unitId, reminderId] of latest) {
    // Each copy of a reminder is keyed `reminder:<id>:<person>:<account>:<part>` (queueMessage).
    const rows = await tx.outboxMessage.findMany({ where: { dedupeKey: { startsWith: `reminder:${reminderId}:` } }, select: { status: true } });
    if (!rows.length) continue;
    const statuses = new Set(rows.map((r) => r.status));
    found.set(unitId, statuses.has('sent') ? 'delivered' : statuses.has('waiting') ? 'waiting' : [...statuses].every((s) => s === 'failed') ? 'failed' : 'sending');
  }
  return found;
}
