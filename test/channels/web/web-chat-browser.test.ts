import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/start-test-app.js';
import { createEmptyDatabase, type TestDatabase } from '../../helpers/test-database.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Runs where a Chromium is installed (Debian's `chromium` package); the HTTP-level tests in
// web-chat.test.ts cover the same endpoints everywhere else.
describe.skipIf(!existsSync(CHROMIUM))('web chat in a real browser', () => {
  let database: TestDatabase;
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    database = await createEmptyDatabase('sqlite');
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

  it('should greet, take a button press and a typed command, and survive a reload', async () => {
    const page = await browser.newPage();
    await page.goto(app.url);
    await page.getByText('Vui lòng chọn ngôn ngữ').waitFor();
    expect(await page.getAttribute('#text', 'placeholder')).toBe('Nhập tin nhắn hoặc /trogiup…');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('How are you taking part?').waitFor();
    // The page's own words follow the language chosen in the chat.
    await page.getByRole('button', { name: 'Send', exact: true }).waitFor();
    expect(await page.getAttribute('#text', 'placeholder')).toBe('Type a message or /help…');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByText(/Your visitor id: [A-Za-z0-9_-]{16}/).waitFor();
    await page.getByRole('button', { name: 'As a citizen' }).click();
    await page.getByText('Thank you for supporting').waitFor();
    await page.fill('#text', '/help');
    await page.press('#text', 'Enter');
    await page.getByText('Commands you can use').waitFor();
    // Text a person typed is shown as text, never as markup.
    await page.fill('#text', '<b>hi</b>');
    await page.press('#text', 'Enter');
    await page.getByText('I did not understand that message.').waitFor();
    expect(await page.locator('.msg.me .text').last().textContent()).toBe('<b>hi</b>');

    await page.reload();
    await page.getByText('Commands you can use').waitFor();
    expect(await page.locator('.msg.bot').count()).toBeGreaterThan(4);
    await page.screenshot({ path: path.join(os.tmpdir(), 'thidua-web-chat.png') });
  });

  it('should let nobody type before the page can send, spend a question\'s buttons on one tap, and keep an over-long text in the box', async () => {
    const page = await browser.newPage();
    // On a slow line the script comes last: the box waits for it rather than take words it would lose.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/chat.js', async (route) => {
      await held;
      await route.continue();
    });
    // A module script runs before DOMContentLoaded: held, the page stops there, as on a slow line.
    await page.goto(app.url, { waitUntil: 'commit' });
    await page.locator('#text').waitFor();
    expect(await page.isDisabled('#text')).toBe(true);
    expect(await page.getAttribute('#text', 'placeholder')).toBe('Đang tải…');
    release();
    await page.getByText('Vui lòng chọn ngôn ngữ').waitFor();
    expect(await page.isDisabled('#text')).toBe(false);
    expect(await page.getAttribute('#text', 'placeholder')).toBe('Nhập tin nhắn hoặc /trogiup…');

    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    expect(await page.getByRole('button', { name: 'English' }).isDisabled()).toBe(true);
    await page.getByText('Bạn tham gia với tư cách nào?').waitFor();

    const long = 'lãng phí '.repeat(1000);
    await page.fill('#text', long);
    await page.press('#text', 'Enter');
    await page.getByText('Tin nhắn quá dài (tối đa 8.000 ký tự)').waitFor();
    expect(await page.inputValue('#text')).toBe(long);
  });

  it('should open a long conversation at its newest message after a reload', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 640 } });
    await page.goto(app.url);
    await page.getByText('Vui lòng chọn ngôn ngữ').waitFor();
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('button', { name: 'Người dân', exact: true }).click();
    await page.getByText('Cảm ơn bạn đã đồng hành').waitFor();
    for (let i = 0; i < 4; i++) {
      await page.fill('#text', `/trogiup`);
      await page.press('#text', 'Enter');
      await expect.poll(() => page.locator('.msg.bot', { hasText: 'Các lệnh bạn có thể dùng' }).count()).toBe(i + 1);
    }
    await page.reload();
    await page.locator('.msg.bot').last().waitFor();
    await expect
      .poll(() =>
        page.evaluate(() => {
          const log = document.getElementById('log')!.getBoundingClientRect();
          const all = document.querySelectorAll('.msg.bot');
          const newest = all[all.length - 1]!.getBoundingClientRect();
          return newest.bottom > log.top && newest.top < log.bottom;
        }),
      )
      .toBe(true);
  });

  it('should tell the person that a photo still being sent when the page reloaded did not arrive', async () => {
    const page = await browser.newPage();
    await page.goto(app.url);
    await page.getByText('Vui lòng chọn ngôn ngữ').waitFor();
    // The upload never gets an answer: a slow line, then the person reloads.
    await page.route('**/api/chat/upload**', () => {});
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8cfc000000301010018dd8db00000000049454e44ae426082', 'hex');
    await page.setInputFiles('#photo', { name: 'street.png', mimeType: 'image/png', buffer: png });
    await page.locator('.msg.me.pending').waitFor();
    await page.reload();
    await page.getByText('1 ảnh hoặc tệp đang gửi dở chưa tới nơi khi trang được tải lại. Xin chọn gửi lại.').waitFor();
    // Said once: the next load starts clean.
    await page.reload();
    await page.getByText('Vui lòng chọn ngôn ngữ').waitFor();
    expect(await page.textContent('#status')).toBe('');
  });

  it('should run under its Content-Security-Policy and show the visitor id', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(app.url);
    await page.getByText('Vui lòng chọn ngôn ngữ').waitFor();
    await page.getByText(/Mã khách của bạn: [A-Za-z0-9_-]{16}/).waitFor();
    expect(violations).toEqual([]);
  });

  it('should stop retrying a message the server refused, and tell the person', async () => {
    const page = await browser.newPage();
    await page.goto(app.url);
    await page.getByText('Vui lòng chọn ngôn ngữ').waitFor();
    let sends = 0;
    await page.route('**/api/chat/send', (route) => {
      sends++;
      return route.fulfill({ status: 404, contentType: 'application/json', body: '{"error":"not found"}' });
    });
    await page.fill('#text', '/help');
    await page.press('#text', 'Enter');
    await page.getByText('Không gửi được tin nhắn này').waitFor();
    expect(sends).toBe(1);
  });

  it('should wait as Retry-After says when rate-limited, then deliver the message', async () => {
    const page = await browser.newPage();
    await page.goto(app.url);
    await page.getByText('Vui lòng chọn ngôn ngữ').waitFor();
    let refused = 0;
    await page.route('**/api/chat/send', (route) => {
      if (refused++ === 0) return route.fulfill({ status: 429, headers: { 'retry-after': '1' }, contentType: 'application/json', body: '{"error":"too many requests"}' });
      return route.continue();
    });
    await page.fill('#text', '/help');
    await page.press('#text', 'Enter');
    await page.getByText('Bạn gửi hơi nhanh, xin chờ khoảng 1 giây').waitFor();
    await page.getByText('Các lệnh bạn có thể dùng').waitFor();
  });
});
