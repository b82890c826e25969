/**
 * Markdown (CommonMark and GitHub tables), for the client's README and reference pages. Spec text arrives
 * already cleaned up by the profile (see profiles/); these only escape it.
 */
import { normalizeText } from './normalize.js';

/**
 * Spec text inline in Markdown (a heading, a table cell, a list item): one line, with the
 * characters that would start HTML, a table column or a heading backslash-escaped (CommonMark
 * backslash escapes render as the character itself, with no HTML entity).
 */
export function markdownInline(value: string): string {
  return normalizeText(value)
    .replace(/\s+/g, ' ')
    .replace(/([\\<>|])/g, '\\$1')
    .replace(/^([#>+-])/, '\\$1')
    .trim();
}

/**
 * Spec text as Markdown blocks (a description): kept as the author wrote it, raw HTML neutralised
 * by escaping `<`, so a `<script>` in a spec stays text.
 */
export function markdownBlock(value: string): string {
  return normalizeText(value).replace(/\\</g, '<').replace(/</g, '\\<');
}

/** A Markdown code span that holds any text: the fence is longer than any run of backticks inside. */
export function markdownCode(value: string): string {
  // `|` is escaped even in code: GitHub tables split cells on it inside code spans too.
  const text = value.replace(/\s+/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
