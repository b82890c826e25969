/**
 * Golden snapshots: every file generated from each fixture spec, compared byte for byte with
 * test/golden/__golden__/<fixture>/. Review changes with `git diff`; accept them with `npx vitest run -u`.
 * The Linode spec's golden output is generated/ itself (see cli.test.ts: generate --check).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture, generateFromText } from '../helpers/pipeline.js';

const fixtures = readdirSync(fixture('')).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();

describe.each(fixtures)('golden output of %s', (name) => {
  it('matches every file byte for byte', async () => {
    const { files } = await generateFromText(readFileSync(fixture(name), 'utf8'), `test/fixtures/${name}`);
    expect(files.map((f) => f.path)).toMatchSnapshot();
    for (const file of files) {
      await expect(file.content).toMatchFileSnapshot(`./__golden__/${name.replace(/\.\w+$/, '')}/${file.path}`);
    }
  });
});
