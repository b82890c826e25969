/**
 * What a reader would see as markup in a rendered page: text (outside code) that shows an escaped tag of the
 * HTML allowlist, a `#` heading marker, a `---` rule, or a list marker at the start of a line. Used by the
 * pages test over every page of every fixture, the tokens spec and the full Linode spec.
 */
const ALLOWLISTED = /&lt;\/?(?:ul|ol|li|p|br|code|pre|b|strong|i|em|sup|sub|a)(?:[\s/]|&gt;)/i;
const LINE_START = /^(?:#{1,6}\s|[-*+]\s|\d{1,9}[.)]\s|-{3,}\s*$|\*{3,}\s*$|_{3,}\s*$)/;

export interface MarkupShown {
  kind: 'escaped tag' | 'line-start marker';
  text: string;
}

/** Places in a page's HTML where markup shows as text. */
export function markupShown(html: string): MarkupShown[] {
  // Code shows text as it is, by design.
  const visible = html.replace(/<pre\b[\s\S]*?<\/pre>/g, '').replace(/<code\b[\s\S]*?<\/code>/g, '`code`');
  const found: MarkupShown[] = [];
  // Text runs between tags; a run after a block boundary or a <br> starts a line.
  const parts = visible.split(/(<[^>]+>)/);
  let lineStart = true;
  for (const part of parts) {
    if (part.startsWith('<')) {
      if (/^<(?:br|\/?(?:p|li|ul|ol|td|th|tr|div|h\d|blockquote|table|tbody|thead)\b)/i.test(part)) lineStart = true;
      continue;
    }
    if (ALLOWLISTED.test(part)) found.push({ kind: 'escaped tag', text: part.trim().slice(0, 80) });
    for (const [i, line] of part.split('\n').entries()) {
      const text = line.trim();
      if (text === '') continue;
      if ((i > 0 || lineStart) && LINE_START.test(text)) found.push({ kind: 'line-start marker', text: text.slice(0, 80) });
    }
    if (part.trim() !== '') lineStart = false;
  }
  return found;
}
