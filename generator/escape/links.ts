/**
 * Links in spec text (Markdown links, reference definitions, HTML `<a href>`), each sent to a resolver that
 * gives the href to write, or undefined to keep only the link's text. Spec text links to the API's own docs
 * site (`/docs/api/account/#payment-method-add`, `#operation/getCategories`): on another site those are dead,
 * and Docusaurus fails a build on them. Runs on the spec text before it is escaped for its page.
 * The Markdown parser (mdast-util-from-markdown, as the cells use) finds the links, so code spans and escaped
 * brackets are left alone.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Nodes } from 'mdast';
import { decodeEntities } from './html.js';
import { destination } from './mdx.js';

export type LinkResolver = (href: string) => string | undefined;

interface Edit {
  start: number;
  end: number;
  text: string;
}

const HTML_LINK = /<a\b([^>]*?)\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))([^>]*)>([\s\S]*?)<\/a\s*>/gi;
const OPEN_LINK = /^<a\b([^>]*?)\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))([^>]*)>$/i;

const escapeAttribute = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

export function rewriteLinks(text: string, resolve: LinkResolver): string {
  if (!/\]\(|\]:|<a\b/i.test(text)) return text;
  // Most links in spec text are absolute ("[Learn more...](https://...)"), which every resolver keeps: a text whose
  // every link destination is one is left as it is without parsing it.
  if (!/\]:/.test(text) && !/\]\(\s*<?(?!(?:https?|mailto):)|<a\b(?![^>]*\bhref\s*=\s*["']?(?:https?|mailto):)/i.test(text)) return text;
  const edits: Edit[] = [];
  const visit = (node: Nodes) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (node.type === 'link' && start !== undefined && end !== undefined && text[start] === '[') {
      const target = resolve(node.url);
      if (target !== node.url) {
        const first = node.children[0]?.position?.start.offset;
        const last = node.children[node.children.length - 1]?.position?.end.offset;
        const label = first !== undefined && last !== undefined ? text.slice(first, last) : '';
        edits.push({ start, end, text: target === undefined ? label : `[${label}](${destination(target)}${node.title ? ` ${JSON.stringify(node.title)}` : ''})` });
      }
      return;
    }
    if (node.type === 'definition' && start !== undefined && end !== undefined) {
      const target = resolve(node.url);
      if (target !== node.url) edits.push({ start, end, text: target === undefined ? '' : `[${node.label ?? node.identifier}]: ${destination(target)}` });
      return;
    }
    if (node.type === 'html' && start !== undefined && end !== undefined) {
      const source = text.slice(start, end);
      // A whole element in an HTML block, or an opening tag inline (its `</a>` is a node of its own; a close left
      // without its open is dropped by the escaping).
      const anchor = (whole: string, before: string, d: string | undefined, s: string | undefined, bare: string | undefined, after: string, inner?: string) => {
        const href = decodeEntities(d ?? s ?? bare ?? '');
        const target = resolve(href);
        if (target === href) return whole;
        const close = inner !== undefined ? `${inner}</a>` : '';
        return target === undefined ? (inner ?? '') : `<a${before}href="${escapeAttribute(target)}"${after}>${close}`;
      };
      let rewritten = source.replace(HTML_LINK, (whole: string, before: string, d?: string, q?: string, bare?: string, after = '', inner = '') => anchor(whole, before, d, q, bare, after, inner));
      if (rewritten === source) rewritten = source.replace(OPEN_LINK, (whole: string, before: string, d?: string, q?: string, bare?: string, after = '') => anchor(whole, before, d, q, bare, after));
      if (rewritten !== source) edits.push({ start, end, text: rewritten });
      return;
    }
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(fromMarkdown(text));
  let out = '';
  let at = 0;
  for (const edit of edits.sort((a, b) => a.start - b.start)) {
    if (edit.start < at) continue;
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}
