/**
 * The docs preview's renderer (generator/preview): pages to HTML files, without a browser. The browser side
 * is test/docs/preview-browser.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { evaluate } from '@mdx-js/mdx';
import remarkDirective from 'remark-directive';
import { describe, expect, it } from 'vitest';
import { escapeAttribute, jsx, toHtml } from '../../generator/preview/html.js';
import { PageCompileError, renderPreview, type DocsPage, type MdxCompiler } from '../../generator/preview/render.js';
import { ROOT, runCli } from '../helpers/pipeline.js';

const mdx: MdxCompiler = { evaluate: evaluate as unknown as MdxCompiler['evaluate'], remarkDirective };
const FRONT = '---\ntitle: widgets\ndescription: "a <b> & \\"c\\""\n---\n\n';

async function one(body: string): Promise<string> {
  const [file] = await renderPreview([{ path: 'index.md', text: FRONT + body }], mdx);
  return file!.content;
}

function main(html: string): string {
  return html.slice(html.indexOf('<main'), html.indexOf('</main>'));
}

function docsPages(dir: string): DocsPage[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => {
      const file = path.join(e.parentPath, e.name);
      return { path: path.relative(dir, file).split(path.sep).join('/'), text: readFileSync(file, 'utf8') };
    });
}

describe('toHtml', () => {
  it('escapes text and attribute values, and prints void elements without an end tag', () => {
    expect(toHtml(jsx('p', { title: '"><script>', children: ['a < b & c', jsx('br', {})] }))).toBe('<p title="&quot;&gt;&lt;script&gt;">a &lt; b &amp; c<br></p>');
    expect(escapeAttribute(`"'<>&`)).toBe('&quot;\'&lt;&gt;&amp;');
  });

  it('drops attribute names that could break out of the tag, and functions', () => {
    expect(toHtml(jsx('a', { 'x onload=alert(1)': 'y', onClick: () => 1, className: ['a', 'b'], hidden: true }))).toBe('<a class="a b" hidden></a>');
  });
});

describe('renderPreview', () => {
  it('maps each page to the URL a Docusaurus site gives it', async () => {
    const files = await renderPreview(
      [
        { path: 'services/profile/index.md', text: '# a' },
        { path: 'index.md', text: '# b' },
        { path: 'services/profile/tokens/index.md', text: '# c' },
      ],
      mdx,
    );
    expect(files.map((f) => f.path)).toEqual(['index.html', 'services/profile/index.html', 'services/profile/tokens/index.html']);
    expect(files[0]!.content).toContain('<a href="/services/profile/tokens/">');
  });

  it('puts the front matter title and description in the page head, escaped', async () => {
    const html = await one('text');
    expect(html).toContain('<title>widgets</title>');
    expect(html).toContain('<meta name="description" content="a &lt;b&gt; &amp; &quot;c&quot;">');
  });

  it('renders Tabs as a tab list with one panel shown, the default', async () => {
    const html = main(
      await one(
        "<Tabs defaultValue=\"b\" values={[{ label: 'A', value: 'a' }, { label: 'B', value: 'b' }]}>\n<TabItem value=\"a\">\n\nfirst\n\n</TabItem>\n<TabItem value=\"b\">\n\nsecond\n\n</TabItem>\n</Tabs>\n",
      ),
    );
    expect(html).toContain('<button type="button" role="tab" id="tabs-1-tab-0" aria-controls="tabs-1-panel-0" aria-selected="false" data-value="a">A</button>');
    expect(html).toContain('<div role="tabpanel" id="tabs-1-panel-0" aria-labelledby="tabs-1-tab-0" data-value="a" hidden><p>first</p>');
    expect(html).toContain('<div role="tabpanel" id="tabs-1-panel-1" aria-labelledby="tabs-1-tab-1" data-value="b"><p>second</p>');
  });

  it('renders CopyableCode with its code as text and as the copy button data, escaped', async () => {
    const html = main(await one('<CopyableCode code="a&quot;<b>" />\n'));
    expect(html).toContain('<code>a&quot;&lt;b&gt;</code>'.replace('&quot;', '"'));
    expect(html).toContain('data-code="a&quot;&lt;b&gt;"');
  });

  it('turns :::info[Title] into an admonition, and leaves other colons as the text they are', async () => {
    const html = main(await one(':::info[Provider Summary]\n\ntotal: __1__\n\n:::\n\nScopes: linodes:read_only and 12:30, a::b.\n'));
    expect(html).toContain('<div class="admonition admonition--info"><div class="admonition__title">Provider Summary</div><p>total: <strong>1</strong></p></div>');
    expect(html).toContain('<p>Scopes: linodes:read_only and 12:30, a::b.</p>');
  });

  it('gives headings the ids Docusaurus gives them, so in-page links resolve', async () => {
    const html = main(await one('## Fields\n\n## `SELECT` examples\n\n## Fields\n\nSee [the fields](#fields-1).\n'));
    expect(html).toContain('<h2 id="fields">Fields</h2>');
    expect(html).toContain('<h2 id="select-examples"><code>SELECT</code> examples</h2>');
    expect(html).toContain('<h2 id="fields-1">Fields</h2>');
  });

  it('names the page and the line of a page that does not compile', async () => {
    const bad = renderPreview([{ path: 'services/x/index.md', text: `${FRONT}fine\n\n<Tabs>\n` }], mdx);
    await expect(bad).rejects.toBeInstanceOf(PageCompileError);
    await expect(bad).rejects.toMatchObject({ page: 'services/x/index.md', line: 8 });
  });

  it('renders every page specloom generates (both docs styles, every fixture) with every in-page link resolving', async () => {
    const dirs = [
      path.join(ROOT, 'generated/docs'),
      ...readdirSync(path.join(ROOT, 'test/golden/__golden__')).map((f) => path.join(ROOT, 'test/golden/__golden__', f, 'docs')),
      ...readdirSync(path.join(ROOT, 'test/docs/__golden__')).map((f) => path.join(ROOT, 'test/docs/__golden__', f)),
    ];
    let pages = 0;
    for (const dir of dirs) {
      const files = await renderPreview(docsPages(dir), mdx);
      for (const file of files) {
        const ids = new Set([...file.content.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
        const anchors = [...file.content.matchAll(/ href="#([^"]*)"/g)].map((m) => decodeURIComponent(m[1]!));
        expect(anchors.filter((a) => !ids.has(a)), `${dir}/${file.path}`).toEqual([]);
        pages++;
      }
    }
    expect(pages).toBeGreaterThan(10);
  });

  it('is deterministic', async () => {
    const pages = docsPages(path.join(ROOT, 'generated/docs'));
    expect(await renderPreview(pages, mdx)).toEqual(await renderPreview([...pages].reverse(), mdx));
  });
});

describe('specloom preview', () => {
  it('exits 2 with a clear message when there is no docs folder', () => {
    const r = runCli(['preview', '--docs', 'no/such/docs', '--out', 'test-output/never']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("specloom: error: No docs folder at no/such/docs\n  Run 'specloom generate' first, or name the folder with --docs <dir>.\n");
  });

  it('exits 2 naming the page and line of a page that does not compile', () => {
    const r = runCli(['preview', '--docs', 'test/docs/fixtures/broken-docs', '--out', 'test-output/never']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^specloom: error: test\/docs\/fixtures\/broken-docs\/index\.md:7:\d+: The page does not compile as MDX: .+\n {2}Fix the page/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
