import { z } from 'zod';

export const ZWasteStatus = z.enum([
  'received',
  'verifying',
  'forwarded',
  'handling',
  'resolved',
  'rejected',
  'duplicate',
  'reopened',
]);
export type TWasteStatus = z.infer<typeof ZWasteStatus>;

/** Reports waiting for the board to act on, shown in the triage inbox. */
export const AWAITING_TRIAGE: TWasteStatus[] = ['received', 'verifying', 'reopened'];
/** Reports still open: candidates when a new one looks like the same thing. */
export const OPEN_STATUSES: TWasteStatus[] = ['received', 'verifying', 'forwarded', 'handling', 'reopened'];

const NEXT: Record<TWasteStatus, TWasteStatus[]> = {
  received: ['verifying', 'forwarded', 'resolved', 'rejected', 'duplicate'],
  verifying: ['forwarded', 'resolved', 'rejected', 'duplicate'],
  reopened: ['verifying', 'forwarded', 'resolved', 'rejected', 'duplicate'],
  forwarded: ['forwarded', 'handling', 'resolved', 'rejected'],
  handling: ['forwarded', 'handling', 'resolved'],
  resolved: ['reopened'],
  rejected: [],
  duplicate: [],
};

export function canMoveTo(from: TWasteStatus, to: TWasteStatus): boolean {
  return NEXT[from].includes(to);
}
