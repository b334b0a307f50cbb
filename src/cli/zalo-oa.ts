/**
 * Stores the Zalo Official Account's first tokens, from the authorization code Zalo gives once
 * the OA's admin has granted the app access (README, "Zalo Official Account"):
 *
 *   npm run zalo-oa -- --code CODE [--code-verifier VERIFIER]
 *
 * The bot renews them itself from then on; this is run again only if they were lost.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { authorizeZaloOa } from '../channels/zalo-oa/authorize-zalo-oa.js';
import { ZaloOaOAuthError } from '../channels/zalo-oa/request-zalo-oa-tokens.js';
import { systemClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { ConfigError } from '../errors.js';
import { applyMigrations } from '../store/apply-migrations.js';
import { createDatabase } from '../store/create-database.js';
import { parseDatabaseUrl } from '../store/database-target.js';

if (existsSync('.env')) process.loadEnvFile('.env');

const usage = 'usage: npm run zalo-oa -- --code AUTHORIZATION_CODE [--code-verifier VERIFIER]';
const { values } = parseArgs({ options: { code: { type: 'string' }, 'code-verifier': { type: 'string' }, help: { type: 'boolean' } } });
if (values.help) {
  console.log(usage);
  process.exit(0);
}
if (!values.code || !/^[A-Za-z0-9_.-]{10,2000}$/.test(values.code)) {
  console.error(`--code must be the code from the callback URL.\n${usage}`);
  process.exit(2);
}

try {
  const config = loadConfig();
  if (!config.ZALO_OA_APP_ID || !config.ZALO_OA_APP_SECRET) throw new ConfigError('Set ZALO_OA_APP_ID, ZALO_OA_APP_SECRET and ZALO_OA_SECRET_KEY first (see .env.example).');
  const target = parseDatabaseUrl(config.DATABASE_URL);
  await applyMigrations({ target });
  const { db, close } = await createDatabase(target);
  try {
    const expiresAt = await authorizeZaloOa({
      db,
      oauthRoot: config.ZALO_OA_OAUTH_ROOT,
      appId: config.ZALO_OA_APP_ID,
      appSecret: config.ZALO_OA_APP_SECRET,
      code: values.code,
      ...(values['code-verifier'] ? { codeVerifier: values['code-verifier'] } : {}),
      now: systemClock.now(),
    });
    // The tokens themselves are never printed.
    console.log(`Zalo OA authorised. The access token lasts until ${expiresAt.toISOString()}; the bot renews it from now on.`);
  } finally {
    await close();
  }
} catch (error) {
  if (error instanceof ConfigError || error instanceof ZaloOaOAuthError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
