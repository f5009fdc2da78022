// dashboard.mjs — the HQ dashboard in headless Chromium, as an HQ
// officer uses it.  Run by dashboard-browser.sh, which starts liaison-hq,
// syncs reports to it from a field data folder with liaison-cli and
// passes what to expect in the environment:
//   HQ_URL, HQ_USER, HQ_PASSWORD, REPORT_TITLE, ARABIC_TITLE,
//   CHROMIUM (the browser binary), SCREENSHOT_DIR (en/ and ar/ in it).
//
// SPDX-License-Identifier: GPL-3.0-or-later

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const env = (name) => {
  const value = process.env[name];
  assert.ok(value, `${name} must be set`);
  return value;
};

const hq = env('HQ_URL');
const user = env('HQ_USER');
const password = env('HQ_PASSWORD');
const reportTitle = env('REPORT_TITLE');
const arabicTitle = env('ARABIC_TITLE');
const screenshots = env('SCREENSHOT_DIR');

for (const lang of ['en', 'ar'])
  mkdirSync(path.join(screenshots, lang), { recursive: true });

const step = (text) => console.log(`# ${text}`);

const browser = await chromium.launch({
  executablePath: env('CHROMIUM'),
  headless: true,
  // Test machines run as root, where Chromium's sandbox cannot start.
  args: ['--no-sandbox'],
});

let failed = false;
try {
  const context = await browser.newContext({
    locale: 'en-GB',
    extraHTTPHeaders: { 'Accept-Language': 'en-GB,en;q=0.9' },
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();

  // Any script that runs, or any dialog that opens, is a failure: the
  // dashboard has no script of its own, so one would be injected.
  const dialogs = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  const blocked = [];
  page.on('console', (message) => {
    if (message.type() === 'error')
      blocked.push(message.text());
  });

  step('signed out, the dashboard sends you to sign in');
  await page.goto(`${hq}/dashboard/`);
  assert.equal(new URL(page.url()).pathname, '/dashboard/sign-in');
  assert.equal(await page.locator('h1').textContent(), 'Sign in to the HQ dashboard');

  step('keyboard: the name field has the focus');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'name');

  await page.screenshot({ path: path.join(screenshots, 'en', 'dashboard-sign-in.png') });

  step('a wrong password is refused');
  await page.getByLabel('User name').fill(user);
  await page.getByLabel('Password').fill('not the password at all');
  let response = await Promise.all([
    page.waitForNavigation(),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]).then(([r]) => r);
  assert.equal(response.status(), 401);
  assert.match(await page.locator('.problem').textContent(), /The user name or the password is wrong/);
  assert.equal((await context.cookies()).filter((c) => c.name === 'lia_session').length, 0);

  step('the right password opens the inbox');
  await page.getByLabel('Password').fill(password);
  await Promise.all([
    page.waitForURL(`${hq}/dashboard/`),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
  assert.equal(await page.locator('h1').textContent(), 'Inbox');
  const session = (await context.cookies()).find((c) => c.name === 'lia_session');
  assert.ok(session, 'a session cookie');
  assert.equal(session.httpOnly, true);
  assert.equal(session.sameSite, 'Strict');

  step('keyboard: the first Tab reaches the skip link, which leads to the content');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip');

  step('the report synced from the field is in the inbox, its <script> as text');
  const link = page.getByRole('link', { name: reportTitle });
  await link.waitFor();
  assert.equal(await page.locator('main script').count(), 0);
  assert.equal(await page.locator('main img').count(), 0);
  await page.evaluate(() => document.activeElement.blur());
  await page.screenshot({ path: path.join(screenshots, 'en', 'dashboard-inbox.png'), fullPage: true });

  step('search finds it by a word of its body');
  await page.getByLabel('Search').fill('Kessel');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Filter' }).click()]);
  assert.equal(await page.getByRole('link', { name: reportTitle }).count(), 1);
  assert.equal(await page.getByRole('link', { name: arabicTitle }).count(), 0);

  step('open the report');
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: reportTitle }).click()]);
  assert.equal(await page.locator('h1').textContent(), reportTitle);
  const reportUrl = page.url();
  assert.equal(await page.locator('main script').count(), 0);
  // The only picture is the report's own photo, not the <img> in its text.
  assert.equal(await page.locator('main img[src="x"]').count(), 0);
  assert.equal(await page.locator('main img').count(), await page.locator('.pictures img').count());
  assert.ok(await page.getByRole('heading', { name: 'What happened' }).isVisible());
  assert.ok(await page.getByText('An acknowledged notification does not mean the checkpoints know').isVisible());
  step('its photo, synced as an attachment, shows in the page and downloads');
  const photo = page.locator('.pictures img');
  await photo.waitFor();
  assert.ok(await photo.evaluate((img) => img.complete && img.naturalWidth === 160), 'the photo loaded');
  const href = await page.getByRole('link', { name: 'checkpoint.png' }).getAttribute('href');
  const download = await context.request.get(`${hq}${href}`);
  assert.equal(download.status(), 200);
  assert.equal(download.headers()['content-type'], 'image/png');
  assert.match(download.headers()['content-disposition'], /^attachment;/);
  await page.screenshot({ path: path.join(screenshots, 'en', 'dashboard-report.png'), fullPage: true });

  step('an Arabic report reads right to left in an English page');
  await page.goto(`${hq}/dashboard/`);
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: arabicTitle }).click()]);
  const heading = page.locator('h1');
  assert.equal(await heading.getAttribute('dir'), 'rtl');
  assert.equal(await heading.getAttribute('lang'), 'ar');
  assert.equal(await heading.evaluate((h) => getComputedStyle(h).direction), 'rtl');
  await page.screenshot({ path: path.join(screenshots, 'en', 'dashboard-report-arabic.png'), fullPage: true });

  step('lessons by tag, and devices with their last sync');
  await page.getByRole('link', { name: 'Lessons' }).click();
  await page.waitForURL(`${hq}/dashboard/lessons`);
  assert.ok(await page.locator('.tag-list').getByText('notification').isVisible());
  await page.screenshot({ path: path.join(screenshots, 'en', 'dashboard-lessons.png'), fullPage: true });
  await page.getByRole('link', { name: 'Devices' }).click();
  await page.waitForURL(`${hq}/dashboard/devices`);
  assert.ok(await page.getByText('Laptop North').isVisible());
  assert.equal(await page.getByText('Never synced').count(), 0);
  await page.screenshot({ path: path.join(screenshots, 'en', 'dashboard-devices.png'), fullPage: true });

  step('the interface in Arabic, right to left');
  {
    const arabic = await browser.newContext({ locale: 'ar', viewport: { width: 1280, height: 800 } });
    const arabicPage = await arabic.newPage();

    await arabic.addCookies([session]);
    await arabicPage.goto(`${hq}/dashboard/`);
    assert.equal(await arabicPage.locator('html').getAttribute('dir'), 'rtl');
    assert.equal(await arabicPage.locator('html').getAttribute('lang'), 'ar');
    await arabicPage.screenshot({ path: path.join(screenshots, 'ar', 'dashboard-inbox.png'), fullPage: true });
    await Promise.all([arabicPage.waitForNavigation(), arabicPage.getByRole('link', { name: arabicTitle }).click()]);
    await arabicPage.screenshot({ path: path.join(screenshots, 'ar', 'dashboard-report.png'), fullPage: true });
    await arabicPage.goto(reportUrl);
    assert.equal(await arabicPage.locator('h1').getAttribute('dir'), 'ltr');
    await arabicPage.screenshot({ path: path.join(screenshots, 'ar', 'dashboard-report-english.png'), fullPage: true });
    await arabic.close();
  }

  step('dark, for a night shift');
  {
    const dark = await browser.newContext({ colorScheme: 'dark', viewport: { width: 1280, height: 800 } });
    const darkPage = await dark.newPage();

    await dark.addCookies([session]);
    await darkPage.goto(reportUrl);
    await darkPage.screenshot({ path: path.join(screenshots, 'en', 'dashboard-report-dark.png'), fullPage: true });
    await dark.close();
  }

  step('a form without its CSRF token is refused, and changes nothing');
  await page.goto(`${hq}/dashboard/`);
  await page.evaluate(() => document.querySelector('form.account input[name=csrf]').remove());
  response = await Promise.all([
    page.waitForNavigation(),
    page.getByRole('button', { name: 'Sign out' }).click(),
  ]).then(([r]) => r);
  assert.equal(response.status(), 403);
  assert.equal(await page.locator('h1').textContent(), 'Refused');
  const forged = await context.request.post(`${hq}/dashboard/sign-out`, { form: { csrf: 'x'.repeat(43) } });
  assert.equal(forged.status(), 403);
  await page.goto(`${hq}/dashboard/`);
  assert.equal(await page.locator('h1').textContent(), 'Inbox');

  step('sign out');
  await Promise.all([
    page.waitForURL(`${hq}/dashboard/sign-in`),
    page.getByRole('button', { name: 'Sign out' }).click(),
  ]);
  assert.equal((await context.cookies()).filter((c) => c.name === 'lia_session').length, 0);
  step('the old session cookie no longer opens anything');
  await context.addCookies([session]);
  await page.goto(`${hq}/dashboard/`);
  assert.equal(new URL(page.url()).pathname, '/dashboard/sign-in');

  assert.deepEqual(dialogs, [], 'no script ran');
  for (const message of blocked)
    console.log(`# console: ${message}`);
  console.log('ok - dashboard in Chromium');
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await browser.close();
}

process.exit(failed ? 1 : 0);
