import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CAMPAIGN_FILE, PROJECT_ROOT, ZEnv, loadConfig } from '../src/config.js';
import { ConfigError } from '../src/errors.js';

describe('loadConfig', () => {
  it('should run on embedded defaults with nothing set', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBe('file:./data/thidua.db');
    expect(config.PORT).toBe(3000);
    expect(config.DEFAULT_LOCALE).toBe('vi');
    expect(config.TELEGRAM_BOT_TOKEN).toBeUndefined();
    expect(config.TELEGRAM_API_ROOT).toBe('https://api.telegram.org');
    expect(config.CAMPAIGN_FILE).toEqual([DEFAULT_CAMPAIGN_FILE]);
    expect(config.ADMINS).toEqual([]);
    expect(config.INVITE_TTL_DAYS).toBe(14);
  });

  it('should read CAMPAIGN_FILE as one file per movement, the first the main one', () => {
    expect(loadConfig({ CAMPAIGN_FILE: 'a.json, b.json' }).CAMPAIGN_FILE).toEqual([path.resolve('a.json'), path.resolve('b.json')]);
    expect(loadConfig({ CAMPAIGN_FILE: ' , ' }).CAMPAIGN_FILE).toEqual([DEFAULT_CAMPAIGN_FILE]);
  });

  it('should treat empty values from an .env file as unset', () => {
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: '', PORT: ' ' }).PORT).toBe(3000);
  });

  it('should refuse a malformed PostgreSQL URL without repeating its password', () => {
    const attempt = () => loadConfig({ DATABASE_URL: 'postgresql://thidua:s3cret-pw@db host:5432/thidua' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/^Configuration error: DATABASE_URL: not a valid PostgreSQL URL/);
    expect(attempt).not.toThrow(/s3cret-pw/);
  });

  it('should parse admins', () => {
    expect(loadConfig({ ADMINS: 'telegram:123456, web:abc_DEF-123456789012345678' }).ADMINS).toEqual([
      { channel: 'telegram', externalId: '123456' },
      { channel: 'web', externalId: 'abc_DEF-123456789012345678' },
    ]);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ DEFAULT_LOCALE: 'fr' }, 'DEFAULT_LOCALE'],
    [{ TELEGRAM_BOT_TOKEN: 'not-a-token' }, 'TELEGRAM_BOT_TOKEN'],
    [{ ADMINS: 'fax:123' }, 'ADMINS'],
    [{ TELEGRAM_BOT_TOKEN: '1:abcdefghijklmnopqrstuvwxyz', TELEGRAM_WEBHOOK_URL: 'https://x.example/tg' }, 'TELEGRAM_WEBHOOK_SECRET'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ TRUST_PROXY: 'yes please' }, 'TRUST_PROXY'],
    [{ WEB_REQUESTS_PER_MINUTE: '0' }, 'WEB_REQUESTS_PER_MINUTE'],
    [{ WEB_NEW_VISITORS_PER_HOUR: 'many' }, 'WEB_NEW_VISITORS_PER_HOUR'],
  ])('should stop with one line naming the variable for %j', (env, variable) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toMatch(new RegExp(`^Configuration error: ${variable}: `));
  });

  it('should trust no proxy and limit the web chat by default', () => {
    const config = loadConfig({});
    expect(config.TRUST_PROXY).toBe(false);
    expect([config.WEB_REQUESTS_PER_MINUTE, config.WEB_MESSAGES_PER_MINUTE, config.WEB_NEW_VISITORS_PER_HOUR]).toEqual([300, 20, 60]);
  });

  it.each([
    ['true', true],
    ['2', 2],
    ['127.0.0.1, 10.0.0.0/8', '127.0.0.1, 10.0.0.0/8'],
  ])('should read TRUST_PROXY=%s', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).TRUST_PROXY).toEqual(expected);
  });

  it('should not echo a bad token back', () => {
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: 'secret-value-xyz' })).toThrow(/^(?!.*secret-value-xyz)/);
  });
});

describe('.env.example', () => {
  const example = readFileSync(path.join(PROJECT_ROOT, '.env.example'), 'utf8');
  // Every setting, set or commented out, as "NAME=" at the start of a line.
  const named = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!));

  it('should name every setting the bot reads', () => {
    const settings = Object.keys(ZEnv.shape);
    expect(settings.length).toBeGreaterThan(20);
    expect(settings.filter((s) => !named.has(s))).toEqual([]);
  });

  it('should start as it is: its values pass the checks', () => {
    expect(() => loadConfig(parseEnv(example) as NodeJS.ProcessEnv)).not.toThrow();
  });
});
