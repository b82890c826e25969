/** Every line end (`\r\n`, `\r`, U+2028, U+2029) as `\n`. */
export function normalizeNewlines(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(/\u2028|\u2029/g, '\n');
}

/**
 * Line ends and blank lines of spec text, made uniform before it is escaped for any target: `\r\n` and
 * `\r` to `\n`, runs of blank lines to one, no leading or trailing white space.
 */
export function normalizeText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}
