/**
 * No page shows markup as text (#16): every docs page of every fixture, of generated/ (the tokens spec) and of
 * the docs goldens, rendered to HTML as the preview renders it, has no escaped allowlisted tag, `#` heading
 * marker, `---` rule or list marker at the start of a line in its text. The full Linode spec's pages are
 * checked in test/scale/linode-full.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/pipeline.js';
import { markupShown } from './markup.js';
import { renderPage } from './mdx.js';

const folders = [
  path.join(ROOT, 'generated/docs'),
  ...readdirSync(path.join(ROOT, 'test/golden/__golden__')).map((f) => path.join(ROOT, 'test/golden/__golden__', f, 'docs')),
  ...readdirSync(path.join(import.meta.dirname, '__golden__')).map((f) => path.join(import.meta.dirname, '__golden__', f, 'docs')),
];

describe('markupShown', () => {
  it('finds markup shown as text, and nothing in rendered markup or code', () => {
    expect(markupShown('<p>## Introduction</p>').map((m) => m.kind)).toEqual(['line-start marker']);
    expect(markupShown('<td>one<br>- CLI.<br>---</td>').map((m) => m.text)).toEqual(['- CLI.', '---']);
    expect(markupShown('<p>Scopes: &lt;ul&gt;&lt;li&gt;a&lt;/li&gt;</p>').map((m) => m.kind)).toEqual(['escaped tag']);
    expect(markupShown('<h3 id="a">Rate - Limits</h3><ul><li>one - two</li></ul><p>a - b # c</p><pre><code>- x\n## y</code></pre><p>x <code>&lt;ul&gt;</code></p>')).toEqual([]);
  });
});

describe.each(folders)('the pages of %s', (folder) => {
  it('show no markup as text', async () => {
    const pages = readdirSync(folder, { recursive: true }).map(String).filter((f) => /\.mdx?$/.test(f));
    expect(pages.length).toBeGreaterThan(0);
    const shown: string[] = [];
    for (const page of pages) {
      for (const m of markupShown(await renderPage(readFileSync(path.join(folder, page), 'utf8')))) shown.push(`${page}: ${m.kind}: ${m.text}`);
    }
    expect(shown).toEqual([]);
  });
});
