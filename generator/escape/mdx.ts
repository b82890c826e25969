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
 * | sqlString etc.  | SQL string literals, identifiers and placeholders            |
 * | yamlScalar etc. | YAML, always written by the `yaml` library                   |
 *
 * Templates reach these through the helpers `registerDocsHelpers` adds.
 */
import type HandlebarsNs from 'handlebars';
import YAML from 'yaml';
import { jsonValue, tsString } from './text.js';

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
const HTML_LINK = /^<a\s[^<>]{0,500}?href\s*=\s*(?:"([^"]*)"|'([^']*)')[^<>]{0,500}>([^<]*)<\/a\s*>/i;
const HTML_BR = /^<br\s*\/?>/i;
const HTML_CODE = /^<code>([^<]*)<\/code>/i;
const HTML_STRONG = /^<\/?(?:b|strong)>/i;
const HTML_EM = /^<\/?(?:i|em)>/i;

/** A link destination that needs no `<...>` (which MDX would read as JSX). */
function destination(url: string): string {
  return url.replace(/[\s()<>\\{}]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}

function decodeHtmlEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
}

/**
 * Escapes the text outside code spans: `{` `}` as Markdown escapes, `<` as `&lt;` after turning
 * autolinks and the few HTML tags specs use (`<a href>`, `<br>`, `<b>`, `<i>`, `<code>`) into
 * Markdown. Existing backslash escapes are kept as pairs, so `\{` can never become `\\{`.
 */
function escapeInline(text: string, opts: { gt: boolean; br: string }): string {
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
        out += `[${escapeInline(m[1]!, opts)}](${destination(m[1]!)})`;
      } else if ((m = EMAIL_AUTOLINK.exec(rest))) {
        out += `[${escapeInline(m[1]!, opts)}](${destination('mailto:' + m[1]!)})`;
      } else if ((m = HTML_LINK.exec(rest))) {
        const href = decodeHtmlEntities(m[1] ?? m[2] ?? '');
        out += `[${escapeInline(decodeHtmlEntities(m[3]!), opts)}](${destination(href)})`;
      } else if ((m = HTML_BR.exec(rest))) {
        out += opts.br;
      } else if ((m = HTML_CODE.exec(rest))) {
        out += mdxCodeSpan(decodeHtmlEntities(m[1]!));
      } else if ((m = HTML_STRONG.exec(rest))) {
        out += '**';
      } else if ((m = HTML_EM.exec(rest))) {
        out += '_';
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

function normalizeNewlines(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(/\u2028|\u2029/g, '\n');
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

function escapeProse(text: string, opts: { gt: boolean; br: string }): string {
  return splitCodeSpans(text)
    .map((s) => (s.kind === 'code' ? '`'.repeat(s.ticks) + s.text + '`'.repeat(s.ticks) : escapeInline(s.text, opts)))
    .join('');
}

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
  return items.join(sep);
}

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
// SQL (inside fenced code blocks: literal text, so only SQL's own rules apply)

/** A SQL string literal: single quotes, a quote doubled. */
export function sqlString(value: string): string {
  return "'" + String(value).replace(/'/g, "''") + "'";
}

/** A SQL identifier: bare when it is a plain word, else double-quoted with quotes doubled. */
export function sqlIdent(name: string): string {
  const clean = String(name).replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ');
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(clean) ? clean : '"' + clean.replace(/"/g, '""') + '"';
}

/** A dotted name (`linode.profile.personal_access_tokens`), each part an identifier. */
export function sqlName(parts: readonly string[] | string): string {
  return (typeof parts === 'string' ? parts.split('.') : parts).map(sqlIdent).join('.');
}

/** The StackQL template variable for a value: `{{ name }}`, the name reduced to a plain word. */
export function placeholderName(name: string): string {
  const clean = String(name).replace(/[^A-Za-z0-9_.-]/g, '_');
  return `{{ ${clean.length > 0 ? clean : '_'} }}`;
}

/** The placeholder as a SQL value: numbers and booleans bare, everything else a string literal. */
export function sqlPlaceholder(name: string, quoted: boolean): string {
  const p = placeholderName(name);
  return quoted ? sqlString(p) : p;
}

/** A JSON fragment inside a SQL string literal (`@@json='{ "key": ... }'`). */
export function sqlJson(value: unknown): string {
  return jsonValue(value).replace(/'/g, "''");
}

/** The placeholder as a JSON value inside a SQL string literal: strings quoted, the rest bare. */
export function sqlJsonPlaceholder(name: string, quoted: boolean): string {
  const p = placeholderName(name);
  return quoted ? sqlJson(p) : p;
}

// ---------------------------------------------------------------------------------------------
// Shell (inside fenced code blocks)

/**
 * The `--auth` value of the provider index's example, as a shell string literal: JSON in single
 * quotes for bash (`'` written as `'\''`), the same with single-quoted keys in a PowerShell
 * double-quoted string (`"`, `` ` `` and `$` escaped with a backtick).
 */
export function shellAuth(provider: string, type: string, envVar: string, shell: 'bash' | 'powershell'): string {
  if (shell === 'bash') {
    const json = `{ ${jsonValue(provider)}: { "type": ${jsonValue(type)},  "credentialsenvvar": ${jsonValue(envVar)} }}`;
    return "'" + json.replace(/'/g, "'\\''") + "'";
  }
  const q = (s: string) => "'" + s.replace(/'/g, "''") + "'";
  const text = `{ ${q(provider)}: { 'type': ${q(type)},  'credentialsenvvar': ${q(envVar)} }}`;
  return '"' + text.replace(/[`"$]/g, (c) => '`' + c) + '"';
}

// ---------------------------------------------------------------------------------------------
// YAML (front matter, the INSERT Manifest): written by the yaml library, never by hand

/** A YAML scalar on one line (`title: <this>`): plain when that is safe, else quoted. */
export function yamlScalar(value: unknown): string {
  return YAML.stringify(value, { lineWidth: 0, blockQuote: false }).replace(/\n$/, '');
}

export interface ManifestProp {
  name: string;
  value: string;
  description?: string;
}

export interface ManifestResource {
  name: string;
  props: ManifestProp[];
}

/**
 * The INSERT Manifest: a StackQL Deploy resource list with one prop per column. Descriptions
 * are folded block scalars, as the real pages show them, but written by `yaml`, so multi-paragraph
 * text, `: `, `#` and quotes stay data. The text parses back to the same values.
 */
export function manifestYaml(resources: readonly ManifestResource[], comment = ' Description fields are for documentation purposes'): string {
  const doc = new YAML.Document(
    resources.map((r) => ({
      name: r.name,
      props: r.props.map((p) => (p.description !== undefined && p.description !== '' ? { name: p.name, value: p.value, description: normalizeNewlines(p.description) } : { name: p.name, value: p.value })),
    })),
  );
  YAML.visit(doc, {
    Pair(_key, pair) {
      if (YAML.isScalar(pair.key) && pair.key.value === 'description' && YAML.isScalar(pair.value)) {
        const text = String(pair.value.value);
        // Folded scalars cannot hold lines with leading spaces or trailing spaces reliably: let yaml choose then.
        if (!/^[ \t]|[ \t]$|\n[ \t]|[ \t]\n/.test(text)) pair.value.type = 'BLOCK_FOLDED';
      }
    },
  });
  if (doc.contents) doc.contents.commentBefore = comment;
  else doc.commentBefore = comment;
  return doc.toString({ lineWidth: 0, indentSeq: true }).replace(/\n$/, '');
}

// ---------------------------------------------------------------------------------------------
// Handlebars

/**
 * Registers the docs helpers on a Handlebars environment (createTemplateEngine calls this). Each
 * returns a SafeString: the engine refuses bare `{{value}}` output of strings.
 */
export function registerDocsHelpers(hb: typeof HandlebarsNs): void {
  const safe = (s: string) => new hb.SafeString(s);
  const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  const isOptions = (v: unknown) => typeof v === 'object' && v !== null && 'hash' in v && 'data' in v;
  hb.registerHelper('mdxText', (v: unknown) => safe(mdxText(str(v))));
  hb.registerHelper('mdxCell', (v: unknown, options: HandlebarsNs.HelperOptions) => safe(mdxCell(str(v), options?.hash?.['breaks'] === 'space' ? 'space' : 'br')));
  hb.registerHelper('mdxLiteral', (v: unknown) => safe(mdxLiteral(str(v))));
  hb.registerHelper('mdxCode', (v: unknown) => safe(mdxCodeSpan(str(v))));
  hb.registerHelper('mdTableCell', (v: unknown, options: HandlebarsNs.HelperOptions) => {
    const kind = options?.hash?.['kind'];
    return safe(mdTableCell(str(v), kind === 'code' || kind === 'text' || kind === 'md-br' ? kind : 'md'));
  });
  hb.registerHelper('jsxAttr', (v: unknown) => safe(jsxAttr(str(v))));
  hb.registerHelper('jsString', (v: unknown) => safe(jsString(str(v))));
  hb.registerHelper('anchorId', (v: unknown) => safe(anchorId(str(v))));
  hb.registerHelper('sqlString', (v: unknown) => safe(sqlString(str(v))));
  hb.registerHelper('sqlIdent', (v: unknown) => safe(sqlIdent(str(v))));
  hb.registerHelper('sqlName', (v: unknown) => safe(sqlName(Array.isArray(v) ? v.map(String) : str(v))));
  hb.registerHelper('sqlPlaceholder', (name: unknown, quoted: unknown) => safe(sqlPlaceholder(str(name), isOptions(quoted) ? true : Boolean(quoted))));
  hb.registerHelper('sqlJson', (v: unknown) => safe(sqlJson(v)));
  hb.registerHelper('sqlJsonPlaceholder', (name: unknown, quoted: unknown) => safe(sqlJsonPlaceholder(str(name), isOptions(quoted) ? true : Boolean(quoted))));
  hb.registerHelper('authJson', (provider: unknown, type: unknown, envVar: unknown, options: HandlebarsNs.HelperOptions) =>
    safe(shellAuth(str(provider), str(type), str(envVar), options?.hash?.['shell'] === 'powershell' ? 'powershell' : 'bash')),
  );
  hb.registerHelper('yaml', (v: unknown) => safe(yamlScalar(v)));
  hb.registerHelper('manifestYaml', (v: unknown) => safe(manifestYaml(v as ManifestResource[])));
}
