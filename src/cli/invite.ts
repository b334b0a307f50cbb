/**
 * Creates an invite from the command line, for the first official (or when the chat is not
 * at hand):
 *
 *   npm run invite -- --role official
 *   npm run invite -- --role unit_contact --unit SO_TC
 *   npm run invite -- --role official --campaign CODE   (an official of one movement only)
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadCampaigns } from '../campaign/load-campaigns.js';
import { systemClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { formatDay } from '../domain/format-date.js';
import { formatInviteCode } from '../domain/invite-code.js';
import { ZGrantableRole } from '../domain/role.js';
import { ConfigError } from '../errors.js';
import { createInvite } from '../invites/create-invite.js';
import { recordAudit } from '../audit/record-audit.js';
import { applyMigrations } from '../store/apply-migrations.js';
import { createDatabase } from '../store/create-database.js';
import { parseDatabaseUrl } from '../store/database-target.js';

if (existsSync('.env')) process.loadEnvFile('.env');

const usage = 'usage: npm run invite -- --role official|admin|unit_contact [--unit UNIT_CODE] [--campaign CAMPAIGN_CODE] [--bot BOT_USERNAME]';
const { values } = parseArgs({
  options: { role: { type: 'string' }, unit: { type: 'string' }, campaign: { type: 'string' }, bot: { type: 'string' }, help: { type: 'boolean' } },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const role = ZGrantableRole.safeParse(values.role);
if (!role.success) {
  console.error(`--role must be official, admin or unit_contact.\n${usage}`);
  process.exit(2);
}
if (role.data === 'unit_contact' && !values.unit) {
  console.error(`--unit is required for a unit contact (a unit code from the campaign file, e.g. SO_TC).\n${usage}`);
  process.exit(2);
}

try {
  const config = loadConfig();
  const target = parseDatabaseUrl(config.DATABASE_URL);
  await applyMigrations({ target });
  const { db, close } = await createDatabase(target);
  try {
    const { directory } = await loadCampaigns({ db, files: config.CAMPAIGN_FILE, clock: systemClock });
    // --campaign: where the unit code is looked up, and the one campaign an official's role holds in.
    const named = values.campaign ? directory.byCode(values.campaign) : undefined;
    if (values.campaign && (!named || named.archived)) {
      console.error(`No active campaign has the code ${values.campaign}. Active campaigns (CAMPAIGN_FILE): ${directory.active.map((c) => c.code).join(', ')}`);
      process.exit(2);
    }
    if (values.campaign && role.data === 'admin') {
      console.error(`An admin runs the whole bot: --campaign is for officials and unit contacts.\n${usage}`);
      process.exit(2);
    }
    const campaignId = (named ?? directory.main).id;
    const unit = values.unit
      ? await db.unit.findFirst({ where: { campaignId, code: values.unit.toUpperCase(), active: true } })
      : null;
    if (values.unit && !unit) {
      const codes = (await db.unit.findMany({ where: { campaignId, active: true }, orderBy: { sortOrder: 'asc' } })).map((u) => u.code);
      console.error(`No active unit has the code ${values.unit}. Known codes:\n  ${codes.join(', ')}`);
      process.exit(2);
    }
    const now = systemClock.now();
    const invite = await db.$transaction(async (tx) => {
      const created = await createInvite(tx, { role: role.data, unitId: unit?.id ?? null, campaignId: role.data === 'official' ? (named?.id ?? null) : null, createdById: null, ttlDays: config.INVITE_TTL_DAYS, now });
      await recordAudit(tx, { actorId: null, action: 'invite.create', subjectType: 'invite', subjectId: created.id, details: { role: role.data, unitId: unit?.id ?? null, ...(named ? { campaign: named.code } : {}), via: 'cli' }, at: now });
      return created;
    });
    console.log(`Invite for ${role.data}${unit ? ` of ${unit.nameVi}` : ''}${role.data === 'official' && named ? ` in ${named.code} only` : ''}`);
    console.log(`  code:    ${formatInviteCode(invite.code)}`);
    console.log(`  chat:    /start ${invite.code}`);
    if (values.bot) console.log(`  link:    https://t.me/${values.bot.replace(/^@/, '')}?start=${invite.code}`);
    console.log(`  expires: ${formatDay(invite.expiresAt)} (works once)`);
  } finally {
    await close();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
