import { ZLocale, type TLocale } from '../domain/locale.js';
import { ZGrantableRole, type TRole } from '../domain/role.js';
import type { TPersonView, TRoleAssignmentView } from '../core/person-view.js';
import type { Tx } from '../store/db.js';

export async function getPersonView(tx: Tx, personId: string, defaultLocale: TLocale): Promise<TPersonView> {
  const person = await tx.person.findUniqueOrThrow({
    where: { id: personId },
    include: { roles: { where: { revokedAt: null }, include: { unit: { select: { campaignId: true } } } } },
  });
  return toPersonView(person, person.roles.map((r) => ({ role: r.role, unitId: r.unitId, campaignId: r.campaignId ?? r.unit?.campaignId ?? null })), defaultLocale);
}

/**
 * A person and their active role assignments. `roles` holds every role in any campaign; a turn
 * narrows it to its campaign (see personIn).
 */
export function toPersonView(
  person: { id: string; displayName: string; locale: string | null },
  stored: { role: string; unitId: string | null; campaignId?: string | null }[],
  defaultLocale: TLocale,
): TPersonView {
  const roles = new Set<TRole>(['citizen']);
  const unitIds = new Set<string>();
  const assignments: TRoleAssignmentView[] = [];
  for (const assignment of stored) {
    const role = ZGrantableRole.safeParse(assignment.role);
    if (!role.success) continue;
    roles.add(role.data);
    assignments.push({ role: role.data, unitId: assignment.unitId, campaignId: assignment.campaignId ?? null });
    if (role.data === 'unit_contact' && assignment.unitId) unitIds.add(assignment.unitId);
  }
  const locale = ZLocale.safeParse(person.locale);
  return {
    id: person.id,
    displayName: person.displayName,
    locale: locale.success ? locale.data : defaultLocale,
    localeChosen: locale.success,
    roles: [...roles],
    unitIds: [...unitIds],
    assignments,
  };
}
