import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';
import { WebChatClient } from '../helpers/web-chat-client.js';

const post = (app: TestApp, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${app.url}/api/chat/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
let seq = 0;
const hello = () => ({ text: '/start', clientMessageId: `attack-${Date.now()}-${seq++}` });

describe.each(providers)('web chat limits, as an attacker (%s)', (provider) => {
  let database: TestDatabase;
  let app: TestApp | undefined;
  const start = async (env: Record<string, string>) => (app = await startTestApp({ databaseUrl: database.url, env }));

  beforeAll(async () => {
    database = await createEmptyDatabase(provider);
  });
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('should refuse cookie-less posts beyond the new-visitor limit without creating anybody', async () => {
    const app = await start({ WEB_NEW_VISITORS_PER_HOUR: '5' });
    const people = await app.database.db.person.count();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      // Forged forwarding headers change nothing while no proxy is trusted.
      const res = await post(app, hello(), { 'x-forwarded-for': `203.0.113.${i}` });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(res.headers.get('set-cookie')).toBeNull();
        expect(((await res.json()) as { error: string }).error).toMatch(/too many requests/);
      } else await res.arrayBuffer();
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
    expect(await app.database.db.person.count()).toBe(people + 5);
    expect(await app.database.db.webVisitor.count()).toBe(5);
  });

  it('should not let made-up cookies pass for known visitors', async () => {
    const app = await start({ WEB_NEW_VISITORS_PER_HOUR: '2' });
    const before = await app.database.db.identity.count({ where: { channel: 'web' } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await post(app, hello(), { cookie: `thidua_visitor=${'A'.repeat(30)}${i}` });
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    expect(statuses).toEqual([200, 200, 429, 429, 429]);
    expect(await app.database.db.identity.count({ where: { channel: 'web' } })).toBe(before + 2);
  });

  it('should limit the messages of one visitor', async () => {
    const app = await start({ WEB_MESSAGES_PER_MINUTE: '3' });
    const visitor = new WebChatClient(app.url);
    await visitor.say('/start');
    for (let i = 0; i < 3; i++) await visitor.say('/help');
    await expect(visitor.say('/help')).rejects.toThrow(/HTTP 429/);
  });

  it('should limit all requests from one address, but never /healthz', async () => {
    const app = await start({ WEB_REQUESTS_PER_MINUTE: '10' });
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) {
      const res = await fetch(`${app.url}/api/chat/messages?after=0`);
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
    expect((await post(app, hello())).status).toBe(429);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });

  it('should hold the hourly report limit for fresh visitors from one address', async () => {
    const app = await start({ WASTE_REPORTS_PER_HOUR: '2' });
    const fileAsNewVisitor = async (i: number) => {
      const visitor = new WebChatClient(app.url);
      await visitor.say('/phananh');
      await visitor.press('Tổ chức lễ hội');
      await visitor.say(`Lần thứ ${i}: sân khấu số ${i} dựng xong rồi bỏ đó ở khu phố ${i * 7}, rất lãng phí tiền của.`);
      await visitor.say(`Khu phố số ${i * 7}, phường ${i}`);
      await visitor.press('Bỏ qua');
      await visitor.press('Gửi ẩn danh');
      const sent = await visitor.press('Gửi phản ánh');
      return sent.map((m) => m.text).join('\n');
    };
    expect(await fileAsNewVisitor(1)).toMatch(/PA-/);
    expect(await fileAsNewVisitor(2)).toMatch(/PA-/);
    // A new visitor sent none: told it is the connection's limit, not blamed for others' reports.
    expect(await fileAsNewVisitor(3)).toContain('Từ mạng Internet bạn đang dùng đã có 2 phản ánh trong một giờ qua (có thể của người khác dùng chung mạng)');
    expect(await app.database.db.wasteReport.count()).toBe(2);
  });
});
