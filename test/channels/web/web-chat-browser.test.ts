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
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('How are you taking part?').waitFor();
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
});
