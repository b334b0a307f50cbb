import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { createEmptyDatabase, type TestDatabase } from '../helpers/test-database.js';
import { WebChatClient } from '../helpers/web-chat-client.js';

// What a browser, a script or an attacker may post to the web chat's JSON endpoints.
const json = fc.oneof(
  fc.record(
    {
      clientMessageId: fc.oneof(fc.string({ maxLength: 80 }), fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/), fc.integer()),
      text: fc.oneof(fc.string({ maxLength: 300 }), fc.constantFrom('/start', '/baocao 99999999999999', '/hopthu 1e309', '/xuat -1'), fc.integer()),
      button: fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('p1:0', 'm:lang en')),
      dataBase64: fc.oneof(fc.base64String({ maxLength: 400 }), fc.string({ maxLength: 40 })),
      after: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(1e300, -1, 2 ** 31, 2 ** 53, '5', null)),
    },
    { requiredKeys: [] },
  ),
  fc.jsonValue({ maxDepth: 3 }),
).map((v) => JSON.stringify(v));
const body = fc.oneof(json, fc.string({ maxLength: 300 }), fc.constantFrom('', '{', '[', 'null', '{"a":', '\u0000', '{"__proto__":{"x":1}}'));
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'text/plain',
  'application/octet-stream',
  'application/jsonx',
  '',
);
const id = fc.oneof(fc.string({ maxLength: 120 }), fc.stringMatching(/^[A-Za-z0-9_-]{1,100}$/)).map((s) => encodeURIComponent(s));
const cookie = fc.option(
  fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{22,64}$/), fc.string({ maxLength: 80 }).map((s) => encodeURIComponent(s))),
  { nil: undefined },
);

describe('fuzzing the web chat endpoints over HTTP', () => {
  let database: TestDatabase;
  let app: TestApp;
  let known: string;

  beforeAll(async () => {
    database = await createEmptyDatabase('sqlite');
    app = await startTestApp({
      databaseUrl: database.url,
      env: { WEB_REQUESTS_PER_MINUTE: '100000', WEB_MESSAGES_PER_MINUTE: '10000', WEB_NEW_VISITORS_PER_HOUR: '100000' },
    });
    const visitor = new WebChatClient(app.url);
    await visitor.say('/start');
    known = visitor.cookie!;
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  const expectClientSide = async (res: Response) => {
    // Never a server error: whatever the client sent, the answer is 2xx or 4xx.
    expect(res.status).toBeLessThan(500);
    await res.arrayBuffer();
  };

  it('should answer any body, content type and cookie with 2xx or 4xx, never 500', async () => {
    const before = app.logs.length;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/api/chat/send', '/api/chat/photo'), body, contentType, cookie, fc.boolean(), async (path, b, type, c, useKnown) => {
        const headers: Record<string, string> = {};
        if (type) headers['content-type'] = type;
        const jar = useKnown ? known : c === undefined ? undefined : `thidua_visitor=${c}`;
        if (jar) headers.cookie = jar;
        await expectClientSide(await fetch(`${app.url}${path}`, { method: 'POST', headers, body: b }));
      }),
      { numRuns: 150 },
    );
    expect(app.logs.slice(before).join('')).not.toMatch(/"level":50/);
  });

  it('should answer any id and query with 2xx or 4xx, never 500', async () => {
    const before = app.logs.length;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('attachments', 'files'), id, fc.string({ maxLength: 40 }), fc.boolean(), async (kind, i, query, useKnown) => {
        const headers: Record<string, string> = useKnown ? { cookie: known } : {};
        await expectClientSide(await fetch(`${app.url}/api/chat/${kind}/${i || 'x'}?name=${encodeURIComponent(query)}`, { headers }));
        await expectClientSide(await fetch(`${app.url}/api/chat/messages?after=${encodeURIComponent(query)}`, { headers }));
      }),
      { numRuns: 100 },
    );
    expect(app.logs.slice(before).join('')).not.toMatch(/"level":50/);
  });
});
