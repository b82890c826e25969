/**
 * `npm run docs:preview` seen in a real browser: the generated docs rendered to HTML, served on 127.0.0.1 by
 * the preview's own server, opened in headless Chromium (Debian package `chromium`, driven by
 * playwright-core). Checks what a reader would: the tables show, every tab switches to its own panel, the
 * pages link to each other, nothing fails in the page's script. Keeps a screenshot of the tokens page in
 * test-output/docs-preview/.
 */
import { mkdirSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPreview, servePreview } from '../../generator/preview/main.js';
import { chromiumPath } from '../helpers/chromium.js';
import { ROOT } from '../helpers/pipeline.js';

const OUTPUT = path.join(ROOT, 'test-output/docs-preview');
const TOKENS_PAGE = 'services/profile/personal_access_tokens/';

let browser: Browser;
let server: Server;
let baseUrl: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  const executablePath = chromiumPath();
  mkdirSync(OUTPUT, { recursive: true });
  await buildPreview(path.join(ROOT, 'generated/docs'), path.join(OUTPUT, 'site'));
  ({ server, url: baseUrl } = await servePreview(path.join(OUTPUT, 'site')));
  browser = await chromium.launch({
    executablePath,
    // No network beyond loopback, no first-run or background services.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 900_000); // a first run on a fresh machine installs Chromium

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

async function open(url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (err) => pageErrors.push(`${url}: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') pageErrors.push(`${url}: ${msg.text()}`);
  });
  // Anything but the preview server is refused: the test must not reach out.
  await page.route('**/*', (route) => (route.request().url().startsWith(baseUrl) ? route.continue() : route.abort()));
  const response = await page.goto(new URL(url, baseUrl).href);
  expect(response?.status()).toBe(200);
  return page;
}

/** The tab groups under a section heading, up to the next heading of the same level. */
function section(page: Page, id: string) {
  return page.locator(`h2#${id} ~ .tabs`).first();
}

describe('the docs preview in headless Chromium', () => {
  it('shows the tokens page: title, overview and the Fields table of the default tab', async () => {
    const page = await open(TOKENS_PAGE);
    await expect(page.title()).resolves.toBe('personal_access_tokens');
    expect(await page.locator('h1').textContent()).toBe('personal_access_tokens');
    expect(await page.locator('table').first().isVisible()).toBe(true);

    const fields = section(page, 'fields');
    const visible = fields.locator('[role=tabpanel]:visible');
    await expect(visible.count()).resolves.toBe(1);
    expect(await visible.getAttribute('data-value')).toBe('get_personal_access_token');
    const names = await visible.locator('tbody tr td:first-child').allTextContents();
    expect(names.map((n) => n.replace('⧉', '').trim())).toEqual(['id', 'created', 'expiry', 'label', 'scopes', 'token']);
    await page.close();
  });

  it('switches every tab group to the panel of the tab clicked, and only that one', async () => {
    const page = await open(TOKENS_PAGE);
    const groups = page.locator('.tabs');
    const groupCount = await groups.count();
    expect(groupCount).toBeGreaterThanOrEqual(5); // Fields, SELECT, INSERT, UPDATE/REPLACE, DELETE examples
    for (let g = 0; g < groupCount; g++) {
      const group = groups.nth(g);
      const tabs = group.locator(':scope > [role=tablist] > [role=tab]');
      const tabCount = await tabs.count();
      for (let t = tabCount - 1; t >= 0; t--) {
        const tab = tabs.nth(t);
        await tab.scrollIntoViewIfNeeded();
        await tab.click();
        const value = await tab.getAttribute('data-value');
        expect(await tab.getAttribute('aria-selected')).toBe('true');
        const shown = group.locator(':scope > [role=tabpanel]:visible');
        await expect(shown.count()).resolves.toBe(1);
        expect(await shown.getAttribute('data-value')).toBe(value);
        // A panel that holds a table or code shows it.
        const content = shown.locator('table, pre').first();
        if ((await content.count()) > 0) expect(await content.isVisible()).toBe(true);
      }
    }
    await page.close();
  });

  it('links the provider index to the service page, and that to the resource page', async () => {
    const page = await open('');
    await page.getByRole('link', { name: 'profile', exact: true }).last().click();
    await page.waitForURL(`${baseUrl}services/profile/`);
    await page.locator('main').getByRole('link', { name: 'personal_access_tokens' }).click();
    await page.waitForURL(`${baseUrl}${TOKENS_PAGE}`);
    expect(await page.locator('h2#methods').isVisible()).toBe(true);
    await page.close();
  });

  it('fits the tokens page\'s Methods table in the content column at 1,280 px, no row taller than 400 px', async () => {
    const page = await open(TOKENS_PAGE);
    const table = page.locator('h2#methods ~ table').first();
    const { tableWidth, contentWidth, rows } = await table.evaluate((t) => {
      const main = t.closest('main')!;
      const style = getComputedStyle(main);
      return {
        // What the table would take without the scroll box around it.
        tableWidth: t.scrollWidth,
        contentWidth: main.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
        rows: [...t.querySelectorAll('tbody tr')].map((r) => ({ id: r.id, height: r.getBoundingClientRect().height })),
      };
    });
    expect(rows.length).toBe(5);
    expect(tableWidth).toBeLessThanOrEqual(contentWidth);
    for (const row of rows) expect(row.height, row.id).toBeLessThanOrEqual(400);
    const file = path.join(OUTPUT, 'personal_access_tokens-methods.png');
    await table.screenshot({ path: file });
    expect(statSync(file).size).toBeGreaterThan(2_000);
    await page.close();
  });

  it('keeps a screenshot of the tokens page, and the pages ran without script errors', async () => {
    const page = await open(TOKENS_PAGE);
    const file = path.join(OUTPUT, 'personal_access_tokens.png');
    await page.screenshot({ path: file, fullPage: true });
    expect(statSync(file).size).toBeGreaterThan(10_000);
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});
