/**
 * The shape of the generator's import graph: no cycles; each stage imports only stages before it (or
 * beside it); and nothing outside a target's folder imports from it but the registry, so adding a
 * target is one folder plus one line in targets/registry.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/pipeline.js';

const GENERATOR = path.join(ROOT, 'generator');
const files = readdirSync(GENERATOR, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.ts'))
  .map((e) => path.relative(GENERATOR, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
  .sort();

/** Relative imports of a module (static, re-exports and dynamic), as paths of .ts files under generator/. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(GENERATOR, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|import\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
  return specifiers.map((s) => path.posix.normalize(path.posix.join(path.posix.dirname(file), s)).replace(/\.js$/, '.ts'));
}
const graph = new Map(files.map((f) => [f, importsOf(f)]));

/** The pipeline's order: a module may import modules of its own rank or lower. */
const RANKS: [RegExp, number][] = [
  [/^(errors|json-pointer|output|config-issues)\.ts$/, 0],
  [/^(inputs\.ts|load\/|write\/)/, 1],
  [/^validate\//, 2],
  [/^(escape|names|profiles)\//, 3],
  [/^(ir|render|typescript|stackql)\//, 4],
  [/^(targets|preview)\//, 5],
  [/^(config|pipeline|cache)\.ts$/, 6],
  [/^api\.ts$/, 7],
  [/^(index\.ts|cli\/)/, 8],
];
const rank = (file: string) => RANKS.find(([re]) => re.test(file))?.[1];

describe('the import graph of generator/', () => {
  it('resolves every relative import to a module, and ranks every module', () => {
    for (const [file, imports] of graph) {
      for (const target of imports) expect(files, `${file} imports ${target}`).toContain(target);
      expect(rank(file), `${file} has no rank in structure.test.ts`).toBeDefined();
    }
  });

  it('has no import cycle', () => {
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, chain: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...chain.slice(chain.indexOf(file)), file].join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...chain, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('has no import that runs back up the pipeline', () => {
    const upward = [...graph].flatMap(([file, imports]) => imports.filter((t) => rank(t)! > rank(file)!).map((t) => `${file} -> ${t}`));
    expect(upward).toEqual([]);
  });

  it("lets nothing outside a target's folder import from it but the registry (and plans.ts, the types of the plans)", () => {
    const targetOf = (file: string) => /^targets\/([^/]+)\//.exec(file)?.[1];
    const crossing = [...graph].flatMap(([file, imports]) =>
      imports.filter((t) => targetOf(t) !== undefined && targetOf(t) !== targetOf(file) && file !== 'targets/registry.ts' && file !== 'targets/plans.ts').map((t) => `${file} -> ${t}`),
    );
    expect(crossing).toEqual([]);
  });
});
