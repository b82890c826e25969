/**
 * `specloom preview --serve --watch` in headless Chromium: with two pages open, an edit of one operation's
 * description in the spec regenerates the docs and the site, and the page that shows the description reloads
 * by itself and shows the new text; the page that did not change is not reloaded (a marker set in it survives).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromiumPath } from '../helpers/chromium.js';
import { ROOT, runCli } from '../helpers/pipeline.js';

const OLD_TEXT = 'Returns a paginated list of Personal Access Tokens currently active for your User.';
const NEW_TEXT = 'Lists the tokens that are still active, edited while the preview watches.';

mkdirSync(path.join(ROOT, 'test-output'), { recursive: true });
const dir = mkdtempSync(path.join(ROOT, 'test-output', 'preview-live-'));
const spec = path.join(dir, 'api.yaml');
let browser: Browser;
let child: ChildProcess;
let stdout = '';

function waitForOutput(re: RegExp, from = 0): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${re}; got:\n${stdout}`)), 60_000);
    const check = () => {
      const m = re.exec(stdout.slice(from));
      if (!m) return;
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.stderr?.off('data', check);
      resolve(m);
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    check();
  });
}

beforeAll(async () => {
  cpSync(path.join(ROOT, 'spec/linode-tokens.yaml'), spec);
  writeFileSync(path.join(dir, 'specloom.config.json'), JSON.stringify({ spec: 'api.yaml', out: 'out', targets: ['stackql-docs'] }));
  expect(runCli(['generate', '--quiet'], { cwd: dir }).code).toBe(0);
  child = spawn(process.execPath, [path.join(ROOT, 'bin/specloom.js'), 'preview', '--serve', '--watch', '--port', '0', '--out', 'site'], { cwd: dir });
  const collect = (d: unknown) => (stdout += String(d));
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'] });
}, 900_000);

afterAll(async () => {
  await browser?.close();
  child?.kill();
  rmSync(dir, { recursive: true, force: true });
});

async function open(url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.route('**/*', (route) => (route.request().url().startsWith(new URL(url).origin) ? route.continue() : route.abort()));
  expect((await page.goto(url))?.status()).toBe(200);
  // Gone if the page reloads.
  await page.evaluate(() => ((window as unknown as { specloomMarker: string }).specloomMarker = 'kept'));
  return page;
}

const marker = (page: Page) => page.evaluate(() => (window as unknown as { specloomMarker?: string }).specloomMarker);

it('reloads the page whose text changed, with the new text, and only that page', async () => {
  const [, base] = await waitForOutput(/serving the preview at (http:\/\/127\.0\.0\.1:\d+\/)/);
  await waitForOutput(/watching/);
  const resource = await open(new URL('services/profile/personal_access_tokens/', base!).href);
  const index = await open(base!);
  // In the method's example tab, which may be hidden: the page's text, not what shows.
  expect(await resource.locator('body').textContent()).toContain(OLD_TEXT);

  const from = stdout.length;
  writeFileSync(spec, readFileSync(spec, 'utf8').replace(OLD_TEXT, NEW_TEXT));
  await resource.waitForFunction((text) => document.body.textContent!.includes(text), NEW_TEXT, { timeout: 30_000 });
  const [summary] = await waitForOutput(/files regenerated, (\d+) pages? changed and reloaded \(\d+ ms from the change\)/, from);

  expect(await resource.locator('body').textContent()).not.toContain(OLD_TEXT);
  expect(await marker(resource)).toBeUndefined();
  expect(summary).toMatch(/ 1 page changed/);
  // Give a wrong reload of the unchanged page time to happen.
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(await marker(index)).toBe('kept');
  expect(stdout).not.toMatch(/error/i);
}, 120_000);
