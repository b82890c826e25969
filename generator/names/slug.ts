/** Heading ids as Docusaurus makes them (github-slugger), for anchors that must not collide with them. */

/**
 * The id Docusaurus gives a heading (github-slugger): lower case, punctuation dropped, spaces to
 * dashes. Duplicates get `-1`, `-2`... (see `headingIds`).
 */
export function headingSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

export function headingIds(texts: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return texts.map((t) => {
    const base = headingSlug(t);
    let id = base;
    let n = seen.get(base) ?? 0;
    while (seen.has(id)) id = `${base}-${++n}`;
    seen.set(base, n);
    seen.set(id, 0);
    return id;
  });
}
