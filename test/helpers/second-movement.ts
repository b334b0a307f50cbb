import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_CAMPAIGN_FILE } from '../../src/config.js';
import { createInvite } from '../../src/invites/create-invite.js';
import type { Db } from '../../src/store/db.js';
import type { Clock } from '../../src/clock.js';

export const SECOND_MOVEMENT = 'CDS_2026_2030';

/**
 * A second movement the Board runs beside the bundled one: its own campaign file with the same
 * unit codes (one province's departments), so its unit rows are its own. `annualDue` gives it
 * its own calendar.
 */
export function secondMovementFile(options: { annualDue?: { month: number; day: number } } = {}): string {
  const file = JSON.parse(readFileSync(DEFAULT_CAMPAIGN_FILE, 'utf8')) as Record<string, unknown>;
  const schedule = file.schedule as { cycles: { code: string; due?: { month: number; day: number } }[] };
  const cycles = schedule.cycles.map((c) => (c.code === 'annual_report' && options.annualDue ? { ...c, due: options.annualDue } : c));
  const target = path.join(mkdtempSync(path.join(os.tmpdir(), 'thidua-second-')), 'cds.json');
  writeFileSync(target, JSON.stringify({ ...file, code: SECOND_MOVEMENT, nameVi: 'Phong trào thi đua chuyển đổi số', nameEn: 'Digital transformation movement', schedule: { ...schedule, cycles } }));
  return target;
}

/** An invite code for a role in one campaign (a unit of it, for a contact). */
export async function inviteIn(db: Db, clock: Clock, role: 'official' | 'unit_contact', campaignCode: string, unitCode?: string): Promise<string> {
  const campaign = await db.campaign.findUniqueOrThrow({ where: { code: campaignCode } });
  const unit = unitCode ? await db.unit.findFirstOrThrow({ where: { campaignId: campaign.id, code: unitCode } }) : null;
  const created = await db.$transaction((tx) => createInvite(tx, { role, unitId: unit?.id ?? null, campaignId: campaign.id, createdById: null, ttlDays: 7, now: clock.now() }));
  return created.code;
}
