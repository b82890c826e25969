/**
 * A JSX runtime that builds plain element objects, and a printer from those to HTML. MDX compiles a page to
 * calls of `jsx(type, props)`; with this runtime the page becomes a tree that prints to static HTML, the way a
 * Docusaurus build prerenders it, without React.
 */

export const Fragment = Symbol('Fragment');

export interface Element {
  readonly type: unknown;
  readonly props: Readonly<Record<string, unknown>>;
}

export type Component = (props: Record<string, unknown>) => unknown;

export function jsx(type: unknown, props: Record<string, unknown>): Element {
  return { type, props };
}

export function isElement(node: unknown): node is Element {
  return typeof node === 'object' && node !== null && 'type' in node && 'props' in node;
}

/** HTML elements that have no end tag (https://html.spec.whatwg.org/multipage/syntax.html#void-elements). */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** JSX property names that differ from their HTML attribute. */
const ATTRIBUTE_NAMES: Record<string, string> = { className: 'class', htmlFor: 'for' };

export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

function styleText(style: Record<string, unknown>): string {
  return Object.entries(style)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}:${String(v)}`)
    .join(';');
}

function attributes(props: Readonly<Record<string, unknown>>): string {
  let out = '';
  for (const [key, value] of Object.entries(props)) {
    if (key === 'children' || key === 'key' || value === undefined || value === null || value === false) continue;
    if (typeof value === 'function') continue;
    // Only names HTML can hold: a spec-derived name must not break out of the tag.
    if (!/^[A-Za-z_:][-A-Za-z0-9_:.]*$/.test(key)) continue;
    const name = ATTRIBUTE_NAMES[key] ?? key;
    if (value === true) out += ` ${name}`;
    else if (key === 'style' && typeof value === 'object') out += ` style="${escapeAttribute(styleText(value as Record<string, unknown>))}"`;
    else out += ` ${name}="${escapeAttribute(Array.isArray(value) ? value.join(' ') : typeof value === 'object' ? JSON.stringify(value) : String(value))}"`;
  }
  return out;
}

/** Prints a tree of elements, components and text as HTML; text and attribute values are escaped. */
export function toHtml(node: unknown): string {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (Array.isArray(node)) return node.map(toHtml).join('');
  if (!isElement(node)) return escapeText(String(node));
  const { type, props } = node;
  if (type === Fragment) return toHtml(props['children']);
  if (typeof type === 'function') return toHtml((type as Component)(props as Record<string, unknown>));
  const tag = String(type);
  if (!/^[a-z][a-z0-9-]*$/i.test(tag)) throw new Error(`Cannot print an element named "${tag}"`);
  if (VOID.has(tag.toLowerCase())) return `<${tag}${attributes(props)}>`;
  return `<${tag}${attributes(props)}>${toHtml(props['children'])}</${tag}>`;
}
