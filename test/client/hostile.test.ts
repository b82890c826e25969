/**
 * The hostile fixture (test/fixtures/hostile.yaml: `*\/`, quotes, backticks, `${`, `{{`, `<script>`,
 * import/export lines, reserved and odd names): its client compiles (test/typecheck.test.ts), importing
 * it has no side effect, and its docs pages render no script.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { renderPage } from '../docs/mdx.js';
import { goldenOutput } from '../helpers/golden.js';

const golden = goldenOutput('hostile');
const temp = mkdtempSync(path.join(tmpdir(), 'specloom-hostile-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('a hostile spec', () => {
  it('gives a client whose import has no side effect', () => {
    const bundle = path.join(temp, 'client.mjs');
    buildSync({ entryPoints: [path.join(golden, 'client/src/index.ts')], bundle: true, format: 'esm', platform: 'neutral', outfile: bundle, logLevel: 'silent' });
    const probe = path.join(temp, 'probe.mjs');
    writeFileSync(
      probe,
      `const before = new Set(Object.getOwnPropertyNames(globalThis));\n` +
        `const mod = await import(${JSON.stringify(bundle)});\n` +
        `const added = Object.getOwnPropertyNames(globalThis).filter((k) => !before.has(k));\n` +
        `console.log(JSON.stringify({ added, exports: Object.keys(mod).length, proto: Object.getPrototypeOf({}) === Object.prototype && !('pwned' in Object.prototype) }));\n`,
    );
    const out = execFileSync(process.execPath, [probe], { encoding: 'utf8', timeout: 20_000 });
    const result = JSON.parse(out.trim()) as { added: string[]; exports: number; proto: boolean };
    expect(result.added).toEqual([]);
    expect(result.exports).toBeGreaterThan(5);
    expect(result.proto).toBe(true);
  });

  it('keeps its text out of the code: no statement of the spec survives outside strings and comments', () => {
    const sources = readdirSync(path.join(golden, 'client/src'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.ts'))
      .map((e) => readFileSync(path.join(e.parentPath, e.name), 'utf8'));
    for (const source of sources) {
      // Strip comments and string literals; what is left is code specloom wrote.
      const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '').replace(/'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|`(?:\\.|[^`\\])*`/g, "''");
      expect(code).not.toMatch(/process\.exit|alert\(|pwned|import fs/);
    }
  });

  it('gives docs pages that render no script', async () => {
    const pages = readdirSync(path.join(golden, 'docs'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.md'));
    expect(pages.length).toBeGreaterThan(0);
    let shownAsText = 0;
    for (const page of pages) {
      const html = await renderPage(readFileSync(path.join(page.parentPath, page.name), 'utf8'));
      expect(html, page.name).not.toMatch(/<script/i);
      if (html.includes('&lt;script')) shownAsText++;
    }
    // The spec's <script> is there for readers to see, as text.
    expect(shownAsText).toBeGreaterThan(0);
  });
});
