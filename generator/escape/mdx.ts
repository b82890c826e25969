/**
 * Escaping for the docs pages (MDX, as Docusaurus 3 compiles them): one function per place spec
 * text lands in. MDX is not Markdown: `{` opens a JavaScript expression, `<` opens JSX (so raw HTML
 * and `<https://...>` autolinks fail to compile), `import`/`export` at a line start are ES modules,
 * and a fence or a `</TabItem>` in a description could end the block it sits in. Text in code spans
 * and fenced blocks is literal, so it is never entity-escaped (`&#123;` would show as such).
 *
 * | function        | context                                                      |
 * | --------------- | ------------------------------------------------------------ |
 * | mdxText         | Markdown flow text (a description paragraph under a tab)     |
 * | mdxCell         | Markdown folded onto one line inside an HTML table cell      |
 * | mdxLiteral      | plain text with no Markdown meaning (values, `<code>` text)  |
 * | mdxCodeSpan     | an inline code span                                          |
 * | jsxAttr         | a JSX attribute string (`code="..."`), quotes included        |
 * | jsString        | a string literal inside a JSX expression (`values={[...]}`)  |
 *
 */
import type { Heading, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';
import { headingSlug } from '../names/slug.js';
import { decodeEntities, htmlPieces, type HtmlPiece } from './html.js';
import { normalizeNewlines } from './normalize.js';
import { tsString } from './typescript.js';

// ---------------------------------------------------------------------------------------------
// Markdown -> MDX

type Segment = { kind: 'text'; text: string } | { kind: 'code'; text: string; ticks: number };

/** ASCII punctuation: what a backslash can escape in CommonMark. */
const PUNCT = /[!-/:-@[-`{-~]/;

/**
 * Splits inline Markdown into text and code spans (CommonMark: a backtick run closes with a run
 * of the same length, never across a blank line). Unmatched backticks are text.
 */
function splitCodeSpans(input: string): Segment[] {
  const out: Segment[] = [];
  let text = '';
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (c === '\\' && i + 1 < input.length && PUNCT.test(input[i + 1]!)) {
      text += c + input[i + 1];
      i += 2;
      continue;
    }
    if (c !== '`') {
      text += c;
      i++;
      continue;
    }
    let n = 0;
    while (input[i + n] === '`') n++;
    const close = findClosingRun(input, i + n, n);
    if (close === -1) {
      text += '\\`'.repeat(n);
      i += n;
      continue;
    }
    if (text) out.push({ kind: 'text', text });
    text = '';
    out.push({ kind: 'code', text: input.slice(i + n, close), ticks: n });
    i = close + n;
  }
  if (text) out.push({ kind: 'text', text });
  return out;
}

function findClosingRun(input: string, from: number, n: number): number {
  let i = from;
  while (i < input.length) {
    if (input[i] === '\n') {
      // A blank line ends the paragraph, and with it any code span.
      let k = i + 1;
      while (input[k] === ' ' || input[k] === '\t') k++;
      if (input[k] === '\n') return -1;
    }
    if (input[i] === '`') {
      let m = 0;
      while (input[i + m] === '`') m++;
      if (m === n) return i;
      i += m;
    } else i++;
  }
  return -1;
}

const AUTOLINK = /^<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>/;
const EMAIL_AUTOLINK = /^<([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>/;

/** A link destination that needs no `<...>` (which MDX would read as JSX). */
export function destination(url: string): string {
  return url.replace(/[\s()<>\\{}]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}

/**
 * Escapes the text outside code spans. HTML the allowlist keeps (escape/html.ts) is rendered: `<b>`, `<i>`,
 * `<code>` and `<a href>` as their Markdown, `<br>` as a break, lists, paragraphs, `<pre>`, `<sup>` and
 * `<sub>` as elements; tags are paired within a paragraph (an element may not span a blank line in MDX).
 * Everything else goes through escapeText.
 */
function escapeInline(text: string, opts: { gt: boolean; br: string }): string {
  return text
    .split(/(\n[ \t]*\n)/)
    .map((part, i) => (i % 2 === 1 ? part : renderPieces(htmlPieces(part), opts)))
    .join('');
}

function renderPieces(pieces: readonly HtmlPiece[], opts: { gt: boolean; br: string }): string {
  let out = '';
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    if (piece.kind === 'text') out += escapeText(piece.text, opts);
    else if (piece.kind === 'br') out += opts.br;
    else if (piece.kind === 'open') {
      const end = closeOf(pieces, i);
      out += element(piece, pieces.slice(i + 1, end), opts);
      i = end;
    }
  }
  return out;
}

/** Where the element opened at `start` closes (htmlPieces pairs every open tag it keeps). */
function closeOf(pieces: readonly HtmlPiece[], start: number): number {
  const name = (pieces[start] as { name: string }).name;
  let depth = 0;
  for (let i = start; i < pieces.length; i++) {
    const p = pieces[i]!;
    if (p.kind === 'open' && p.name === name) depth++;
    else if (p.kind === 'close' && p.name === name && --depth === 0) return i;
  }
  return pieces.length;
}

function element(open: Extract<HtmlPiece, { kind: 'open' }>, inner: HtmlPiece[], opts: { gt: boolean; br: string }): string {
  const content = renderPieces(inner, opts);
  switch (open.name) {
    case 'b':
    case 'strong':
      // Markdown emphasis where it reads back as such; an element where `*`, `_` or spaces at the ends would not.
      return simpleEmphasis(content) ? `**${content}**` : `<strong>${content}</strong>`;
    case 'i':
    case 'em':
      return simpleEmphasis(content) ? `_${content}_` : `<em>${content}</em>`;
    case 'code': {
      // Code shows its text: tags inside it (`<i>` around a placeholder) keep their text only.
      const text = textOf(inner);
      return text.includes(SPAN_OPEN) ? `<code>${content}</code>` : mdxCodeSpan(decodeEntities(text));
    }
    case 'a':
      return open.href !== undefined ? `[${content}](${destination(open.href)})` : content;
    default:
      return `<${open.name}>${content}</${open.name}>`;
  }
}

function simpleEmphasis(content: string): boolean {
  return content !== '' && !/[*_]/.test(content) && content.trim() === content;
}

function textOf(pieces: readonly HtmlPiece[]): string {
  return pieces.map((p) => (p.kind === 'text' ? p.text : p.kind === 'br' ? ' ' : '')).join('');
}

/**
 * Escapes text: `{` `}` as Markdown escapes, `<` as `&lt;` after turning autolinks into Markdown links.
 * Existing backslash escapes are kept as pairs, so `\{` can never become `\\{`.
 */
function escapeText(text: string, opts: { gt: boolean; br: string }): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length && PUNCT.test(text[i + 1]!)) {
      out += c + text[i + 1];
      i += 2;
      continue;
    }
    if (c === '\\') {
      // A lone backslash, escaped: at the end of a cell it would escape the `<` of `</td>`.
      out += '\\\\';
    } else if (c === '{' || c === '}') {
      out += '\\' + c;
    } else if (c === '>' && opts.gt) {
      out += '&gt;';
    } else if (c === '<') {
      const rest = text.slice(i);
      let m: RegExpExecArray | null;
      if ((m = AUTOLINK.exec(rest))) {
        out += `[${escapeText(m[1]!, opts)}](${destination(m[1]!)})`;
      } else if ((m = EMAIL_AUTOLINK.exec(rest))) {
        out += `[${escapeText(m[1]!, opts)}](${destination('mailto:' + m[1]!)})`;
      } else {
        out += '&lt;';
        i++;
        continue;
      }
      i += m[0].length;
      continue;
    } else {
      out += c;
    }
    i++;
  }
  return out;
}


const FENCE_OPEN = /^([ \t]*)(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^[ \t]*(`{3,}|~{3,})[ \t]*$/;

/**
 * Lines of a Markdown text grouped into prose runs and fenced code blocks. Fences are found at any
 * indentation (they sit in list items in real descriptions).
 */
type Block = { kind: 'prose'; lines: string[] } | { kind: 'fence'; open: string; close?: string; fence: string; indent: string; lines: string[] };

function blocks(lines: string[]): Block[] {
  const out: Block[] = [];
  let prose: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const m = FENCE_OPEN.exec(line);
    if (m === null || (m[2]![0] === '`' && m[3]!.includes('`'))) {
      prose.push(line);
      continue;
    }
    if (prose.length) out.push({ kind: 'prose', lines: prose });
    prose = [];
    const fence = m[2]!;
    const block: Block = { kind: 'fence', open: line, fence, indent: m[1]!, lines: [] };
    for (i++; i < lines.length; i++) {
      const c = FENCE_CLOSE.exec(lines[i]!);
      if (c !== null && c[1]![0] === fence[0] && c[1]!.length >= fence.length) {
        block.close = lines[i]!;
        break;
      }
      block.lines.push(lines[i]!);
    }
    out.push(block);
  }
  if (prose.length) out.push({ kind: 'prose', lines: prose });
  return out;
}

function stripIndent(line: string, indent: string): string {
  let k = 0;
  while (k < indent.length && k < line.length && (line[k] === ' ' || line[k] === '\t')) k++;
  return line.slice(k);
}

/**
 * Escapes prose: code spans are kept as they are, the rest through escapeInline, which sees the code spans as
 * stand-ins so that HTML around them pairs up (`<li>\`scope\` - text</li>`).
 */
function escapeProse(text: string, opts: { gt: boolean; br: string }): string {
  const spans: string[] = [];
  const joined = splitCodeSpans(text)
    .map((s) => (s.kind === 'code' ? `${SPAN_OPEN}${spans.push('`'.repeat(s.ticks) + s.text + '`'.repeat(s.ticks)) - 1}${SPAN_CLOSE}` : s.text))
    .join('');
  return escapeInline(joined, opts).replace(SPAN_STAND_IN, (_m, i: string) => spans[Number(i)]!);
}

/** Stand-ins for code spans (private-use characters, which nothing escapes). */
const SPAN_OPEN = '\uE000';
const SPAN_CLOSE = '\uE001';
const SPAN_STAND_IN = /\uE000(\d+)\uE001/g;

/**
 * Markdown (CommonMark, as OpenAPI descriptions are) as MDX flow content, paragraphs and all:
 * lists, callouts (`> 📘`) and fenced code keep working. What MDX would misread is neutralized:
 * braces, `<` (autolinks and simple HTML become Markdown, other tags text), `import`/`export` at a
 * line start, and headings (a description must not add headings, ids or table-of-contents entries
 * to the page). An unclosed fence is closed, so it cannot swallow the rest of the page.
 */
export function mdxText(value: string): string {
  const lines = normalizeNewlines(value).split('\n');
  const out: string[] = [];
  for (const block of blocks(lines)) {
    if (block.kind === 'fence') {
      out.push(block.open, ...block.lines, block.close ?? block.indent + block.fence);
      continue;
    }
    const escaped = escapeProse(block.lines.join('\n'), { gt: false, br: '<br />' }).split('\n');
    for (let k = 0; k < escaped.length; k++) {
      let line = escaped[k]!;
      // ES module syntax at a line start.
      line = line.replace(/^([ \t]*)(import|export)\b/, (_m, sp: string, kw: string) => `${sp}&#${kw.charCodeAt(0)};${kw.slice(1)}`);
      // ATX headings, also inside list items and quotes.
      line = line.replace(/^((?:[ \t]*(?:[-*+]|\d{1,9}[.)]|>))*[ \t]*)(#{1,6})(?=[ \t]|$)/, (_m, pre: string, hashes: string) => pre + '\\' + hashes);
      // Setext underlines: a blank line first turns `---` into a rule and `===` into text.
      if (k > 0 && /^ {0,3}(=+|-+)[ \t]*$/.test(line) && escaped[k - 1]!.trim() !== '') out.push('');
      out.push(line);
    }
  }
  return out.join('\n').replace(/^\n+|\s+$/g, '');
}

/**
 * Markdown folded onto one line for an HTML table cell (`<td>...</td>`): line breaks become
 * `<br />` (breaks: 'br', the Methods table) or spaces (breaks: 'space', Fields and Parameters),
 * fenced code lines become code spans, `>` becomes `&gt;`, and everything mdxText neutralizes is
 * neutralized too. The result has no newline, so it cannot leave the cell.
 */
export function mdxCell(value: string, breaks: 'br' | 'space' = 'br'): string {
  const sep = breaks === 'br' ? '<br />' : ' ';
  const lines = normalizeNewlines(value).split('\n');
  const items: string[] = [];
  for (const block of blocks(lines)) {
    if (block.kind === 'fence') {
      for (const line of block.lines) if (line.trim() !== '') items.push(mdxCodeSpan(stripIndent(line, block.indent).trim()));
      continue;
    }
    // Code spans may run over line breaks: fold those into spaces first.
    const folded = splitCodeSpans(block.lines.join('\n'))
      .map((s) => (s.kind === 'code' ? '`'.repeat(s.ticks) + s.text.replace(/\n/g, ' ') + '`'.repeat(s.ticks) : s.text))
      .join('');
    for (const line of escapeProse(folded, { gt: true, br: sep }).split('\n')) items.push(line.trim());
  }
  while (items.length && items[0] === '') items.shift();
  while (items.length && items[items.length - 1] === '') items.pop();
  // The line breaks of an HTML list or paragraph in the spec are its layout, not breaks in the cell.
  return items.join(sep).replace(BLOCK_TAG_GAP, '$1');
}

const BLOCK_TAG_GAP = /(?:\s*<br \/>\s*|\s+)?(<\/?(?:ul|ol|li|p|pre|details|summary)>)(?:\s*<br \/>\s*|\s+)?/g;

/**
 * Plain text (a value, a name) with no Markdown meaning, for MDX text, table cells and the inside
 * of `<code>` elements: Markdown and MDX punctuation is backslash-escaped, `<` and `&` become
 * references, line breaks become spaces. Intraword `_` (`read_only`) needs no escape and keeps none.
 */
export function mdxLiteral(value: string): string {
  const text = normalizeNewlines(String(value)).replace(/\s*\n\s*/g, ' ');
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const prev = text[i - 1] ?? '';
    const next = text[i + 1] ?? '';
    if (c === '<') out += '&lt;';
    else if (c === '&') out += '&amp;';
    else if (c === '_') out += /[A-Za-z0-9]/.test(prev) && /[A-Za-z0-9]/.test(next) ? '_' : '\\_';
    else if ('\\`*{}[]~|'.includes(c)) out += '\\' + c;
    else if (c === '!' && next === '[') out += '\\!';
    else out += c;
  }
  // A line start could still read as a list, quote, heading or ES module in flow text.
  return out
    .replace(/^([-+#>]|\d+[.)])(?=\s|$)/, (m) => '\\' + m)
    .replace(/^(import|export)\b/, (kw) => `&#${kw.charCodeAt(0)};${kw.slice(1)}`);
}

/**
 * A cell of a Markdown (GFM) table, as the legacy pages have them: one line, `|` escaped (GFM
 * unescapes `\|` inside code spans too). kind 'md': Markdown text (mdxCell, breaks as spaces);
 * 'md-br': the same with `<br />` breaks; 'code': a code span showing the value literally;
 * 'text': plain text (mdxLiteral).
 */
export function mdTableCell(value: string, kind: 'md' | 'md-br' | 'code' | 'text' = 'md'): string {
  const inner = kind === 'code' ? mdxCodeSpan(value) : kind === 'text' ? mdxLiteral(value).replace(/\\\|/g, '|') : mdxCell(value, kind === 'md-br' ? 'br' : 'space');
  return inner.replace(/\\?\|/g, '\\|');
}

/** An inline code span showing `value` literally (a fence longer than any backtick run inside). */
export function mdxCodeSpan(value: string): string {
  const text = normalizeNewlines(String(value)).replace(/\n/g, ' ');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (/^ .* $/.test(text) && text.trim() !== '') ? ' ' : '';
  return fence + pad + text + pad + fence;
}

/** A fenced code block's fence for `content`: three backticks, or more than any run inside. */
export function codeFence(content: string): string {
  const longest = Math.max(0, ...(content.match(/`+/g) ?? []).map((r) => r.length));
  return '`'.repeat(Math.max(3, longest + 1));
}

// ---------------------------------------------------------------------------------------------
// JSX

/** A JSX attribute string, quotes included: `"a &quot;b&quot;"`. MDX decodes references there. */
export function jsxAttr(value: string): string {
  return '"' + normalizeNewlines(String(value)).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/\n/g, '&#10;') + '"';
}

/** A single-quoted JavaScript string literal inside a JSX expression (`{ label: '...' }`). */
export function jsString(value: string): string {
  return tsString(String(value));
}

/**
 * An `id`/fragment the planner made: only characters that need no escaping in an attribute, a
 * URL fragment or a CSS selector. Anything else is a planner bug, so it throws.
 */
export function anchorId(value: string): string {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(value)) throw new Error(`not a safe anchor id: ${JSON.stringify(value)}`);
  return value;
}

// ---------------------------------------------------------------------------------------------
// Markdown blocks in an HTML table cell

/**
 * Markdown for an HTML table cell, its structure kept as the cell's own markup (the Fields and Parameters
 * tables): parsed by mdast-util-from-markdown (CommonMark, the parser under the MDX compiler), lists become
 * `<ul>`/`<ol>` elements, fenced and indented code a `<pre><code>` whose text is a JavaScript string (shown
 * as it is), headings bold paragraphs; rules are dropped and quotes give their content. Paragraphs and their
 * inline Markdown are escaped as mdxCell does, so a description of one paragraph reads as it did. One line.
 */
export function mdxCellBlocks(value: string, breaks: 'br' | 'space' = 'space'): string {
  const text = normalizeNewlines(value);
  // Blocks are set apart as mdxCell sets paragraphs apart: a blank line's worth of breaks, or a space.
  const join = (blocks: string[]) => blocks.join(breaks === 'br' ? '<br /><br />' : ' ').replace(BLOCK_TAG_GAP, '$1').trim();
  const blocks = renderBlocks(fromMarkdown(text).children, text, breaks);
  // Concise where the reader scans: a long text of several blocks shows its first, the rest one click away.
  if (blocks.length > 1 && text.length > LONG_CELL) return `${join(blocks.slice(0, 1))}<details><summary>More</summary>${join(blocks.slice(1))}</details>`;
  return join(blocks);
}

/** Characters from which a description of several blocks folds all but its first into a `<details>`. */
const LONG_CELL = 280;

function renderBlocks(nodes: readonly RootContent[], source: string, breaks: 'br' | 'space'): string[] {
  const out: string[] = [];
  for (const node of nodes) {
    const slice = source.slice(node.position!.start.offset!, node.position!.end.offset!);
    switch (node.type) {
      case 'thematicBreak':
        break;
      case 'list': {
        const tag = node.ordered ? 'ol' : 'ul';
        const items = node.children.map((item) => `<li>${renderBlocks(item.children, source, breaks).join(breaks === 'br' ? '<br />' : ' ')}</li>`);
        out.push(`<${tag}>${items.join('')}</${tag}>`);
        break;
      }
      case 'code':
        out.push(`<pre><code>{${jsString(node.value)}}</code></pre>`);
        break;
      case 'heading':
        // Its text only: Markdown inside would end the bold early.
        out.push(`**${mdxLiteral(toString(node))}**`);
        break;
      case 'blockquote':
        out.push(...renderBlocks(node.children, source, breaks));
        break;
      default:
        // Paragraphs, HTML and anything CommonMark has no block for: inline Markdown, escaped.
        out.push(mdxCell(dedent(slice), breaks));
    }
  }
  return out.filter((block) => block !== '');
}

/** The lines of a block inside a list item, without the item's indentation. */
function dedent(slice: string): string {
  return slice
    .split('\n')
    .map((line, i) => (i === 0 ? line : line.replace(/^[ \t]+/, '')))
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// A long description with headings of its own (an API's info.description on the provider page)

/**
 * Markdown flow text whose headings become real headings below the page's own: demoted so the shallowest is
 * an h3, written as JSX headings with explicit ids (the page's table of contents stays the page's), ids as
 * Docusaurus would make them but never one of `reserved` (the page's own heading ids) or a repeat. The
 * description's links to its own headings (`[rate limits](#rate-limiting)`) follow them. The rest is mdxText.
 */
export function mdxSection(value: string, reserved: readonly string[] = []): string {
  const text = normalizeNewlines(value);
  const tree = fromMarkdown(text);
  const headings = tree.children.filter((n): n is Heading => n.type === 'heading');
  if (headings.length === 0) return mdxText(text);
  const shift = Math.max(0, 3 - Math.min(...headings.map((h) => h.depth)));
  const taken = new Set(reserved);
  const renamed = new Map<string, string>();
  const ids = headings.map((h) => {
    const base = headingSlug(toString(h));
    let id = base;
    for (let n = 1; taken.has(id) || id === ''; n++) id = `${base || 'section'}-${n}`;
    taken.add(id);
    if (!renamed.has(base)) renamed.set(base, id);
    return id;
  });
  const parts: string[] = [];
  let at = 0;
  headings.forEach((h, i) => {
    parts.push(mdxText(followAnchors(text.slice(at, h.position!.start.offset!), renamed)));
    const level = Math.min(6, h.depth + shift);
    parts.push(`<h${level} id=${jsxAttr(ids[i]!)}>${mdxLiteral(toString(h))}</h${level}>`);
    at = h.position!.end.offset!;
  });
  parts.push(mdxText(followAnchors(text.slice(at), renamed)));
  return parts.filter((p) => p !== '').join('\n\n');
}

/** In-page links to a heading of the description, pointed at the id that heading now has. */
function followAnchors(markdown: string, renamed: ReadonlyMap<string, string>): string {
  return markdown.replace(/\]\(#([^)\s]+)\)/g, (whole, anchor: string) => {
    const id = renamed.get(anchor.toLowerCase());
    return id !== undefined ? `](#${id})` : whole;
  });
}
