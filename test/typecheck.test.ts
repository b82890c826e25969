/**
 * `tsc --noEmit` under the generated packages' own strict settings (strict,
 * exactOptionalPropertyTypes, noUncheckedIndexedAccess, verbatimModuleSyntax): over generated/client
 * and over the golden output of every fixture spec.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tsc } from './helpers/pipeline.js';

const goldenRoot = path.join(ROOT, 'test/golden/__golden__');
const packages = [
  'generated/client',
  ...readdirSync(goldenRoot).sort().map((name) => `test/golden/__golden__/${name}/client`),
];

describe('the tests type-check (so their @ts-expect-error lines are real type tests)', () => {
  it('tsc --noEmit -p tsconfig.test.json', () => {
    const { code, output } = tsc(['--noEmit', '-p', path.join(ROOT, 'tsconfig.test.json')]);
    expect(output).toBe('');
    expect(code).toBe(0);
  }, 120_000);
});

describe('generated clients type-check', () => {
  it.each(packages)('tsc --noEmit -p %s', (dir) => {
    const { code, output } = tsc(['--noEmit', '-p', path.join(ROOT, dir, 'tsconfig.json')]);
    expect(output).toBe('');
    expect(code).toBe(0);
  }, 120_000);
});
