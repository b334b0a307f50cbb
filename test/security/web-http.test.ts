import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { createEmptyDatabase, type TestDatabase } from '../helpers/test-database.js';

describe('web chat requests an attacker gets wrong on purpose', () => {
  let database: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    database = await createEmptyDatabase('sqlite');
    app = await startTestApp({ databaseUrl: database.url });
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  const send = (body: string, contentType = 'application/json', path = '/api/chat/send') =>
    fetch(`${app.url}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body });

  it.each([
    ['malformed JSON', () => send('{"text": "/start", '), 400],
    ['an empty JSON body', () => send(''), 400],
    ['a 2 MB body', () => send(JSON.stringify({ text: 'x'.repeat(2 * 1024 * 1024), clientMessageId: 'abcdefgh' })), 413],
    ['a form-encoded body', () => send('text=%2Fstart&clientMessageId=abcdefgh', 'application/x-www-form-urlencoded'), 415],
    ['a text body', () => send('/start', 'text/plain'), 400],
    ['malformed JSON photo', () => send('{', 'application/json', '/api/chat/photo'), 400],
    ['an over-long attachment id', () => fetch(`${app.url}/api/chat/attachments/${'a'.repeat(100)}`), 404],
    ['an over-long file id', () => fetch(`${app.url}/api/chat/files/${'a'.repeat(100)}`), 404],
    ['a huge message number', () => fetch(`${app.url}/api/chat/messages?after=99999999999999999999`), 400],
    ['a huge message number in a post', () => send(JSON.stringify({ text: '/start', clientMessageId: 'abcdefgh', after: 1e300 })), 400],
  ])('should answer %s as a client error, not a server error', async (_what, request, status) => {
    const before = app.logs.length;
    const res = await request();
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: string };
    expect(body.error.length).toBeLessThan(80);
    expect(app.logs.slice(before).join('')).not.toMatch(/"level":50|request failed/);
  });

  it('should protect the page with a Content-Security-Policy and from framing', async () => {
    const res = await fetch(`${app.url}/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    // Nothing inline that the policy would block.
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)|\son[a-z]+=|style=/i);
  });

  it('should not mark the cookie Secure for a forged X-Forwarded-Proto when no proxy is trusted', async () => {
    const res = await fetch(`${app.url}/api/chat/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ text: '/start', clientMessageId: 'noproxy-1' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
  });
});

describe('web chat behind a TLS reverse proxy', () => {
  let database: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    database = await createEmptyDatabase('sqlite');
    app = await startTestApp({ databaseUrl: database.url, env: { TRUST_PROXY: '127.0.0.1', WEB_NEW_VISITORS_PER_HOUR: '1' } });
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  it('should mark the cookie Secure when the proxy says the page came over HTTPS', async () => {
    const res = await fetch(`${app.url}/api/chat/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.7' },
      body: JSON.stringify({ text: '/start', clientMessageId: 'proxied-1' }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('should limit new visitors by the address the proxy reports', async () => {
    // Many real clients reach the bot through one proxy: each has its own budget, and a
    // client cannot pass for another without going through the proxy.
    const hello = (from: string, n: number) =>
      fetch(`${app.url}/api/chat/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
        body: JSON.stringify({ text: '/start', clientMessageId: `byaddress-${n}` }),
      });
    expect((await hello('198.51.100.20', 1)).status).toBe(200);
    expect((await hello('198.51.100.20', 2)).status).toBe(429);
    expect((await hello('198.51.100.21', 3)).status).toBe(200);
  });
});
