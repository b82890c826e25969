/**
 * `specloom preview`: the generated docs pages as a static HTML site, to look at them the way a StackQL
 * (Docusaurus 3) site shows them, without setting up that site. Each page is compiled by @mdx-js/mdx (the
 * compiler Docusaurus 3 uses) with remark-directive (its `:::info` admonitions) and run with the small JSX
 * runtime of ./html.ts; the Docusaurus components the pages import (Tabs, TabItem, CopyableCode) are stood in
 * for by the components below, made interactive by a few lines of script.
 *
 * Pure: pages in, files out. The MDX compiler is passed in (it is an optional dependency, see ./main.ts).
 */
import YAML from 'yaml';
import { headingIds } from '../names/slug.js';
import { escapeAttribute, escapeText, Fragment, isElement, jsx, toHtml, type Component, type Element } from './html.js';

export interface DocsPage {
  /** Relative to the docs folder, with forward slashes: `services/profile/index.md`. */
  path: string;
  text: string;
}

export interface PreviewFile {
  path: string;
  content: string;
}

/** The parts of @mdx-js/mdx and remark-directive the preview uses; see ./main.ts. */
export interface MdxCompiler {
  evaluate(body: string, options: Record<string, unknown>): Promise<{ default: unknown }>;
  remarkDirective: unknown;
}

/** A page that does not compile: the docs page, and where in it. */
export class PageCompileError extends Error {
  constructor(
    readonly page: string,
    message: string,
    readonly line: number | undefined,
    readonly column: number | undefined,
  ) {
    super(message);
  }
}

export async function renderPreview(pages: readonly DocsPage[], mdx: MdxCompiler): Promise<PreviewFile[]> {
  const sorted = [...pages].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const parsed = sorted.map((page) => ({ page, ...splitFrontMatter(page.text), url: pageUrl(page.path) }));
  const nav = parsed.map((p) => ({ url: p.url, title: stringField(p.frontMatter, 'title') ?? p.url, depth: p.url.split('/').length - 2 }));
  const files: PreviewFile[] = [];
  for (const p of parsed) {
    const headerLines = p.page.text.slice(0, p.page.text.length - p.body.length).split('\n').length - 1;
    let content: unknown;
    try {
      const mod = await mdx.evaluate(p.body, {
        Fragment,
        jsx,
        jsxs: jsx,
        remarkPlugins: [mdx.remarkDirective, remarkPreview],
      });
      content = (mod.default as Component)({ components: components() });
    } catch (err) {
      const e = err as { reason?: string; message?: string; line?: number; column?: number; place?: { line?: number; column?: number; start?: { line?: number; column?: number } } };
      const place = e.place?.start ?? e.place;
      let reason = e.reason ?? e.message ?? String(err);
      let line = e.line ?? place?.line;
      let column = e.column ?? place?.column;
      // Some messages (an unclosed element at the end of the page) carry their place only in the text.
      const inText = /\s*\((\d+):(\d+)(?:-\d+:\d+)?\)$/.exec(reason);
      if (inText) {
        line ??= Number(inText[1]);
        column ??= Number(inText[2]);
        reason = reason.slice(0, inText.index);
      }
      throw new PageCompileError(p.page.path, reason, line === undefined ? undefined : line + headerLines, column);
    }
    files.push({ path: outputPath(p.page.path), content: pageShell(p.frontMatter, toHtml(content), nav, p.url) });
  }
  return files;
}

/** The YAML front matter Docusaurus takes off a page before compiling it, and the rest. */
export function splitFrontMatter(text: string): { frontMatter: Record<string, unknown>; body: string } {
  const m = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return { frontMatter: {}, body: text };
  const data: unknown = YAML.parse(m[1]!);
  return { frontMatter: typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {}, body: text.slice(m[0].length) };
}

function stringField(data: Record<string, unknown>, key: string): string | undefined {
  const value = data[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** The URL a Docusaurus site gives a docs file: `services/profile/index.md` -> `/services/profile/`. */
function pageUrl(file: string): string {
  const bare = file.replace(/\.mdx?$/, '');
  return `/${bare === 'index' ? '' : bare.endsWith('/index') ? `${bare.slice(0, -'index'.length)}` : `${bare}/`}`;
}

function outputPath(file: string): string {
  return `${pageUrl(file).slice(1)}index.html`;
}

// ---- remark: what Docusaurus does to a page before it renders it ----------------------------------------------

interface MdNode {
  type: string;
  name?: string;
  value?: string;
  children?: MdNode[];
  data?: { hName?: string; hProperties?: Record<string, unknown>; directiveLabel?: boolean };
  position?: { start: { offset?: number }; end: { offset?: number } };
}

const ADMONITIONS = new Set(['note', 'tip', 'info', 'warning', 'caution', 'danger']);

/**
 * Drops the page's own imports (the components are passed in), gives headings the ids Docusaurus gives them
 * (so in-page links work), turns `:::info[Title]` blocks into admonition boxes, and puts back as text any other
 * directive: remark-directive reads `linodes:read_only` as text plus a `:read_only` directive, and Docusaurus
 * shows such text unchanged.
 */
function remarkPreview() {
  return (tree: MdNode, file: { value: unknown }) => {
    const source = String(file.value);
    tree.children = (tree.children ?? []).filter((n) => n.type !== 'mdxjsEsm');
    const headings: MdNode[] = [];
    const walk = (node: MdNode) => {
      const children = node.children ?? [];
      for (let i = 0; i < children.length; i++) {
        const child = children[i]!;
        if (child.type === 'heading') headings.push(child);
        if (child.type === 'containerDirective' && ADMONITIONS.has(child.name ?? '')) {
          admonition(child);
        } else if (child.type === 'textDirective' || child.type === 'leafDirective' || child.type === 'containerDirective') {
          const text = sourceOf(child, source);
          children[i] = child.type === 'textDirective' ? { type: 'text', value: text } : { type: 'paragraph', children: [{ type: 'text', value: text }] };
          continue;
        }
        walk(child);
      }
    };
    walk(tree);
    const ids = headingIds(headings.map(plainText));
    headings.forEach((h, i) => {
      h.data = { ...h.data, hProperties: { ...h.data?.hProperties, id: ids[i] } };
    });
  };
}

function admonition(node: MdNode): void {
  const children = node.children ?? [];
  const labelled = children[0]?.data?.directiveLabel === true;
  const title: MdNode = labelled ? children[0]! : { type: 'paragraph', children: [{ type: 'text', value: node.name!.toUpperCase() }] };
  title.data = { ...title.data, hName: 'div', hProperties: { className: ['admonition__title'] } };
  node.children = [title, ...(labelled ? children.slice(1) : children)];
  node.data = { hName: 'div', hProperties: { className: ['admonition', `admonition--${node.name}`] } };
}

function sourceOf(node: MdNode, source: string): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start !== undefined && end !== undefined ? source.slice(start, end) : `:${node.name ?? ''}`;
}

/** A syntax tree node, as far as its text goes. */
export interface TextNode {
  type: string;
  value?: string;
  children?: readonly TextNode[];
}

/** The text of a node, as a heading id is made from it: text and inline code, markup dropped. */
export function plainText(node: TextNode): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value ?? '';
  return (node.children ?? []).map(plainText).join('');
}

// ---- the Docusaurus components, as static HTML -----------------------------------------------------------------

interface TabValue {
  label: string;
  value: string;
}

function children(node: unknown): unknown[] {
  return Array.isArray(node) ? node.flatMap(children) : [node];
}

/** New components for each page, so tab ids count from 1 on every page (deterministic output). */
function components(): Record<string, Component> {
  let tabsCount = 0;
  const TabItem: Component = (props) => jsx('div', { children: props['children'] });
  const Tabs: Component = (props) => {
    const id = `tabs-${++tabsCount}`;
    const items = children(props['children']).filter((c): c is Element => isElement(c) && c.type === TabItem);
    const values: TabValue[] = Array.isArray(props['values'])
      ? (props['values'] as TabValue[]).map((v) => ({ label: String(v.label ?? v.value), value: String(v.value) }))
      : items.map((i) => ({ label: String(i.props['label'] ?? i.props['value']), value: String(i.props['value']) }));
    const selected = String(props['defaultValue'] ?? values[0]?.value ?? '');
    const index = (value: string) => values.findIndex((v) => v.value === value);
    return jsx('div', {
      className: 'tabs',
      children: [
        jsx('div', {
          role: 'tablist',
          children: values.map((v, i) =>
            jsx('button', {
              type: 'button',
              role: 'tab',
              id: `${id}-tab-${i}`,
              'aria-controls': `${id}-panel-${i}`,
              'aria-selected': v.value === selected ? 'true' : 'false',
              'data-value': v.value,
              children: v.label,
            }),
          ),
        }),
        ...items.map((item) => {
          const value = String(item.props['value']);
          return jsx('div', {
            role: 'tabpanel',
            id: `${id}-panel-${index(value)}`,
            'aria-labelledby': `${id}-tab-${index(value)}`,
            'data-value': value,
            hidden: value !== selected,
            children: item.props['children'],
          });
        }),
      ],
    });
  };
  const CopyableCode: Component = (props) =>
    jsx('span', {
      className: 'copyable',
      children: [
        jsx('code', { children: props['code'] }),
        jsx('button', { type: 'button', className: 'copy-button', 'data-code': props['code'], 'aria-label': 'Copy', title: 'Copy', children: '⧉' }),
      ],
    });
  return { Tabs, TabItem, CopyableCode };
}

// ---- the page around the content -------------------------------------------------------------------------------

function pageShell(frontMatter: Record<string, unknown>, content: string, nav: { url: string; title: string; depth: number }[], url: string): string {
  const title = stringField(frontMatter, 'title') ?? url;
  const description = stringField(frontMatter, 'description');
  const showTitle = frontMatter['hide_title'] !== true;
  const links = nav
    .map((n) => `<li style="padding-left:${n.depth}em"><a href="${escapeAttribute(n.url)}"${n.url === url ? ' aria-current="page"' : ''}>${escapeText(n.title)}</a></li>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeText(title)}</title>
${description === undefined ? '' : `<meta name="description" content="${escapeAttribute(description)}">\n`}<style>${STYLE}</style>
</head>
<body>
<nav class="sidebar" aria-label="Pages"><ul>
${links}
</ul></nav>
<main class="markdown">
${showTitle ? `<h1>${escapeText(title)}</h1>\n` : ''}${content}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

const STYLE = `
body{margin:0;display:flex;font:16px/1.6 system-ui,sans-serif;color:#1c1e21}
.sidebar{width:16rem;flex:none;border-right:1px solid #ddd;padding:1rem;font-size:14px}
.sidebar ul{list-style:none;margin:0;padding:0}.sidebar a[aria-current]{font-weight:bold}
main{flex:1;min-width:0;max-width:60rem;padding:1rem 2rem}
table{border-collapse:collapse;margin:1rem 0;display:block;overflow:auto}
th,td{border:1px solid #ddd;padding:.4rem .6rem;vertical-align:top;text-align:left}
code{background:#f2f3f5;border-radius:4px;padding:.1em .3em;font-size:90%}
pre{background:#f6f7f8;padding:1rem;overflow:auto;border-radius:6px}pre code{background:none;padding:0}
.tabs{margin:1rem 0}[role=tablist]{display:flex;flex-wrap:wrap;border-bottom:1px solid #ddd}
[role=tab]{border:0;background:none;padding:.5rem 1rem;cursor:pointer;font:inherit;border-bottom:3px solid transparent}
[role=tab][aria-selected=true]{border-bottom-color:#2e8555;color:#2e8555;font-weight:600}
[role=tabpanel][hidden]{display:none}
.copyable{white-space:nowrap}.copy-button{border:0;background:none;cursor:pointer;color:#888;font-size:80%}
.admonition{border-left:5px solid #4cb3d4;background:#eef9fd;padding:.5rem 1rem;border-radius:6px;margin:1rem 0}
.admonition__title{font-weight:bold;text-transform:uppercase;font-size:85%}
.row{display:flex;gap:2rem}
`;

const SCRIPT = `
for (const list of document.querySelectorAll('[role=tablist]')) {
  list.addEventListener('click', (event) => {
    const tab = event.target.closest('[role=tab]');
    if (!tab) return;
    for (const t of list.querySelectorAll('[role=tab]')) t.setAttribute('aria-selected', String(t === tab));
    for (const panel of list.parentElement.querySelectorAll(':scope > [role=tabpanel]')) panel.hidden = panel.dataset.value !== tab.dataset.value;
  });
}
document.addEventListener('click', (event) => {
  const button = event.target.closest('.copy-button');
  if (!button || !navigator.clipboard) return;
  navigator.clipboard.writeText(button.dataset.code).then(() => { button.textContent = '✓'; }, () => {});
});
`;
