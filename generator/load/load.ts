/**
 * Stage 1, load: read a spec file and parse it (YAML 1.2, which also reads JSON) with the `yaml`
 * library, keeping source positions so later stages can point at a line for a JSON pointer.
 * This and the write stage are the only stages that touch the file system.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument, isMap, isSeq, isPair, isScalar, type Node as YamlNode } from 'yaml';
import { SpecloomError, type SourceLocation } from '../errors.js';
import { parsePointer } from '../json-pointer.js';

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
}

export async function loadSpecFile(file: string, cwd: string): Promise<LoadedSpec> {
  const absolutePath = path.resolve(cwd, file);
  let text: string;
  try {
    text = await readFile(absolutePath, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SpecloomError(
      code === 'ENOENT' ? 'spec file not found' : `cannot read the spec file (${code ?? 'unknown error'})`,
      { file },
      'Pass an OpenAPI 3.0 or 3.1 document with --spec FILE, or set "spec" in specloom.config.',
    );
  }
  return parseSpecText(text, file, absolutePath);
}

/** Parses spec text; pure apart from nothing: used by tests and by loadSpecFile. */
export function parseSpecText(text: string, file: string, absolutePath = file): LoadedSpec {
  const lineCounter = new LineCounter();
  // uniqueKeys: a duplicated key in a spec is an error people want to hear about.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2' });
  const firstError = doc.errors[0];
  if (firstError) {
    const pos = lineCounter.linePos(firstError.pos[0]);
    throw new SpecloomError(
      `${file.endsWith('.json') ? 'invalid JSON' : 'invalid YAML'}: ${firstReasonLine(firstError.message)}`,
      { file, line: pos.line, column: pos.col },
      'Fix the syntax at that position; the rest of the file was not read.',
    );
  }
  const document = doc.toJS({ maxAliasCount: 1000 }) as unknown;
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw new SpecloomError(
      'the document is not an object: expected an OpenAPI document with "openapi", "info" and "paths"',
      { file, line: 1, column: 1 },
    );
  }
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
  return { file, absolutePath, text, document: document as Record<string, unknown>, locate };
}

function firstReasonLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
