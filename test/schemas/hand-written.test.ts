/**
 * The generated PersonalAccessTokenCreateBodySchema beside the hand-kept one Linode ships
 * (@linode/validation's createPersonalAccessTokenSchema, yup), over the same generated inputs (fast-check,
 * fixed seed): where they disagree and why, field by field. The table goes to
 * test-output/validation-compare.md; every disagreement must be one of the reasons listed here.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as linodeValidation from '@linode/validation';
import { PersonalAccessTokenCreateBodySchema } from '../../generated/client/src/schemas.js';
import { ROOT } from '../helpers/pipeline.js';

const field = <T>(values: fc.Arbitrary<T>) => fc.option(values, { nil: undefined, freq: 3 });
const input = fc.record(
  {
    label: field(fc.oneof(fc.string({ maxLength: 8 }), fc.string({ minLength: 95, maxLength: 110 }), fc.constant(''), fc.integer(), fc.constant(null))),
    expiry: field(fc.oneof(fc.constantFrom('2018-01-01T00:01:01', '2030-01-01T00:00:00Z', '2030-01-01', 'next week', ''), fc.constant(null), fc.integer())),
    scopes: field(fc.oneof(fc.constantFrom('*', 'linodes:read_only', 'account:read_write linodes:read_only', ''), fc.integer(), fc.constant(null))),
    note: field(fc.string({ maxLength: 4 })),
  },
  { requiredKeys: [] },
);

/** A disagreement's reason: the one field whose value one schema accepts and the other refuses. */
const REASONS: Record<string, string> = {
  'label:number': 'yup casts a number to a string; the spec says a label is a string',
  'expiry:string': 'the spec says expiry is a date-time; yup takes any string',
  'expiry:null': 'the spec says expiry is nullable (a token that never expires); yup refuses null',
  'expiry:number': 'yup casts a number to a string; the spec says a date-time string',
  'scopes:number': 'yup casts a number to a string; the spec says a string',
  'note:string': 'the spec closes the body (additionalProperties: false); yup lets unknown keys through',
};

// The package's type declarations do not resolve under NodeNext (its exports map has no types condition).
const { createPersonalAccessTokenSchema } = linodeValidation as unknown as { createPersonalAccessTokenSchema: { isValidSync(value: unknown): boolean } };

const kind = (v: unknown) => (v === null ? 'null' : typeof v);

describe('PersonalAccessTokenCreateBodySchema beside @linode/validation', () => {
  it('disagrees only for reasons the spec and the hand-kept schema explain', () => {
    const samples = fc.sample(input, { seed: 20261201, numRuns: 2000 });
    const rows = new Map<string, { zodOnly: number; yupOnly: number; example: unknown }>();
    let agree = 0;
    const accepts = (value: unknown) => ({ zod: PersonalAccessTokenCreateBodySchema.safeParse(value).success, yup: createPersonalAccessTokenSchema.isValidSync(value) });
    for (const sample of samples) {
      const value = Object.fromEntries(Object.entries(sample).filter(([, v]) => v !== undefined));
      const both = accepts(value);
      if (both.zod === both.yup) {
        agree++;
        continue;
      }
      // The field that makes the difference: alone, it splits the two schemas the same way.
      const culprit = Object.entries(value).find(([k, v]) => {
        const alone = accepts({ [k]: v });
        return alone.zod === both.zod && alone.yup === both.yup;
      });
      const key = culprit ? `${culprit[0]}:${kind(culprit[1])}` : 'several fields';
      const row = rows.get(key) ?? { zodOnly: 0, yupOnly: 0, example: value };
      if (both.zod) row.zodOnly++;
      else row.yupOnly++;
      rows.set(key, row);
    }
    const table = [
      '| field: value | accepted by the generated schema only | accepted by @linode/validation only | why | example |',
      '| --- | --- | --- | --- | --- |',
      ...[...rows].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, r]) => `| ${key} | ${r.zodOnly} | ${r.yupOnly} | ${REASONS[key] ?? '?'} | \`${JSON.stringify(r.example).slice(0, 60)}\` |`),
      '',
      `${samples.length} inputs, ${agree} judged alike.`,
    ].join('\n');
    mkdirSync(path.join(ROOT, 'test-output'), { recursive: true });
    writeFileSync(path.join(ROOT, 'test-output/validation-compare.md'), table + '\n');
    expect([...rows.keys()].filter((k) => REASONS[k] === undefined), table).toEqual([]);
    expect(rows.size).toBeGreaterThan(0);
  });
});
