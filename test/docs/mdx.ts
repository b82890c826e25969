/**
 * The MDX side of the docs tests: compiles a page with @mdx-js/mdx (the compiler Docusaurus 3
 * uses), after taking off the front matter as Docusaurus does, and collects what the checks need
 * from the syntax tree: heading ids (Docusaurus/github-slugger rules), explicit `id`s, in-page
 * links, code blocks. `renderPage` also runs the compiled page with a tiny JSX runtime, giving
 * static HTML of what a reader sees.
 */
import { compile, evaluate } from '@mdx-js/mdx';
import { headingIds } from '../../generator/names/slug.js';
import { Fragment, jsx, toHtml } from '../../generator/preview/html.js';
import { plainText, splitFrontMatter } from '../../generator/preview/render.js';

export interface MdxNode {
  type: string;
  value?: string;
  url?: string;
  lang?: string | null;
  depth?: number;
  name?: string | null;
  attributes?: { type: string; name: string; value?: unknown }[];
  children?: MdxNode[];
}

export interface PageFacts {
  frontMatter: Record<string, unknown>;
  tree: MdxNode;
  headings: { depth: number; text: string; id: string }[];
  explicitIds: string[];
  /** `#fragment`s of links and `href` attributes. */
  anchors: string[];
  codeBlocks: { lang: string | null; value: string }[];
}

/** The preview's: headings get their ids from this text in both. */
const textOf: (node: MdxNode) => string = plainText;

export function walk(node: MdxNode, visit: (n: MdxNode) => void): void {
  visit(node);
  for (const c of node.children ?? []) walk(c, visit);
}

export function attr(node: MdxNode, name: string): string | undefined {
  const a = node.attributes?.find((x) => x.type === 'mdxJsxAttribute' && x.name === name);
  return typeof a?.value === 'string' ? a.value : undefined;
}

/** Compiles the page (throws on invalid MDX) and collects its facts. */
export async function analyzePage(page: string): Promise<PageFacts> {
  const { frontMatter, body } = splitFrontMatter(page);
  let tree: MdxNode | undefined;
  await compile(body, { remarkPlugins: [() => (t: unknown) => void (tree = t as MdxNode)] });
  const headings: { depth: number; text: string }[] = [];
  const explicitIds: string[] = [];
  const anchors: string[] = [];
  const codeBlocks: { lang: string | null; value: string }[] = [];
  walk(tree!, (n) => {
    if (n.type === 'heading') headings.push({ depth: n.depth!, text: textOf(n) });
    if (n.type === 'link' && n.url?.startsWith('#')) anchors.push(n.url.slice(1));
    if (n.type === 'code') codeBlocks.push({ lang: n.lang ?? null, value: n.value ?? '' });
    if (n.type === 'mdxJsxFlowElement' || n.type === 'mdxJsxTextElement') {
      const id = attr(n, 'id');
      if (id !== undefined) explicitIds.push(id);
      const href = attr(n, 'href');
      if (href?.startsWith('#')) anchors.push(href.slice(1));
    }
  });
  const ids = headingIds(headings.map((h) => h.text));
  return { frontMatter, tree: tree!, headings: headings.map((h, i) => ({ ...h, id: ids[i]! })), explicitIds, anchors, codeBlocks };
}


/** Small stand-ins for the Docusaurus components the pages import. */
const components = {
  CopyableCode: (p: { code: string }) => jsx('code', { class: 'copyable', children: p.code }),
  Tabs: (p: { defaultValue: string; values: { label: string; value: string }[]; children: unknown }) =>
    jsx('div', { class: 'tabs', 'data-default': p.defaultValue, children: [jsx('ul', { children: p.values.map((v) => jsx('li', { 'data-value': v.value, children: v.label })) }), p.children] }),
  TabItem: (p: { value: string; children: unknown }) => jsx('div', { class: 'tab', 'data-value': p.value, children: p.children }),
};

/** Runs the page: imports are left out (the components are passed in), front matter taken off. */
export async function renderPage(page: string): Promise<string> {
  const body = splitFrontMatter(page).body.replace(/^import .*$/gm, '');
  const mod = await evaluate(body, { Fragment, jsx, jsxs: jsx } as never);
  return toHtml((mod.default as (p: unknown) => unknown)({ components }));
}
