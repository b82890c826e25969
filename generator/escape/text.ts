/**
 * One escaping function per target. Spec text is hostile until it has been through the function
 * for the place it lands in; templates reach these through the helpers of the same names.
 */

/** A single-quoted TypeScript/JavaScript string literal. */
export function tsString(value: string): string {
  return (
    "'" +
    value.replace(/[\\'\n\r\u2028\u2029\t\0]/g, (c) => {
      switch (c) {
        case '\\': return '\\\\';
        case "'": return "\\'";
        case '\n': return '\\n';
        case '\r': return '\\r';
        case '\t': return '\\t';
        case '\0': return '\\0';
        default: return '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
      }
    }) +
    "'"
  );
}

/**
 * Text for a JSDoc/TSDoc comment body: no sequence can close the comment, no line starts a new
 * tag by accident. Returns the lines without the leading " * ".
 */
export function jsdocLines(value: string): string[] {
  const text = value
    .replace(/\r\n?/g, '\n')
    .replace(/\*\//g, '*\u200b/') // a zero-width space keeps "*/" visible but inert
    .replace(/^\s*@/gm, (m) => m.replace('@', '\\@'));
  return text.split('\n').map((line) => line.replace(/\s+$/, ''));
}

/** A JSON value, for JSON files and for literals in TypeScript (arrays of strings, numbers). */
export function jsonValue(value: unknown, indent = 0): string {
  const text = JSON.stringify(value ?? null, null, indent);
  // U+2028/9 are valid JSON but were line terminators in JavaScript before ES2019.
  return text.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * Descriptions from Linode's spec carry a "<<LB>>" marker (a line-break placeholder of their docs
 * pipeline) and a "---" rule before the CLI/OAuth notes: drop the marker, keep the notes.
 */
export function cleanDescription(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/^[ \t]*<<LB>>[ \t]*$/gm, '')
    .replace(/<<LB>>/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A JSON value as a TypeScript literal: strings single-quoted and escaped, keys bare when they can be. */
export function tsLiteral(value: unknown, isKeyIdentifier: (k: string) => boolean): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return tsString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => tsLiteral(v, isKeyIdentifier)).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return `{ ${entries.map(([k, v]) => `${isKeyIdentifier(k) ? k : tsString(k)}: ${tsLiteral(v, isKeyIdentifier)}`).join(', ')} }`;
}

/**
 * Spec text inline in Markdown (a heading, a table cell, a list item): one line, with the
 * characters that would start HTML, a table column or a heading backslash-escaped (CommonMark
 * backslash escapes render as the character itself, with no HTML entity).
 */
export function markdownInline(value: string): string {
  return cleanDescription(value)
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
  return cleanDescription(value).replace(/\\</g, '<').replace(/</g, '\\<');
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
