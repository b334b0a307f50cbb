import { z } from 'zod';

/** Everyone is a citizen; the other roles are granted by invites and can be revoked. */
export const ZRole = z.enum(['citizen', 'unit_contact', 'official', 'admin']);
export type TRole = z.infer<typeof ZRole>;

export const ZGrantableRole = z.enum(['unit_contact', 'official', 'admin']);
export type TGrantableRole = z.infer<typeof ZGrantableRole>;

/** Admins can do everything officials can. */
export function hasRole(roles: readonly TRole[], wanted: TRole): boolean {
  if (wanted === 'citizen') return true;
  if (roles.includes(wanted)) return true;
  return wanted === 'official' && roles.includes('admin');
}
