/**
 * `tsc --noEmit` under the generated packages' own strict settings (strict,
 * exactOptionalPropertyTypes, noUncheckedIndexedAccess, verbatimModuleSyntax): over generated/client
 * and over the golden output of every fixture spec.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOLDEN, goldenOutput } from './helpers/golden.js';
import { ROOT, tsc } from './helpers/pipeline.js';

/** generated/client, and each fixture's golden client with its runtime put back (see helpers/golden.ts). */
const packages: [string, () => string][] = [
  ['generated/client', () => path.join(ROOT, 'generated/client')],
  ...readdirSync(GOLDEN).sort().map((name): [string, () => string] => [`test/golden/__golden__/${name}/client`, () => path.join(goldenOutput(name), 'client')]),
];

describe('the tests type-check (so their @ts-expect-error lines are real type tests)', () => {
  it('tsc --noEmit -p tsconfig.test.json', () => {
    const { code, output } = tsc(['--noEmit', '-p', path.join(ROOT, 'tsconfig.test.json')]);
    expect(output).toBe('');
    expect(code).toBe(0);
  }, 120_000);
});

describe('generated clients type-check', () => {
  it.each(packages)('tsc --noEmit -p %s', (_name, dir) => {
    const { code, output } = tsc(['--noEmit', '-p', path.join(dir(), 'tsconfig.json')]);
    expect(output).toBe('');
    expect(code).toBe(0);
  }, 120_000);
});
