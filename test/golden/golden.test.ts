/**
 * Golden snapshots: every file generated from each fixture spec, compared byte for byte with
 * test/golden/__golden__/<fixture>/, except the runtimes copied as they are (the client's, the mocks'), which
 * are compared with their templates and so snapshotted there, once. Review changes with `git diff`; accept them with `npx vitest run -u`.
 * The Linode spec's golden output is generated/ itself (see cli.test.ts: generate --check).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { staticTemplateOf } from '../helpers/golden.js';
import { fixture, generateFromText } from '../helpers/pipeline.js';

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
