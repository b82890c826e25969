/**
 * Stage 1, load: parse the spec text (read by inputs.ts) as YAML 1.2, which also reads JSON, with the `yaml`
 * library, keeping source positions so later stages can point at a line for a JSON pointer.
 * This and the write stage are the only stages that touch the file system.
 */
import jsYaml from 'js-yaml';
import { LineCounter, parseDocument, isMap, isSeq, isPair, isScalar, type Node as YamlNode } from 'yaml';
import { parse as parseJsonc, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { SpecloomError, type SourceLocation } from '../errors.js';
import { parsePointer } from '../json-pointer.js';
import { blockLocator } from './block-locator.js';

export interface LoadedSpec {
  /** The path as the user gave it (for messages). */
  file: string;
  /** Absolute path (for resolving relative $refs). */
  absolutePath: string;
  text: string;
  /** The parsed document as plain JSON data. */
  document: Record<string, unknown>;
  /** Where a JSON pointer ("#/paths/...") sits in the source, as far as it can be found. */
  locate(pointer: string): SourceLocation;
  /** For a StackQL provider (load/provider.ts): the service specs merged into `document`. */
  services?: readonly LoadedSpec[];
}

/**
 * Parses spec text. JSON is parsed strictly with JSON.parse (YAML would accept `{"a": }`), and its
 * source positions are only computed, with the yaml parser, when an error needs one.
 */
export function parseSpecText(text: string, file: string, absolutePath = file): LoadedSpec {
  const isJson = /\.json$/i.test(file) || /^\s*[{[]/.test(text) && !/\.ya?ml$/i.test(file);
  if (isJson) {
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      // JSON.parse's messages carry no position on every Node version: ask jsonc-parser where.
      const errors: ParseError[] = [];
      parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false });
      const first = errors[0];
      const pos = lineCounterOf(text).linePos(first?.offset ?? 0);
      const reason = first ? printParseErrorCode(first.error) : 'not valid JSON';
      throw new SpecloomError(`invalid JSON: ${reason}`, { file, line: pos.line, column: pos.col }, 'Fix the syntax at that position; the rest of the file was not read.');
    }
    let jsonLocate: ((pointer: string) => SourceLocation) | undefined;
    return {
      file,
      absolutePath,
      text,
      document: checkObject(document, file),
      locate: (pointer) => (jsonLocate ??= jsonLocator(text, file))(pointer),
    };
  }
  const fast = fastYaml(text);
  if (fast !== undefined) {
    // Locations by indentation where the layout allows (block-locator.ts), else from the yaml library's parse.
    let blockLocate: ((pointer: string) => SourceLocation | undefined) | undefined;
    let yamlLocate: ((pointer: string) => SourceLocation) | undefined;
    const locate = (pointer: string) => (blockLocate ??= blockLocator(text, file))(pointer) ?? (yamlLocate ??= parseYaml(text, file).locate)(pointer);
    return { file, absolutePath, text, document: checkObject(fast, file), locate };
  }
  const { document, locate } = parseYaml(text, file);
  return { file, absolutePath, text, document: checkObject(document, file), locate };
}

/**
 * YAML read by js-yaml under the YAML 1.2 core schema: the same data as the yaml library's, four to six times faster
 * (a 1.4 MB service spec of a StackQL provider: 70 ms against 380 ms). Undefined when it does not parse (a syntax
 * error, a duplicate key), may hold a tag or a binary number, or when an alias shares an object (the yaml library then
 * reads it, with its alias limit): the yaml library's messages and locations apply to those. Source positions come
 * from the yaml library too, on the first warning or error that needs one.
 */
function fastYaml(text: string): unknown {
  // Where the two differ: a tag (`!!float 1`), and `0b101`, a string in YAML 1.2's core schema but a number to js-yaml.
  if (/(?:^|[\s[{,])(?:!|[-+]?0b[01])/m.test(text)) return undefined;
  let document: unknown;
  try {
    document = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA });
  } catch {
    return undefined;
  }
  return sharesObjects(document) ? undefined : document;
}

/** Whether an object or array is reachable twice (what an alias of a mapping or sequence makes). */
function sharesObjects(root: unknown): boolean {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (seen.has(node)) return true;
    seen.add(node);
    for (const value of Array.isArray(node) ? node : Object.values(node)) if (value !== null && typeof value === 'object') stack.push(value);
  }
  return false;
}

/**
 * Source positions in a JSON spec, from jsonc-parser's syntax tree: built once, on the first warning or error
 * that needs one (a tenth of the time the yaml parser takes on the 1.3 MB full Linode spec).
 */
function jsonLocator(text: string, file: string): (pointer: string) => SourceLocation {
  const root = parseTree(text, [], { disallowComments: true, allowTrailingComma: false });
  const lineCounter = lineCounterOf(text);
  return (pointer) => {
    let node: JsonNode | undefined = root;
    let offset = root?.offset;
    for (const seg of parsePointer(pointer) ?? []) {
      if (node?.type === 'object') {
        const property: JsonNode | undefined = node.children?.find((p) => p.children?.[0]?.value === seg);
        if (!property) break;
        offset = property.children![0]!.offset;
        node = property.children![1];
      } else if (node?.type === 'array') {
        const item: JsonNode | undefined = node.children?.[Number(seg)];
        if (!item) break;
        offset = item.offset;
        node = item;
      } else break;
    }
    if (offset === undefined) return { file, pointer };
    const { line, col } = lineCounter.linePos(offset);
    return { file, pointer, line, column: col };
  };
}

/** Line starts of a text that was not parsed by the yaml library, for its offset-to-line lookup. */
function lineCounterOf(text: string): LineCounter {
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (const m of text.matchAll(/\n/g)) lineCounter.addNewLine(m.index! + 1);
  return lineCounter;
}

function checkObject(document: unknown, file: string): Record<string, unknown> {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw new SpecloomError(
      'the document is not an object: expected an OpenAPI document with "openapi", "info" and "paths"',
      { file, line: 1, column: 1 },
    );
  }
  return document as Record<string, unknown>;
}

function parseYaml(text: string, file: string): { document: unknown; locate: (pointer: string) => SourceLocation } {
  const lineCounter = new LineCounter();
  // uniqueKeys: a duplicated key in a spec is an error people want to hear about.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2' });
  const firstError = doc.errors[0];
  if (firstError) {
    const pos = lineCounter.linePos(firstError.pos[0]);
    throw new SpecloomError(
      `invalid YAML: ${firstReasonLine(firstError.message)}`,
      { file, line: pos.line, column: pos.col },
      'Fix the syntax at that position; the rest of the file was not read.',
    );
  }
  const document = doc.toJS({ maxAliasCount: 1000 }) as unknown;
  const locate = (pointer: string): SourceLocation => {
    const segments = parsePointer(pointer) ?? [];
    let node: unknown = doc.contents;
    let offset: number | undefined = (doc.contents as YamlNode | null)?.range?.[0];
    for (const seg of segments) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === seg);
        if (!pair) break;
        offset = (pair.key as YamlNode).range?.[0] ?? offset;
        node = pair.value;
      } else if (isSeq(node)) {
        const item = node.items[Number(seg)];
        if (item === undefined) break;
        offset = (item as YamlNode).range?.[0] ?? offset;
        node = item;
      } else break;
    }
    if (offset === undefined) return { file, pointer };
    const { line, col } = lineCounter.linePos(offset);
    return { file, pointer, line, column: col };
  };
  return { document, locate };
}

function firstReasonLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
