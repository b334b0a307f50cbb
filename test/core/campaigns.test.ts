import { describe, expect, it } from 'vitest';
import { CampaignDirectory, isBoardWide, rolesIn, turnCampaign, type TCampaignView } from '../../src/core/campaigns.js';
import type { TPersonView, TRoleAssignmentView } from '../../src/core/person-view.js';

const campaign = (id: string, lineage: string[] = [id], archived = false): TCampaignView => ({ id, code: id.toUpperCase(), nameVi: id, nameEn: id, archived, lineage: [id, ...lineage.filter((l) => l !== id)] });
// OLD was superseded by NEW; SIDE runs beside NEW; GONE is in the database but no longer in CAMPAIGN_FILE.
const directory = new CampaignDirectory([campaign('new', ['new', 'old']), campaign('old', ['old'], true), campaign('side'), campaign('gone')], ['new', 'side']);
const person = (...assignments: TRoleAssignmentView[]): TPersonView => ({ id: 'p', displayName: 'P', locale: 'vi', localeChosen: true, roles: [], unitIds: assignments.flatMap((a) => (a.unitId ? [a.unitId] : [])), assignments });
const official = (campaignId: string | null): TRoleAssignmentView => ({ role: 'official', unitId: null, campaignId });
const contact = (campaignId: string): TRoleAssignmentView => ({ role: 'unit_contact', unitId: `unit-${campaignId}`, campaignId });
const at = (id: string) => directory.byId(id)!;

describe('CampaignDirectory', () => {
  it('runs the campaigns CAMPAIGN_FILE names, the first as the main one, and reads the others only', () => {
    expect(directory.main.id).toBe('new');
    expect(directory.active.map((c) => c.id)).toEqual(['new', 'side']);
    expect(at('gone').archived).toBe(true);
    expect(at('old').archived).toBe(true);
    expect(directory.byCode(' side ')?.id).toBe('side');
    expect(directory.heirOf('old')?.id).toBe('new');
    expect(directory.heirOf('gone')).toBeUndefined();
  });
});

describe('rolesIn', () => {
  it('holds a Board official everywhere, and an official of one campaign there and in what it superseded', () => {
    expect(rolesIn(person(official(null)), at('side'), directory)).toContain('official');
    const scoped = person(official('new'));
    expect(rolesIn(scoped, at('new'), directory)).toContain('official');
    expect(rolesIn(scoped, at('old'), directory)).toContain('official');
    expect(rolesIn(scoped, at('side'), directory)).not.toContain('official');
    expect(rolesIn(scoped, at('gone'), directory)).not.toContain('official');
  });

  it('moves an official of a superseded campaign on to its successor, never beside it', () => {
    const ofOld = person(official('old'));
    expect(rolesIn(ofOld, at('new'), directory)).toContain('official');
    expect(rolesIn(ofOld, at('side'), directory)).not.toContain('official');
  });
});

describe('turnCampaign', () => {
  it('takes the chosen campaign while the person holds a role there, else the role\'s, else the main one', () => {
    expect(turnCampaign(directory, person(official(null)), 'side').id).toBe('side');
    expect(turnCampaign(directory, person(official('new')), 'side').id).toBe('new');
    // An archived or dropped campaign is never the one a turn works in.
    expect(turnCampaign(directory, person(official(null)), 'old').id).toBe('new');
    expect(turnCampaign(directory, person(official(null)), 'gone').id).toBe('new');
    expect(turnCampaign(directory, person(official('side')), null).id).toBe('side');
    expect(turnCampaign(directory, person(contact('side')), null).id).toBe('side');
    expect(turnCampaign(directory, person(official(null), contact('side')), null).id).toBe('new');
    expect(turnCampaign(directory, person(), null).id).toBe('new');
  });

  it('tells a Board-wide role from one of a single campaign', () => {
    expect(isBoardWide(person(official(null)))).toBe(true);
    expect(isBoardWide(person({ role: 'admin', unitId: null, campaignId: null }))).toBe(true);
    expect(isBoardWide(person(official('side'), contact('new')))).toBe(false);
  });
});
