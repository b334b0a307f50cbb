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

/**
 * Who may read the note of a status change: `public` goes to the reporter too; `internal`
 * stays with the board and the unit. Followers, who are other citizens, read neither.
 */
export const ZNoteAudience = z.enum(['internal', 'public']);
export type TNoteAudience = z.infer<typeof ZNoteAudience>;

/** Whether a stored note may be shown to its reporter: anything not marked public is not. */
export const isPublicNote = (event: { note: string | null; audience: string }): boolean => !!event.note && event.audience === 'public';
