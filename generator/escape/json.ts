/** JSON: values for JSON files and for literals inside other languages. */

/** A JSON value, for JSON files and for literals in TypeScript (arrays of strings, numbers). */
export function jsonValue(value: unknown, indent = 0): string {
  const text = JSON.stringify(value ?? null, null, indent);
  // U+2028/9 are valid JSON but were line terminators in JavaScript before ES2019.
  return text.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * A JSON value on one line as a TypeScript literal, spaced as TypeScript's formatter spaces one
 * (`{ "a": 1, "b": ["x", "y"] }`), so emitted code needs no formatting pass.
 */
export function jsonInline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => jsonInline(v)).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function');
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${jsonValue(k)}: ${jsonInline(v)}`).join(', ')} }`;
  }
  return jsonValue(value);
}
