/**
 * Creates an invite from the command line, for the first official (or when the chat is not
 * at hand):
 *
 *   npm run invite -- --role official
 *   npm run invite -- --role unit_contact --unit SO_TC
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadCampaign } from '../campaign/load-campaign.js';
import { readCampaignFile } from '../campaign/read-campaign-file.js';
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

const usage = 'usage: npm run invite -- --role official|admin|unit_contact [--unit UNIT_CODE] [--bot BOT_USERNAME]';
const { values } = parseArgs({
  options: { role: { type: 'string' }, unit: { type: 'string' }, bot: { type: 'string' }, help: { type: 'boolean' } },
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
    const { campaignId } = await loadCampaign({ db, source: readCampaignFile(config.CAMPAIGN_FILE), clock: systemClock });
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
      const created = await createInvite(tx, { role: role.data, unitId: unit?.id ?? null, createdById: null, ttlDays: config.INVITE_TTL_DAYS, now });
      await recordAudit(tx, { actorId: null, action: 'invite.create', subjectType: 'invite', subjectId: created.id, details: { role: role.data, unitId: unit?.id ?? null, via: 'cli' }, at: now });
      return created;
    });
    console.log(`Invite for ${role.data}${unit ? ` of ${unit.nameVi}` : ''}`);
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
