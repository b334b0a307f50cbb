import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TInput } from '../../src/core/input.js';
import { bootstrapAdmins } from '../../src/people/bootstrap-admins.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';

const ADMIN = 'fuzz_admin_0123456789abcdef';

// Texts people (and attackers) send: any Unicode, emoji, control characters, markup, very long.
const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.constantFrom('<b>x</b>', '*bold* _it_ [l](http://x)', '\u0000\u0007\u001b[31m', '‮RTL', '👍🏽‍🔥'.repeat(50), '1.2.3,4,5', '-0', '1e309', '/', '/start@other_bot x', '  '),
  fc.string({ minLength: 4000, maxLength: 6000 }),
);
const command = fc.constantFrom('/start', '/phananh', '/capnhat', '/baocao', '/tracuu', '/hopthu', '/moi', '/xl', '/lang', '/huy', '/menu', '/khongco', '/nhacnho', '/thuhoi', '/lienket', '/danhgia', '/xembaocao', '/ketqua');
const input: fc.Arbitrary<TInput> = fc.oneof(
  nasty.map((text) => ({ kind: 'text' as const, text })),
  fc.tuple(command, nasty).map(([name, args]) => ({ kind: 'command' as const, name: name.slice(1), args: args.slice(0, 200) })),
  fc.oneof(fc.string({ maxLength: 64 }), fc.constantFrom('p1:0', 'p999:0', 'p2:99', 'm:lang en', 'm:xl PA-0000-0000 view', 'm:danhgia x yes', 'm:', 'm:hopthu 99999')).map((data) => ({ kind: 'button' as const, data })),
  fc.record({ kind: fc.constant('photo' as const), fileRef: fc.string({ minLength: 1, maxLength: 80 }), sizeBytes: fc.nat({ max: 50_000_000 }) }),
  fc.record({ kind: fc.constant('document' as const), fileRef: fc.string({ minLength: 1, maxLength: 80 }), mimeType: fc.constantFrom('application/pdf', 'image/png', 'text/html', 'application/x-msdownload') }),
  fc.record({ kind: fc.constant('location' as const), latitude: fc.double({ min: -90, max: 90, noNaN: true }), longitude: fc.double({ min: -180, max: 180, noNaN: true }) }),
  fc.constant({ kind: 'unsupported' as const, what: 'sticker' }),
);

describe.each(providers)('fuzzing every step of every flow (%s)', (provider) => {
  let database: TestDatabase;
  let app: TestApp;
  let n = 0;

  beforeAll(async () => {
    database = await createEmptyDatabase(provider);
    app = await startTestApp({ databaseUrl: database.url, env: { WASTE_REPORTS_PER_HOUR: '1000' } });
    // A web admin, as ADMINS=web:<visitor id> makes one once the visitor has used the chat.
    await app.core.handle({ channel: 'web', updateId: 'fuzz-admin-hello', from: { externalId: ADMIN, chatId: ADMIN, displayName: 'Fuzz' }, input: { kind: 'command', name: 'start', args: '' } });
    await bootstrapAdmins(app.database.db, [{ channel: 'web', externalId: ADMIN }], new Date());
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  async function send(user: string, i: TInput) {
    const before = await app.database.db.outboxMessage.count();
    const outcome = await app.core.handle({ channel: 'web', updateId: `fuzz-${n++}`, from: { externalId: user, chatId: user, displayName: 'Fuzz' }, input: i });
    expect(outcome.status).toBe('handled');
    // Every input gets an answer, and never the apology for an internal error.
    const replies = await app.database.db.outboxMessage.findMany({ where: { id: { gt: before }, chatId: user } });
    expect(replies.length).toBeGreaterThan(0);
    for (const r of replies) {
      const text = (JSON.parse(r.payloadJson) as { text: string }).text;
      expect(text).not.toContain('đã có lỗi khi xử lý');
      expect([...text].length).toBeLessThanOrEqual(4000);
    }
  }

  it('should store a report whose text carries control characters, without them', async () => {
    const user = `fuzz_nul_0123456789abcdef_${provider}`;
    await send(user, { kind: 'command', name: 'phananh', args: '' });
    await send(user, { kind: 'text', text: '1' });
    await send(user, { kind: 'text', text: 'Lãng phí\u0000 ngân sách\u0007 ở xã, rất nghiêm trọng \u001b[31m.' });
    const identity = await app.database.db.identity.findFirstOrThrow({ where: { externalId: user } });
    const conversation = await app.database.db.conversation.findUniqueOrThrow({ where: { identityId: identity.id } });
    expect(conversation.step).toBe('place');
    expect(conversation.dataJson).toContain('Lãng phí ngân sách ở xã, rất nghiêm trọng [31m.');
  });

  it('should answer any input at any step, as a citizen and as an official, without an internal error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(input, { minLength: 1, maxLength: 12 }), fc.constantFrom('/phananh', '/start', '/moi', '/lienket', '/tracuu'), async (official, inputs, opener) => {
        const user = official ? ADMIN : `fuzz_citizen_${n}_0123456789abcdef`;
        // Open a flow, answer its first steps validly, then throw anything at it.
        await send(user, { kind: 'command', name: opener.slice(1), args: '' });
        await send(user, { kind: 'text', text: '1' });
        for (const i of inputs) await send(user, i);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 60) },
    );
  }, 600_000);
});
