/**
 * The generated pages as a whole: golden snapshots (spec/linode-tokens.yaml, the reference StackQL
 * provider spec, the hostile acme fixture), and for every page of every spec: it compiles with
 * @mdx-js/mdx, its front matter and every Manifest block parse as YAML, and every in-page `#anchor`
 * points at an id the page has.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { fixture } from '../helpers/pipeline.js';
import { ACME, docsOf, LINODE, REFERENCE } from './helpers.js';
import { analyzePage } from './mdx.js';

const SPECS: [string, string][] = [
  ['linode-tokens', LINODE],
  ['profile-provider', REFERENCE],
  ['acme', ACME],
  ...readdirSync(fixture('')).filter((f) => /\.ya?ml$/.test(f)).sort().map((f): [string, string] => [`fixture-${f.replace(/\.\w+$/, '')}`, fixture(f)]),
];
const GOLDEN = new Set(['linode-tokens', 'profile-provider', 'acme']);

describe.each(SPECS)('docs of %s', (name, spec) => {
  const docs = docsOf(spec);

  // The fixtures' pages are golden in test/golden (the whole pipeline's output); these specs are the docs' own.
  if (GOLDEN.has(name)) {
    it('match the golden pages byte for byte', async () => {
      const { files } = await docs;
      for (const file of files) await expect(file.content).toMatchFileSnapshot(`./__golden__/${name}/${file.path}`);
    });
  }

  it('has the reference layout: docs/index.md, services/<svc>/index.md, services/<svc>/<resource>/index.md', async () => {
    const { files, plan } = await docs;
    const expected = ['docs/index.md', ...plan.services.flatMap((s) => [s.file, ...s.resources.map((r) => r.file)])].sort();
    expect(files.map((f) => f.path)).toEqual(expected);
    for (const f of files) expect(f.path).toMatch(/^docs\/(index\.md|services\/[A-Za-z0-9_-]+\/(index\.md|[A-Za-z0-9_-]+\/index\.md))$/);
  });

  it('every page compiles with @mdx-js/mdx, its YAML parses and its in-page links resolve', async () => {
    const { files } = await docs;
    for (const file of files) {
      const facts = await analyzePage(file.content).catch((e: Error) => {
        throw new Error(`${file.path} does not compile: ${e.message}`);
      });
      expect(facts.frontMatter['title'], file.path).toBeTypeOf('string');
      const ids = [...facts.headings.map((h) => h.id), ...facts.explicitIds];
      expect(new Set(ids).size, `${file.path}: duplicate ids`).toBe(ids.length);
      const dead = facts.anchors.filter((a) => !ids.includes(a));
      expect(dead, `${file.path}: links to missing anchors`).toEqual([]);
      for (const block of facts.codeBlocks.filter((b) => b.lang === 'yaml')) {
        const parsed = YAML.parse(block.value) as { name: string; props: { name: string; value: string }[] }[];
        expect(Array.isArray(parsed), file.path).toBe(true);
        for (const r of parsed) {
          expect(r.name).toBeTypeOf('string');
          for (const p of r.props) expect([typeof p.name, typeof p.value]).toEqual(['string', 'string']);
        }
      }
      // No raw HTML comment, no unescaped expression survives into the tree.
      expect(JSON.stringify(facts.tree)).not.toMatch(/"type":"mdx(Flow|Text)Expression"/);
    }
  });
});
