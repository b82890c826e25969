/**
 * Golden snapshots: every file generated from each fixture spec, compared byte for byte with
 * test/golden/__golden__/<fixture>/, except the runtimes copied as they are (the client's, the mocks'), which
 * are compared with their templates and so snapshotted there, once. Review changes with `git diff`; accept them with `npx vitest run -u`.
 * The Linode spec's golden output is generated/ itself (see cli.test.ts: generate --check).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOLDEN, staticTemplateOf } from '../helpers/golden.js';
import { ROOT, fixture, generateFromText, runCli } from '../helpers/pipeline.js';

const fixtures = readdirSync(fixture('')).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();

describe.each(fixtures)('golden output of %s', (name) => {
  it('matches every file byte for byte', async () => {
    const { files } = await generateFromText(readFileSync(fixture(name), 'utf8'), `test/fixtures/${name}`);
    expect(files.map((f) => f.path)).toMatchSnapshot();
    const dir = `./__golden__/${name.replace(/\.\w+$/, '')}`;
    for (const file of files) {
      // The runtimes are copied as they are: every fixture's copy must be the template, byte for byte.
      const template = staticTemplateOf(file.path);
      if (template !== undefined) expect(file.content, file.path).toBe(readFileSync(template, 'utf8'));
      else await expect(file.content).toMatchFileSnapshot(`${dir}/${file.path}`);
    }
    // A golden file the fixture no longer generates would hide that the output lost it.
    const onDisk = path.join(import.meta.dirname, dir);
    const kept = existsSync(onDisk)
      ? readdirSync(onDisk, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(onDisk, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
      : [];
    const generated = new Set(files.filter((f) => staticTemplateOf(f.path) === undefined).map((f) => f.path));
    expect(kept.filter((f) => !generated.has(f)), `stale golden files in test/golden/${dir.slice(2)}: delete them`).toEqual([]);
  });
});

/**
 * The tests above run the generator from source, compiling the templates as they go. The built CLI runs the
 * templates compiled at build time (render/precompile.ts) and keeps the built-in templates' TypeScript as
 * rendered: it must write the same bytes.
 */
describe('the build', () => {
  const templatesDir = path.join(ROOT, 'templates');
  const builtIn = readdirSync(templatesDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.hbs'))
    .map((e) => path.relative(templatesDir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));

  it('has every built-in template precompiled, from its current text', () => {
    const table = createRequire(import.meta.url)(path.join(ROOT, 'dist/generator/render/precompiled-templates.cjs')) as Record<string, { source: string }>;
    expect(Object.keys(table).sort()).toEqual([...builtIn].sort());
    for (const rel of builtIn) expect(table[rel]!.source, rel).toBe(readFileSync(path.join(templatesDir, rel), 'utf8'));
  });

  it.each(fixtures)('writes the golden files of %s', (name) => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'specloom-build-'));
    try {
      expect(runCli(['generate', '--quiet', '--no-cache', '--spec', fixture(name), '--out', 'out'], { cwd }).code).toBe(0);
      const dir = path.join(GOLDEN, name.replace(/\.\w+$/, ''));
      const golden = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
      expect(golden.length).toBeGreaterThan(5);
      for (const rel of golden) expect(readFileSync(path.join(cwd, 'out', rel), 'utf8'), rel).toBe(readFileSync(path.join(dir, rel), 'utf8'));
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
