/**
 * Where a JSON pointer sits in a YAML text written in block style (as specs and StackQL service files are): found
 * by indentation, line by line, without parsing the document. It answers only where the layout is the plain one
 * (block mappings whose keys start lines, block sequences of `- ` items, a mapping that starts on its item's dash
 * line); anything else (flow collections, multi-line keys, a value on its key's line that the pointer goes into) is
 * undefined, and the yaml library's parse answers instead (load.ts). A run's warnings need a handful of locations:
 * parsing a 1.4 MB service file with the yaml library for them took longer than generating its pages.
 */
import type { SourceLocation } from '../errors.js';
import { parsePointer } from '../json-pointer.js';

interface Line {
  /** Offset of the line's first character in the text. */
  start: number;
  /** Columns of leading spaces; -1 for a blank or comment line. */
  indent: number;
}

/** A node's place: its first content line (and that line's indent, which a dash line's item overrides). */
interface Place {
  line: number;
  column: number;
  /** The lines of the node's children: [from, to). */
  from: number;
  to: number;
  /** A sequence item's mapping that starts on the dash line: that line, read from this column. */
  inline?: { line: number; indent: number };
}

const KEY = /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s#'"{[\]&*!|>%@`,?:-][^#]*?|-[^\s#][^#]*?))[ \t]*:(?:[ \t]|$)/;

export function blockLocator(text: string, file: string): (pointer: string) => SourceLocation | undefined {
  const lines: Line[] = [];
  for (let start = 0; start <= text.length; ) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end;
    const body = text.slice(start, stop).replace(/\r$/, '');
    const indent = body.length - body.trimStart().length;
    const rest = body.slice(indent);
    lines.push({ start, indent: rest === '' || rest.startsWith('#') || /\t/.test(body.slice(0, indent)) ? -1 : indent });
    if (end === -1) break;
    start = end + 1;
  }
  const textAt = (line: number, column: number) => {
    const start = lines[line]!.start + column;
    const end = text.indexOf('\n', start);
    return text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '');
  };
  /** The indent a line counts with: a dash line's inline mapping reads from its content column. */
  const indentOf = (i: number, place: Place) => (place.inline?.line === i ? place.inline.indent : lines[i]!.indent);
  const firstContent = (place: Place) => {
    for (let i = place.inline?.line ?? place.from; i < place.to; i++) if (indentOf(i, place) >= 0) return i;
    return -1;
  };
  const isDash = (i: number, indent: number) => {
    const line = textAt(i, indent);
    return line === '-' || line.startsWith('- ');
  };
  /**
   * The end of the lines that belong to the entry on line `at`: those indented deeper, and for a mapping's key a
   * sequence written at the key's own indent (`allOf:` then `- ...` below it).
   */
  const endOf = (at: number, indent: number, to: number, compactSequence: boolean) => {
    let i = at + 1;
    while (i < to && (lines[i]!.indent === -1 || lines[i]!.indent > indent || (compactSequence && lines[i]!.indent === indent && isDash(i, indent)))) i++;
    return i;
  };

  const inMapping = (place: Place, key: string): Place | undefined => {
    const first = firstContent(place);
    if (first === -1) return undefined;
    const indent = indentOf(first, place);
    if (textAt(first, indent).startsWith('- ') || textAt(first, indent) === '-') return undefined;
    for (let i = first; i < place.to; i++) {
      if (indentOf(i, place) !== indent) {
        if (indentOf(i, place) !== -1 && indentOf(i, place) < indent) return undefined;
        continue;
      }
      // A sequence at a key's own indent is that key's value.
      if (i > first && isDash(i, indent)) continue;
      const m = KEY.exec(textAt(i, indent));
      if (!m) return undefined;
      const name = m[1] !== undefined ? unescapeDouble(m[1]) : m[2] !== undefined ? m[2].replace(/''/g, "'") : m[3]!.trimEnd();
      if (name !== key) continue;
      const after = textAt(i, indent).slice(m[0].length).trim();
      // A value on the key's line is a leaf (or flow): the pointer may end here, not go on.
      const to = endOf(i, indent, place.to, true);
      return after === '' || after.startsWith('#') || /^[|>][-+0-9]*\s*(#.*)?$/.test(after)
        ? { line: i, column: indent, from: i + 1, to }
        : { line: i, column: indent, from: to, to };
    }
    return undefined;
  };

  const inSequence = (place: Place, index: number): Place | undefined => {
    const first = firstContent(place);
    if (first === -1) return undefined;
    const indent = indentOf(first, place);
    let seen = -1;
    for (let i = first; i < place.to; i++) {
      if (indentOf(i, place) !== indent) {
        if (indentOf(i, place) !== -1 && indentOf(i, place) < indent) return undefined;
        continue;
      }
      const line = textAt(i, indent);
      if (!(line === '-' || line.startsWith('- '))) return undefined;
      if (++seen !== index) continue;
      const to = endOf(i, indent, place.to, false);
      const content = line.slice(1).length - line.slice(1).trimStart().length + 1;
      const rest = line.slice(content);
      if (rest === '' || rest.startsWith('#')) {
        // The item starts on the next line that has content.
        let at = i + 1;
        while (at < to && lines[at]!.indent === -1) at++;
        return at < to ? { line: at, column: lines[at]!.indent, from: i + 1, to } : undefined;
      }
      // `- key: value`: a mapping that starts on the dash line; `- value`: a leaf.
      return KEY.test(rest) && !rest.startsWith('- ') ? { line: i, column: indent + content, from: i + 1, to, inline: { line: i, indent: indent + content } } : { line: i, column: indent + content, from: to, to };
    }
    return undefined;
  };

  const root: Place = { line: 0, column: 0, from: 0, to: lines.length };
  return (pointer) => {
    const segments = parsePointer(pointer);
    if (segments === undefined) return undefined;
    if (text.startsWith('%') || /^---\s*\S/m.test(text.slice(0, 200))) return undefined;
    let place: Place | undefined = root;
    for (const segment of segments) {
      const first = firstContent(place);
      if (first === -1) return undefined;
      const head = textAt(first, indentOf(first, place));
      place = head === '-' || head.startsWith('- ') ? (/^\d+$/.test(segment) ? inSequence(place, Number(segment)) : undefined) : inMapping(place, segment);
      if (place === undefined) return undefined;
    }
    if (segments.length === 0) {
      const first = firstContent(root);
      if (first === -1) return undefined;
      return { file, pointer, line: first + 1, column: lines[first]!.indent + 1 };
    }
    return { file, pointer, line: place.line + 1, column: place.column + 1 };
  };
}

function unescapeDouble(s: string): string {
  try {
    return JSON.parse(`"${s}"`) as string;
  } catch {
    return s;
  }
}
