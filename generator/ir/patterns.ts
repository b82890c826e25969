/** `pattern` (JSON Schema 2020-12 §6.3.3, ECMA-262 regular expressions) as JavaScript compiles it. */

/**
 * A pattern as JavaScript reads it: `\A` and `\Z`/`\z` (Ruby's and Python's anchors, as in Linode's spec)
 * become `^` and `$`, which mean the same in a pattern without the multiline flag. Undefined when it does
 * not compile.
 */
export function javascriptPattern(pattern: string): string | undefined {
  const translated = pattern.replace(/(^|[^\\])((?:\\\\)*)\\A/g, '$1$2^').replace(/(^|[^\\])((?:\\\\)*)\\[Zz]/g, '$1$2$');
  try {
    new RegExp(translated, 'u');
    return translated;
  } catch {
    try {
      new RegExp(translated);
      return translated;
    } catch {
      return undefined;
    }
  }
}

const compiled = new Map<string, RegExp | undefined>();

/** The pattern compiled (once per pattern), or undefined when JavaScript cannot compile it. */
export function javascriptRegExp(pattern: string): RegExp | undefined {
  if (!compiled.has(pattern)) {
    const translated = javascriptPattern(pattern);
    compiled.set(pattern, translated === undefined ? undefined : new RegExp(translated));
  }
  return compiled.get(pattern);
}
