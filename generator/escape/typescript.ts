/** TypeScript: string literals, literals of JSON values, and JSDoc comment text. */

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
