import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { createEmptyDatabase, type TestDatabase } from '../helpers/test-database.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// A 1×1 PNG, which the page redraws as JPEG before sending.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');

describe.skipIf(!existsSync(CHROMIUM))('uploads from the web chat page', () => {
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

  it('should send a photo as a photo, and say politely why a disguised file was refused', async () => {
    const page = await browser.newPage();
    await page.goto(app.url);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'As a citizen' }).click();
    await page.getByText('Thank you for supporting').waitFor();

    await page.setInputFiles('#document', { name: 'report.pdf', mimeType: 'application/pdf', buffer: SVG });
    await page.getByText('Not sent: only JPEG, PNG or WebP photos, or PDF, Word and Excel files.').waitFor();
    // In the person's language alone: two languages fill four lines of a small screen.
    expect(await page.textContent('#status')).toBe('Not sent: only JPEG, PNG or WebP photos, or PDF, Word and Excel files.');
    expect(await app.database.db.storedFile.count()).toBe(0);

    await page.setInputFiles('#photo', { name: 'street.png', mimeType: 'image/png', buffer: PNG });
    await page.getByText('Would you like to report waste with this photo?').waitFor();
    const [kept] = await app.database.db.storedFile.findMany();
    expect(kept?.mimeType).toBe('image/jpeg');
  });
});
