import { hasRole, type TRole } from '../domain/role.js';
import { commandButton, type TCommandName } from './command-button.js';
import { bilingual, concat, verbatim, type TButton, type TMsg } from './message.js';
import type { TPersonView, TRoleAssignmentView } from './person-view.js';

/** A campaign (a movement) as turns see it. */
export interface TCampaignView {
  id: string;
  code: string;
  nameVi: string;
  nameEn: string;
  /**
   * Superseded by a later campaign's file, or no longer named in CAMPAIGN_FILE: readable,
   * never written to.
   */
  archived: boolean;
  /**
   * The campaigns whose years this one reads as its own: itself, then those it superseded,
   * nearest first (see findUnitsOfYear).
   */
  lineage: readonly string[];
}

/**
 * The campaigns of this installation: the ones CAMPAIGN_FILE names (active, the first is the
 * main one) and the archived ones they superseded. Fixed for the life of the process: a file
 * is only loaded at start.
 */
export class CampaignDirectory {
  readonly main: TCampaignView;
  readonly active: readonly TCampaignView[];
  private readonly byIdMap: Map<string, TCampaignView>;

  readonly all: readonly TCampaignView[];

  constructor(campaigns: readonly TCampaignView[], activeIds: readonly string[]) {
    // A campaign CAMPAIGN_FILE no longer names is not run: readable like an archived one.
    this.all = campaigns.map((c) => (activeIds.includes(c.id) ? c : { ...c, archived: true }));
    this.byIdMap = new Map(this.all.map((c) => [c.id, c]));
    this.active = activeIds.map((id) => this.byId(id)).filter((c): c is TCampaignView => Boolean(c && !c.archived));
    if (!this.active.length) throw new Error('no active campaign');
    this.main = this.active[0]!;
  }

  byId(id: string | null | undefined): TCampaignView | undefined {
    return id ? this.byIdMap.get(id) : undefined;
  }

  /** Codes are written in upper case in campaign files; people type them as they like. */
  byCode(code: string): TCampaignView | undefined {
    const wanted = code.trim().toUpperCase();
    return this.all.find((c) => c.code.toUpperCase() === wanted);
  }

  /** The active campaign that reads `campaignId` as its own: itself, or the one that superseded it. */
  heirOf(campaignId: string): TCampaignView | undefined {
    return this.active.find((c) => c.lineage.includes(campaignId));
  }
}

/**
 * Whether an assignment holds in `campaign`. A Board-wide role (no campaign) holds in every
 * campaign. An official's role in one campaign holds there and in the campaigns it superseded,
 * whose years it still reads; when that campaign is itself superseded, the role follows it to
 * its successor. A unit contact's work follows their unit, whatever the campaign.
 */
function holdsIn(assignment: TRoleAssignmentView, campaign: TCampaignView, directory: CampaignDirectory): boolean {
  if (assignment.role !== 'official' || assignment.campaignId === null) return true;
  const covered = directory.heirOf(assignment.campaignId)?.lineage ?? [assignment.campaignId];
  return covered.includes(campaign.id);
}

/** The roles a person holds when a turn works in `campaign`. */
export function rolesIn(person: Pick<TPersonView, 'assignments'>, campaign: TCampaignView, directory: CampaignDirectory): TRole[] {
  const roles = new Set<TRole>(['citizen']);
  for (const assignment of person.assignments) if (holdsIn(assignment, campaign, directory)) roles.add(assignment.role);
  return [...roles];
}

/** The person as a turn in `campaign` sees them. */
export function personIn(person: TPersonView, campaign: TCampaignView, directory: CampaignDirectory): TPersonView {
  return { ...person, roles: rolesIn(person, campaign, directory) };
}

/**
 * The campaign a turn works in unless a command names another: the one the person chose (while
 * it is active and they hold a role there); else, for an official of one campaign, that one;
 * for the Board's officials, the main campaign; for a unit contact, their unit's campaign.
 * Citizens land in the main one.
 */
export function turnCampaign(directory: CampaignDirectory, person: TPersonView, chosenId: string | null): TCampaignView {
  const chosen = directory.byId(chosenId);
  if (chosen && !chosen.archived && hasStaffRole(rolesIn(person, chosen, directory))) return chosen;
  const staff = person.assignments.filter((a) => a.role !== 'unit_contact');
  const scoped = staff.find((a) => a.campaignId !== null && directory.heirOf(a.campaignId));
  if (scoped) return directory.heirOf(scoped.campaignId!)!;
  if (staff.length) return directory.main;
  for (const assignment of person.assignments) {
    const campaign = assignment.campaignId === null ? undefined : directory.heirOf(assignment.campaignId);
    if (campaign) return campaign;
  }
  return directory.main;
}

function hasStaffRole(roles: readonly TRole[]): boolean {
  return hasRole(roles, 'official') || roles.includes('unit_contact');
}

/** Whether the person holds a role across every campaign: an admin, or an official of the Board. */
export function isBoardWide(person: Pick<TPersonView, 'assignments'>): boolean {
  return person.assignments.some((a) => a.role === 'admin' || (a.role === 'official' && a.campaignId === null));
}

/**
 * A button that runs a command taking a campaign's code (namesCampaign) in `campaignId`,
 * whichever campaign the person works in when they press it: the ids and unit codes a button
 * carries are that campaign's, and a unit of the same code in another would be acted on.
 * Where only one campaign runs, or the platform has no room left for the code, the button
 * works in the campaign of the press.
 */
export function campaignButton(directory: CampaignDirectory, campaignId: string, label: TMsg, name: TCommandName, ...args: (string | number)[]): TButton {
  const naming = namingCampaign(directory, campaignId);
  if (naming.length) {
    try {
      return commandButton(label, name, ...args, ...naming);
    } catch {
      // Button data is capped (Telegram: 64 bytes); a long campaign code does not fit with an id.
    }
  }
  return commandButton(label, name, ...args);
}

/**
 * The words that name `campaignId` in a command's arguments (see campaignButton), for a
 * command the person is asked to type: none where only one campaign runs.
 */
export function namingCampaign(directory: CampaignDirectory, campaignId: string): string[] {
  const campaign = directory.byId(campaignId);
  return campaign && directory.active.length > 1 ? [campaign.code] : [];
}

/**
 * A contact's own units, named: the same department in two movements is two units of one name,
 * so where the units span several movements each name carries its movement's code.
 */
export function ownUnitNames<U extends { id: string; nameVi: string; nameEn: string; campaignId: string }>(units: readonly U[], directory: CampaignDirectory): Map<string, TMsg> {
  const several = new Set(units.map((u) => u.campaignId)).size > 1;
  return new Map(
    units.map((u) => {
      const name = bilingual(u.nameVi, u.nameEn);
      const campaign = several ? directory.byId(u.campaignId) : undefined;
      return [u.id, campaign ? concat(name, verbatim(` (${campaign.code})`)) : name];
    }),
  );
}
