import { ZLocale, type TLocale } from '../domain/locale.js';
import { ZGrantableRole, type TRole } from '../domain/role.js';
import type { TPersonView } from '../core/person-view.js';
import type { Tx } from '../store/db.js';

export async function getPersonView(tx: Tx, personId: string, defaultLocale: TLocale): Promise<TPersonView> {
  const person = await tx.person.findUniqueOrThrow({
    where: { id: personId },
    include: { roles: { where: { revokedAt: null } } },
  });
  return toPersonView(person, person.roles, defaultLocale);
}

/** A person and their active role assignments, as a turn sees them. */
export function toPersonView(
  person: { id: string; displayName: string; locale: string | null },
  assignments: { role: string; unitId: string | null }[],
  defaultLocale: TLocale,
): TPersonView {
  const roles = new Set<TRole>(['citizen']);
  const unitIds = new Set<string>();
  for (const assignment of assignments) {
    const role = ZGrantableRole.safeParse(assignment.role);
    if (!role.success) continue;
    roles.add(role.data);
    if (role.data === 'unit_contact' && assignment.unitId) unitIds.add(assignment.unitId);
  }
  const locale = ZLocale.safeParse(person.locale);
  return {
    id: person.id,
    displayName: person.displayName,
    locale: locale.success ? locale.data : defaultLocale,
    roles: [...roles],
    unitIds: [...unitIds],
  };
}
