/**
 * Line ends and blank lines of spec text, made uniform before it is escaped for any target: `\r\n` and
 * `\r` to `\n`, runs of blank lines to one, no leading or trailing white space.
 */
export function normalizeText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}
