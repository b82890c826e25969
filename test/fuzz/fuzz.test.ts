/**
 * Fuzzing with fast-check: random specs, valid and mutated. For each, specloom either generates
 * output whose TypeScript parses (the emitter checks it), whose JSON parses and whose docs pages
 * compile as MDX, or fails with a SpecloomError (exit 2 in the CLI); never another exception,
 * never a hang. `npm test` runs a bounded number of cases; `npm run fuzz` runs more
 * (FUZZ_RUNS=500 npm run fuzz). A failure prints the seed and the shrunk spec to replay.
 */
import fc from 'fast-check';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { SpecloomError } from '../../generator/errors.js';
import { analyzePage } from '../docs/mdx.js';
import { generateFromText } from '../helpers/pipeline.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 30);
// A fixed seed in `npm test`, so a run is repeatable; `npm run fuzz` sets FUZZ_SEED=random.
const SEED = process.env['FUZZ_SEED'] === 'random' ? Date.now() : Number(process.env['FUZZ_SEED'] ?? 20261124);
const CASE_TIMEOUT_MS = 20_000;

const hostile = fc.constantFrom('*/', '${x}', '`', "'", '"', '{{x}}', '{', '}', '<script>alert(1)</script>', '\nimport x from "y"\n', '\nexport default 1\n', '|', '\\', '\u2028', 'a: b\n- c', '#', '__proto__', 'constructor');
const word = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/), fc.constantFrom('delete', 'class', 'default', 'function', '1st', 'a-b', 'a.b', 'a b', '__proto__', 'constructor', 'Page'));
const text = fc.array(fc.oneof(fc.lorem({ maxCount: 3 }), hostile), { maxLength: 4 }).map((parts) => parts.join(' '));

const scalarSchema = fc.oneof(
  fc.record({ type: fc.constantFrom('string', 'integer', 'number', 'boolean') }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('string'), enum: fc.array(fc.oneof(word, hostile), { minLength: 1, maxLength: 4 }) }),
  fc.record({ type: fc.constant('string'), format: fc.constantFrom('date-time', 'uuid', 'oauth-scopes'), nullable: fc.boolean(), readOnly: fc.boolean() }),
);
const schema: fc.Arbitrary<Record<string, unknown>> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalarSchema,
    fc.record({ type: fc.constant('array'), items: tie('node') }),
    fc.record({
      type: fc.constant('object'),
      description: text,
      properties: fc.dictionary(fc.oneof(word, hostile), tie('node'), { maxKeys: 4 }),
      required: fc.array(word, { maxLength: 2 }),
    }),
  ),
})).node as fc.Arbitrary<Record<string, unknown>>;

const operation = (pathParams: string[]) =>
  fc.record(
    {
      operationId: fc.oneof(word, fc.constant('same-id')),
      summary: text,
      description: text,
      tags: fc.array(fc.oneof(word, hostile), { maxLength: 1 }),
      parameters: fc.array(fc.record({ name: word, in: fc.constantFrom('query', 'header'), schema: scalarSchema, description: text }), { maxLength: 3 }).map((ps) => [
        ...pathParams.map((name) => ({ name, in: 'path', required: true, schema: { type: 'integer' } })),
        ...ps,
      ]),
      requestBody: fc.record({ required: fc.boolean(), content: fc.record({ 'application/json': fc.record({ schema }) }) }),
      responses: fc.record({ '200': fc.record({ description: text, content: fc.record({ 'application/json': fc.record({ schema }) }) }) }),
    },
    { requiredKeys: ['responses', 'parameters'] },
  );

const pathEntry = fc
  .tuple(fc.array(word, { minLength: 1, maxLength: 3 }), fc.boolean())
  .chain(([segments, item]) => {
    const params = item ? ['id'] : [];
    const p = '/' + segments.map((s) => encodeURIComponent(s)).join('/') + (item ? '/{id}' : '');
    return fc.record({ get: operation(params), post: operation(params), put: operation(params), delete: operation(params) }, { requiredKeys: [] }).map((ops) => [p, ops] as const);
  });

const validSpec = fc.record({
  openapi: fc.constantFrom('3.0.3', '3.1.0'),
  info: fc.record({ title: fc.oneof(word, text), version: fc.constantFrom('1.0.0', '2', "1'0") }),
  paths: fc.array(pathEntry, { maxLength: 4 }).map((entries) => Object.fromEntries(entries)),
  components: fc.record({ schemas: fc.dictionary(word, schema, { maxKeys: 3 }) }),
});

/** Mutations that break a valid spec in the ways real specs break. */
const mutated = fc.tuple(validSpec, fc.constantFrom('delete-openapi', 'swagger', 'dangling-ref', 'bad-types', 'truncate', 'none')).map(([spec, how]) => {
  const s = structuredClone(spec) as Record<string, any>;
  switch (how) {
    case 'delete-openapi': delete s['openapi']; break;
    case 'swagger': s['swagger'] = '2.0'; delete s['openapi']; break;
    case 'dangling-ref': s['paths']['/dangling'] = { get: { responses: { '200': { description: 'x', content: { 'application/json': { schema: { $ref: '#/components/schemas/Nope' } } } } } } }; break;
    case 'bad-types': s['paths'] = { '/x': { get: { parameters: 'nope', responses: 42 } } }; break;
    case 'truncate': return YAML.stringify(s).slice(0, 40);
  }
  return YAML.stringify(s);
});

async function check(text: string): Promise<void> {
  let result;
  try {
    result = await Promise.race([
      generateFromText(text, 'fuzz.yaml'),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`hang: no answer in ${CASE_TIMEOUT_MS} ms`)), CASE_TIMEOUT_MS)),
    ]);
  } catch (err) {
    if (err instanceof SpecloomError) {
      // An error about the spec names it; one naming a template is a specloom bug.
      expect(err.format(), err.format()).toMatch(/^fuzz\.yaml/);
      return;
    }
    throw err;
  }
  for (const file of result.files) {
    if (file.path.endsWith('.json')) JSON.parse(file.content);
    if (file.path.startsWith('docs/')) await analyzePage(file.content);
  }
}

describe('fuzzing', () => {
  it(`${RUNS} random valid specs generate, or fail with a clear error`, async () => {
    await fc.assert(fc.asyncProperty(validSpec, (spec) => check(YAML.stringify(spec))), { numRuns: RUNS, seed: SEED, endOnFailure: true });
  }, RUNS * CASE_TIMEOUT_MS);

  it(`${RUNS} mutated specs generate, or fail with a clear error`, async () => {
    await fc.assert(fc.asyncProperty(mutated, (text) => check(text)), { numRuns: RUNS, seed: SEED, endOnFailure: true });
  }, RUNS * CASE_TIMEOUT_MS);
});
