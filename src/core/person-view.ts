import type { TChannel } from '../domain/channel.js';
import type { TLocale } from '../domain/locale.js';
import type { TGrantableRole, TRole } from '../domain/role.js';

/** One role a person holds, and where it holds. */
export interface TRoleAssignmentView {
  role: TGrantableRole;
  unitId: string | null;
  /**
   * The campaign the role belongs to: a unit contact's unit's campaign, or the one an
   * official's invite named; null for a role across every campaign (the Board, admins).
   */
  campaignId: string | null;
}

/** Who is talking, as flows see them: plain data, never an ORM object. */
export interface TPersonView {
  id: string;
  displayName: string;
  locale: TLocale;
  /** Whether the person ever chose a language (a newcomer has not: `locale` is the default). */
  localeChosen: boolean;
  /** The roles that hold in the turn's campaign (see rolesIn). */
  roles: TRole[];
  /** Units the person is an active contact of, in every campaign. */
  unitIds: string[];
  assignments: readonly TRoleAssignmentView[];
}

/** The chat a turn came from. */
export interface TIdentityView {
  id: string;
  channel: TChannel;
  chatId: string;
}
