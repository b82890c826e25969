/** JSON: values for JSON files and for literals inside other languages. */

/** A JSON value, for JSON files and for literals in TypeScript (arrays of strings, numbers). */
export function jsonValue(value: unknown, indent = 0): string {
  const text = JSON.stringify(value ?? null, null, indent);
  // U+2028/9 are valid JSON but were line terminators in JavaScript before ES2019.
  return text.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
