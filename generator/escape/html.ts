/**
 * HTML in spec text. CommonMark lets a description carry raw HTML, and real specs do (`<ul><li>` lists of
 * OAuth scopes, `2 <sup>128</sup>`). A small allowlist of tags is kept as elements; anything else is text, to
 * be escaped by the caller for its target (an MDX page shows it literally). No attribute survives but an
 * `a`'s `href`, and only an http(s), mailto or relative one (never `javascript:` or `data:`): an `a` without
 * one keeps its text only. A kept tag is always balanced: an allowlisted tag without its partner is dropped
 * (its text stays), as a browser would close or ignore it.
 */

/** The tags kept as elements. `br` is void. */
const ALLOWED_TAGS = new Set(['ul', 'ol', 'li', 'p', 'br', 'code', 'pre', 'b', 'strong', 'i', 'em', 'sup', 'sub', 'a']);

export type HtmlPiece =
  | { kind: 'text'; text: string }
  /** An `a` without `href` is a link the allowlist refused: its text only. */
  | { kind: 'open'; name: string; href?: string }
  | { kind: 'close'; name: string }
  | { kind: 'br' };

const TAG = /<(\/?)([A-Za-z][A-Za-z0-9]*)((?:\s+[^\s<>"'=/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s<>"'=`]+))?)*)\s*(\/?)>/y;
const HREF = /\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s<>"'=`]+))/i;

/** An href a reader may follow: http(s), mailto, or relative (a path, a fragment, a query). */
export function safeHref(raw: string): string | undefined {
  const href = decodeEntities(raw).trim();
  // Control characters and spaces inside a scheme are how `java\tscript:` slips past a check.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this removes
  const compact = href.replace(/[\u0000-\u0020\u007f]/g, '');
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(compact)?.[1]?.toLowerCase();
  if (scheme === undefined) return compact.startsWith('//') ? undefined : href;
  return scheme === 'http' || scheme === 'https' || scheme === 'mailto' ? href : undefined;
}

export function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39|#x27|apos);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", apos: "'" })[e]!);
}

/**
 * Splits text into text and the allowlisted tags it holds, balanced. `<br>` (`<br/>`, `<br />`) is a break;
 * an `a` without a safe href is text, and so is its close.
 */
export function htmlPieces(input: string): HtmlPiece[] {
  const raw: (HtmlPiece & { source: string })[] = [];
  let text = '';
  for (let i = 0; i < input.length; ) {
    if (input[i] === '<') {
      TAG.lastIndex = i;
      const m = TAG.exec(input);
      const name = m?.[2]?.toLowerCase();
      if (m && name !== undefined && ALLOWED_TAGS.has(name)) {
        if (text) raw.push({ kind: 'text', text, source: text });
        text = '';
        const closing = m[1] === '/';
        if (name === 'br') raw.push({ kind: 'br', source: m[0] });
        else if (closing) raw.push({ kind: 'close', name, source: m[0] });
        else if (m[4] === '/') raw.push({ kind: 'text', text: '', source: m[0] });
        else if (name === 'a') {
          const h = HREF.exec(m[3] ?? '');
          const href = h ? safeHref(h[1] ?? h[2] ?? h[3] ?? '') : undefined;
          raw.push(href !== undefined ? { kind: 'open', name, href, source: m[0] } : { kind: 'open', name, source: m[0] });
        } else raw.push({ kind: 'open', name, source: m[0] });
        i += m[0].length;
        continue;
      }
    }
    text += input[i];
    i++;
  }
  if (text) raw.push({ kind: 'text', text, source: text });

  // Pair opens with closes (innermost first); what stays unpaired is text.
  const paired = new Set<number>();
  const stack: number[] = [];
  raw.forEach((piece, index) => {
    if (piece.kind === 'open') stack.push(index);
    else if (piece.kind === 'close') {
      const at = stack.map((s) => raw[s]!).findLastIndex((open) => open.kind === 'open' && open.name === piece.name);
      if (at === -1) return;
      const [openIndex] = stack.splice(at, stack.length - at);
      paired.add(openIndex!).add(index);
    }
  });
  const out: HtmlPiece[] = [];
  raw.forEach((piece, index) => {
    const kept = piece.kind === 'br' || piece.kind === 'text' || paired.has(index);
    if (!kept) return;
    const next: HtmlPiece = stripSource(piece);
    const last = out[out.length - 1];
    if (next.kind === 'text' && last?.kind === 'text') last.text += next.text;
    else out.push(next);
  });
  return out;
}

function stripSource(piece: HtmlPiece & { source: string }): HtmlPiece {
  const { source: _source, ...rest } = piece;
  return rest as HtmlPiece;
}
