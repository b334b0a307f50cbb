import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page, type Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/start-test-app.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../../helpers/test-database.js';
import { WebChatClient } from '../../helpers/web-chat-client.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PHONE = { width: 390, height: 844 };
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const DESKTOP = { width: 1280, height: 800 };

/** A tall photo, drawn by the browser itself. */
async function tallPhoto(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 900;
    canvas.height = 1600;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#2e7d32';
    g.fillRect(0, 0, 900, 1600);
    return canvas.toDataURL('image/png');
  });
  return Buffer.from(dataUrl.split(',')[1]!, 'base64');
}

/** Whether the element is wholly in the viewport and above the composer. */
async function inViewAboveComposer(page: Page, selector: string) {
  const box = await page.locator(selector).boundingBox();
  const composer = await page.locator('#composer').boundingBox();
  const viewport = page.viewportSize()!;
  if (!box || !composer) return false;
  return box.y >= 0 && box.y + box.height <= composer.y && composer.y + composer.height <= viewport.height;
}

/** How many outbox rows hold this text: a message handled twice is answered twice. */
const answersContaining = async (app: TestApp, text: string) =>
  (await app.database.db.outboxMessage.findMany({ select: { payloadJson: true } })).filter((row) => row.payloadJson.includes(text)).length;

/** Queues a message for a web visitor as a job would (an export, a chart), and dispatches it. */
async function queueNotice(app: TestApp, visitorId: string, text: string, extra: Record<string, unknown> = {}) {
  const identity = await app.database.db.identity.findUniqueOrThrow({ where: { channel_externalId: { channel: 'web', externalId: visitorId } } });
  const row = await app.database.db.outboxMessage.create({
    data: { identityId: identity.id, channel: 'web', chatId: identity.chatId, kind: 'notice', payloadJson: JSON.stringify({ text, ...extra }) },
  });
  await app.outbox.deliverNow([row]);
}

async function startAsCitizen(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'As a citizen' }).click();
  await page.getByText('Thank you for supporting').waitFor();
}

describe.skipIf(!existsSync(CHROMIUM)).each(providers)('web chat as people expect it (%s)', (provider) => {
  let database: TestDatabase;
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    database = await createEmptyDatabase(provider);
    app = await startTestApp({ databaseUrl: database.url });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await database?.drop();
  });

  it('should queue what is typed while a reply is pending, show it as sending, and send it in order', async () => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await startAsCitizen(page, app.url);
    const held: Route[] = [];
    const sent: string[] = [];
    await page.route('**/api/chat/send', async (route) => {
      sent.push(JSON.parse(route.request().postData() ?? '{}').text);
      if (sent.length === 1) held.push(route);
      else await route.continue();
    });
    for (const text of ['/help', 'first words', 'second words']) {
      await page.fill('#text', text);
      await page.press('#text', 'Enter');
      await expect.poll(() => page.inputValue('#text')).toBe('');
    }
    await expect.poll(() => page.locator('.msg.me.pending').count()).toBe(3);
    expect(await page.locator('.msg.me.pending .state').first().textContent()).toBe('sending');
    expect(sent).toEqual(['/help']);

    await held[0]!.continue();
    await expect.poll(() => page.locator('.msg.me.pending').count(), { timeout: 10_000 }).toBe(0);
    expect(sent).toEqual(['/help', 'first words', 'second words']);
    const mine = await page.locator('.msg.me .text').allTextContents();
    expect(mine.slice(-3)).toEqual(['/help', 'first words', 'second words']);
    await context.close();
  });

  it('should send again after a reload what was not answered, under the same id, so it is handled once', async () => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await startAsCitizen(page, app.url);
    const helpBefore = await answersContaining(app, 'Commands you can use');
    const unclearBefore = await answersContaining(app, 'I did not understand that message.');
    let reachedServer!: () => void;
    const handled = new Promise<void>((resolve) => (reachedServer = resolve));
    // The first message reaches the bot but its answer is lost; the second never leaves.
    await page.route('**/api/chat/send', async (route) => {
      if (JSON.parse(route.request().postData() ?? '{}').text === '/help') {
        await route.fetch();
        reachedServer();
      }
    });
    await page.fill('#text', '/help');
    await page.press('#text', 'Enter');
    await page.fill('#text', 'what is this?');
    await page.press('#text', 'Enter');
    await handled;
    await expect.poll(() => page.locator('.msg.me.pending').count()).toBe(2);
    await page.unrouteAll({ behavior: 'ignoreErrors' });

    await page.reload();
    await page.getByText('I did not understand that message.').last().waitFor({ timeout: 10_000 });
    await expect.poll(() => page.locator('.msg.me.pending').count()).toBe(0);
    await expect.poll(() => answersContaining(app, 'I did not understand that message.')).toBe(unclearBefore + 1);
    expect(await answersContaining(app, 'Commands you can use')).toBe(helpBefore + 1);
    await context.close();
  });

  for (const [size, viewport] of Object.entries({ phone: PHONE, desktop: DESKTOP })) {
    it(`should keep the newest message and its buttons in view above the composer (${size})`, async () => {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await startAsCitizen(page, app.url);
      for (const text of ['/help', '/help', 'hello']) {
        await page.fill('#text', text);
        await page.press('#text', 'Enter');
      }
      await page.getByText('I did not understand that message.').waitFor();
      await page.setInputFiles('#photo', { name: 'street.png', mimeType: 'image/png', buffer: await tallPhoto(page) });
      await page.getByText('Would you like to report waste with this photo?').waitFor();
      const lastButton = '.msg.bot:last-child .buttons button >> nth=-1';
      // A tall photo lays out as it decodes: on a busy machine that takes more than a second.
      await expect.poll(() => inViewAboveComposer(page, lastButton), { timeout: 5_000 }).toBe(true);
      // An error line is in view too.
      await page.route('**/api/chat/send', (route) => route.fulfill({ status: 400, contentType: 'application/json', body: '{}' }));
      await page.locator(lastButton).click();
      await page.getByText('This message could not be sent').waitFor();
      await expect.poll(() => inViewAboveComposer(page, '#status'), { timeout: 5_000 }).toBe(true);
      await expect.poll(() => inViewAboveComposer(page, '.msg.me:last-child'), { timeout: 5_000 }).toBe(true);
      await context.close();
    });
  }

  it('should show a message the bot sends on its own at once, without polling', async () => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    let streams = 0;
    page.on('request', (request) => {
      if (request.url().includes('/api/chat/events')) streams++;
    });
    await startAsCitizen(page, app.url);
    const visitorId = (await page.locator('#visitor').textContent())!.split(': ')[1]!;
    let polls = 0;
    await page.route('**/api/chat/messages**', (route) => {
      polls++;
      return route.abort();
    });
    await expect.poll(() => streams).toBeGreaterThan(0);
    const started = Date.now();
    await queueNotice(app, visitorId, 'Your export is ready.');
    await page.getByText('Your export is ready.').waitFor({ timeout: 4_000 });
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(polls).toBe(0);
    await context.close();
  });

  it('should wrap a long link inside its bubble on a phone, and not leave a tapped button looking chosen', async () => {
    const context = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await startAsCitizen(page, app.url);
    const visitorId = (await page.locator('#visitor').textContent())!.split(': ')[1]!;
    const link = `https://thidua.example.vn/phananh?ma=${'PA7K3QF9ZB'.repeat(12)}`;
    await queueNotice(app, visitorId, `Xem chi tiết: ${link}`);
    const bubble = page.locator('.msg.bot .text', { hasText: link });
    await bubble.waitFor();
    const overflow = await bubble.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, page: document.documentElement.scrollWidth, width: window.innerWidth }));
    expect(overflow.scroll).toBeLessThanOrEqual(overflow.client + 1);
    expect(overflow.page).toBeLessThanOrEqual(overflow.width);
    // A touch screen has no hover: the button the finger lifted from keeps its plain background.
    const button = page.locator('.msg.bot .buttons button').first();
    const plain = await button.evaluate((el) => getComputedStyle(el).backgroundColor);
    await button.hover();
    expect(await button.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(plain);
    await context.close();
  });

  it('should show an answer taller than a small screen from its start: the question, not only its last buttons', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await startAsCitizen(page, app.url);
    await page.fill('#text', '/waste');
    await page.press('#text', 'Enter');
    const question = page.locator('.msg.bot', { hasText: 'What area does the waste concern?' });
    await question.waitFor();
    await page.locator('.msg.bot .buttons button', { hasText: 'Other' }).waitFor();
    const seen = await question.evaluate((el) => {
      const log = el.closest('#log') ?? el.parentElement!;
      const [box, view] = [el.getBoundingClientRect(), log.getBoundingClientRect()];
      return { top: box.top, viewTop: view.top, viewBottom: view.bottom, tall: log.scrollHeight > log.clientHeight };
    });
    expect(seen.tall).toBe(true);
    // The question's first line is on screen.
    expect(seen.top).toBeGreaterThanOrEqual(seen.viewTop - 1);
    expect(seen.top).toBeLessThan(seen.viewBottom - 20);
    await context.close();
  });

  it('should hold few event streams per visitor, each counted once against the limits', async () => {
    const client = new WebChatClient(app.url);
    await client.say('/start');
    const headers = { cookie: client.cookie!, accept: 'text/event-stream' };
    const aborts = [new AbortController(), new AbortController(), new AbortController()];
    const streams = await Promise.all(aborts.map((abort) => fetch(`${app.url}/api/chat/events`, { headers, signal: abort.signal })));
    expect(streams.map((s) => s.status)).toEqual([200, 200, 200]);
    expect(streams[0]!.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const first = await streams[0]!.body!.getReader().read();
    expect(new TextDecoder().decode(first.value)).toContain('retry:');
    const refused = await fetch(`${app.url}/api/chat/events`, { headers });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    await refused.text();
    // A closed stream frees its place.
    aborts[0]!.abort();
    await expect
      .poll(async () => {
        const res = await fetch(`${app.url}/api/chat/events`, { headers });
        await res.body?.cancel();
        return res.status;
      })
      .toBe(200);
    for (const abort of aborts) abort.abort();
    // A visitor the server does not know yet gets no stream and no new visitor.
    const unknown = await app.http.inject({ url: '/api/chat/events' });
    expect(unknown.statusCode).toBe(204);
  });

  it('should show the whole conversation after a reload, with the person\'s own messages in place, to them only', async () => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await startAsCitizen(page, app.url);
    await page.fill('#text', '/help');
    await page.press('#text', 'Enter');
    await page.getByText('Commands you can use').waitFor();
    const before = await page.locator('.msg').evaluateAll((items) => items.map((i) => `${i.classList.contains('me') ? 'me' : 'bot'}: ${i.querySelector('.text')?.textContent}`));

    await page.reload();
    await page.getByText('Commands you can use').waitFor();
    const after = await page.locator('.msg').evaluateAll((items) => items.map((i) => `${i.classList.contains('me') ? 'me' : 'bot'}: ${i.querySelector('.text')?.textContent}`));
    expect(after).toEqual(before);
    expect(after.filter((line) => line.startsWith('me:'))).toEqual(['me: /start', 'me: English', 'me: As a citizen', 'me: /help']);

    const stranger = new WebChatClient(app.url);
    await stranger.say('/start');
    const res = await fetch(`${app.url}/api/chat/messages?after=0`, { headers: { cookie: stranger.cookie! } });
    const { mine } = (await res.json()) as { mine: { text: string }[] };
    expect(mine.map((entry) => entry.text)).toEqual(['/start']);
    await context.close();
  });

  it('should open a chart full size with a tap, and offer charts and files for download with name and size', async () => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await startAsCitizen(page, app.url);
    const visitorId = (await page.locator('#visitor').textContent())!.split(': ')[1]!;
    const { db } = app.database;
    const png = await tallPhoto(page);
    const chart = await db.storedFile.create({ data: { mimeType: 'image/png', sizeBytes: png.length, sha256: 'x', data: new Uint8Array(png) } });
    const attachment = await db.attachment.create({ data: { channel: 'web', fileRef: chart.id, mimeType: 'image/png', sizeBytes: png.length } });
    const workbook = await db.storedFile.create({ data: { mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', sizeBytes: 25_600, sha256: 'y', data: new Uint8Array(25_600) } });
    await queueNotice(app, visitorId, 'Chart for 2026', { photos: [{ attachmentId: attachment.id, channel: 'web', fileRef: chart.id }] });
    await queueNotice(app, visitorId, 'Export ready', {
      document: { storedFileId: workbook.id, fileName: 'bao-cao.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    });
    await page.getByText('Export ready').waitFor();

    const download = page.getByRole('link', { name: 'Download bao-cao.xlsx (25 KB)' });
    expect(await download.getAttribute('download')).toBe('bao-cao.xlsx');
    expect(await page.getByRole('link', { name: 'Download picture' }).getAttribute('download')).toBeTruthy();
    // The chart itself is the link that opens it full size, in a new tab.
    const open = page.getByRole('link', { name: 'Open picture 1 full size' });
    expect(await open.getAttribute('href')).toBe(`/api/chat/attachments/${attachment.id}`);
    expect(await open.getAttribute('target')).toBe('_blank');
    expect(await open.locator('img.photo').count()).toBe(1);
    await context.close();
  });

  for (const [size, viewport] of Object.entries({ phone: PHONE, desktop: DESKTOP })) {
    it(`should pass the accessibility checker, name its icon buttons and have a favicon (${size})`, async () => {
      // The page's CSP forbids the checker's inline script: it is bypassed for the check only.
      const context = await browser.newContext({ viewport, bypassCSP: true });
      const page = await context.newPage();
      const failed: string[] = [];
      page.on('response', (response) => {
        if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
      });
      await startAsCitizen(page, app.url);
      await page.fill('#text', 'hello');
      await page.press('#text', 'Enter');
      await page.getByText('I did not understand that message.').waitFor();
      await page.getByRole('button', { name: 'Send a photo' }).waitFor();
      await page.getByRole('button', { name: 'Send a PDF, Word or Excel file' }).waitFor();
      const icon = await page.request.get(`${app.url}/favicon.ico`);
      expect(icon.status()).toBe(200);

      await page.addScriptTag({ content: AXE });
      const violations = await page.evaluate(async () => {
        const result = await (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
        return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
      expect(violations).toEqual([]);
      expect(failed).toEqual([]);
      await context.close();
    });
  }
});
