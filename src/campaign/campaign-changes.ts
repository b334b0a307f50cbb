import type { TLineageKind } from './campaign-file.js';

export interface TUnitLabel {
  campaign: string;
  code: string;
  name: string;
}

export type TMovedSubject = 'role_assignment' | 'waste_report' | 'annual_report' | 'invite';

/** One thing a lineage entry moved to a successor, or left with the ended unit (`to` null). */
export interface TMoved {
  subjectType: TMovedSubject;
  /** who or what: a person's name, a report's code, a draft's year */
  subject: string;
  from: TUnitLabel;
  to: TUnitLabel | null;
}

export interface TLineageApplied {
  kind: TLineageKind;
  on: string;
  from: TUnitLabel[];
  to: TUnitLabel[];
  /** units `from` names that the database does not hold: nothing of theirs to carry */
  missing: string[];
  unconfirmed: boolean;
}

/** What loading a campaign file changes (or would change, in a dry run). */
export interface TCampaignChanges {
  campaign: string;
  created: boolean;
  archived: string[];
  units: {
    added: TUnitLabel[];
    renamed: { unit: TUnitLabel; from: string }[];
    reactivated: TUnitLabel[];
    ended: TUnitLabel[];
  };
  lineage: TLineageApplied[];
  moved: TMoved[];
}

export const emptyChanges = (campaign: string): TCampaignChanges => ({
  campaign,
  created: false,
  archived: [],
  units: { added: [], renamed: [], reactivated: [], ended: [] },
  lineage: [],
  moved: [],
});

const label = (u: TUnitLabel, own: string) => `${u.campaign === own ? '' : `${u.campaign}:`}${u.code} (${u.name})`;

const SUBJECT: Record<TMovedSubject, string> = {
  role_assignment: 'contact',
  waste_report: 'open citizen report',
  annual_report: 'annual-report draft',
  invite: 'pending invite',
};

/** The changes as lines for an operator, the moves grouped by the unit they leave. */
export function formatCampaignChanges(changes: TCampaignChanges): string[] {
  const own = changes.campaign;
  const lines: string[] = [`Campaign ${own}${changes.created ? ' (new)' : ''}`];
  for (const code of changes.archived) lines.push(`  archive campaign ${code} (kept readable, never deleted)`);
  const list = (title: string, items: string[]) => {
    if (!items.length) return;
    lines.push(`  ${title} (${items.length}):`);
    for (const item of items) lines.push(`    ${item}`);
  };
  list('units added', changes.units.added.map((u) => label(u, own)));
  list('units renamed in place', changes.units.renamed.map((r) => `${label(r.unit, own)}, was ${r.from}`));
  list('units back in the file', changes.units.reactivated.map((u) => label(u, own)));
  list('units ended', changes.units.ended.map((u) => label(u, own)));
  list(
    'lineage',
    changes.lineage.map((l) => {
      const from = [...l.from.map((u) => label(u, own)), ...l.missing.map((m) => `${m} [not in the database]`)].join(', ');
      const to = l.to.map((u) => label(u, own)).join(', ');
      return `${l.on} ${l.kind}: ${from}${to ? ` → ${to}` : ''}${l.unconfirmed ? ' [unconfirmed]' : ''}`;
    }),
  );
  const byUnit = new Map<string, TMoved[]>();
  for (const m of changes.moved) {
    const key = label(m.from, own);
    byUnit.set(key, [...(byUnit.get(key) ?? []), m]);
  }
  if (byUnit.size) lines.push('  carried over, per unit:');
  for (const [unit, moves] of byUnit) {
    lines.push(`    ${unit}:`);
    for (const m of moves) {
      lines.push(`      ${SUBJECT[m.subjectType]} ${m.subject} ${m.to ? `→ ${label(m.to, own)}` : m.subjectType === 'role_assignment' ? 'ends (no successor takes contacts: invite them again)' : m.subjectType === 'invite' ? 'revoked' : 'stays (no successor takes it: reassign by hand)'}`);
    }
  }
  if (lines.length === 1) lines.push('  nothing changes');
  return lines;
}
