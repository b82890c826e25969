/**
 * The schemas target: Zod schemas that agree with the model types (tsc, both ways), accept every example of
 * the spec, translate or drop what JavaScript cannot compile, and validate requests and responses when the
 * client is asked to.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isIdentifier } from '../../generator/names/naming.js';
import { javascriptPattern } from '../../generator/ir/patterns.js';
import { objectProperties, schemaTable } from '../../generator/ir/resolve.js';
import { GOLDEN, goldenOutput } from '../helpers/golden.js';
import { fixture, generateFromText, modelOf, ROOT, tsc } from '../helpers/pipeline.js';
import { createClientContext, request, ValidationError } from '../../templates/client/src/core/runtime.js';
import { SECRET_TOKEN, testDefaults, useFaultServer } from '../runtime/fault-server.js';

/** generated/client (copied next to the repository's node_modules, where zod is) and each fixture's golden client. */
function packages(): [string, string][] {
  mkdirSync(path.join(ROOT, 'test-output'), { recursive: true });
  const generated = mkdtempSync(path.join(ROOT, 'test-output', 'schemas-generated-'));
  cpSync(path.join(ROOT, 'generated/client'), path.join(generated, 'client'), { recursive: true });
  return [['generated (linode-tokens)', path.join(generated, 'client')], ...readdirSync(GOLDEN).sort().map((name): [string, string] => [name, path.join(goldenOutput(name), 'client')])];
}

/** The model types that have a schema: `XSchema` beside an exported type `X`. */
function pairs(dir: string): string[] {
  const schemas = [...readFileSync(path.join(dir, 'src/schemas.ts'), 'utf8').matchAll(/^export const (\w+)Schema = /gm)].map((m) => m[1]!);
  const models = new Set([...readFileSync(path.join(dir, 'src/models.ts'), 'utf8').matchAll(/^export (?:type|interface) (\w+)/gm)].map((m) => m[1]!));
  return schemas.filter((name) => models.has(name));
}

describe('schemas and model types agree', () => {
  it.each(packages())('%s: z.output of each schema is its model type, and each model type is a z.input of its schema', (_name, dir) => {
    const names = pairs(dir);
    expect(names.length).toBeGreaterThan(0);
    writeFileSync(
      path.join(dir, 'src/schema-agreement.ts'),
      `import type { z } from 'zod';\nimport type * as M from './models.js';\nimport type * as S from './schemas.js';\n\n` +
        names
          .map((n) => `export const ${n}Out: M.${n} = null as unknown as z.output<typeof S.${n}Schema>;\nexport const ${n}In: z.input<typeof S.${n}Schema> = null as unknown as M.${n};\n`)
          .join(''),
    );
    const { code, output } = tsc(['--noEmit', '-p', path.join(dir, 'tsconfig.json')]);
    expect(output).toBe('');
    expect(code).toBe(0);
  }, 120_000);
});

describe('every example of the spec passes its schema', () => {
  it.each([
    ['linode-tokens', path.join(ROOT, 'spec/linode-tokens.yaml'), path.join(ROOT, 'generated/client/src/schemas.ts')],
    ...['openapi-31'].map((name): [string, string, string] => [name, fixture(`${name}.yaml`), path.join(goldenOutput(name), 'client/src/schemas.ts')]),
  ])('%s', async (_name, spec, schemasFile) => {
    const { model } = await modelOf(spec);
    const table = schemaTable(model.schemas);
    const schemas = (await import(schemasFile)) as Record<string, z.ZodType>;
    let checked = 0;
    for (const component of model.schemas) {
      const schema = schemas[`${component.name}Schema`] as (z.ZodType & { shape?: Record<string, z.ZodType> }) | undefined;
      if (!schema || !isIdentifier(`${component.name}Schema`)) continue;
      // The schema's own examples, whole; each property's examples, against the property's schema.
      for (const example of component.schema.examples) {
        expect(schema.safeParse(example).error?.issues ?? [], `${component.name}: ${JSON.stringify(example)}`).toEqual([]);
        checked++;
      }
      for (const p of objectProperties(component.schema, table)) {
        const property = schema.shape?.[p.name];
        for (const example of property ? p.schema.examples : []) {
          expect(property!.safeParse(example).error?.issues ?? [], `${component.name}.${p.name}: ${JSON.stringify(example)}`).toEqual([]);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("accepts Linode's date-times, which carry no offset, and ones with an offset", async () => {
    const { PersonalAccessTokenSchema } = (await import(path.join(ROOT, 'generated/client/src/schemas.ts'))) as Record<string, z.ZodType>;
    for (const created of ['2018-01-01T00:01:01', '2018-01-01T00:01:01Z', '2018-01-01T00:01:01.123+02:00']) {
      expect(PersonalAccessTokenSchema!.safeParse({ created }).success, created).toBe(true);
    }
    expect(PersonalAccessTokenSchema!.safeParse({ created: 'yesterday' }).success).toBe(false);
    expect(PersonalAccessTokenSchema!.safeParse({ label: '' }).success).toBe(false);
    expect(PersonalAccessTokenSchema!.safeParse({ unknown: 1 }).success).toBe(false); // additionalProperties: false
  });
});

describe('patterns', () => {
  it("translates Ruby's and Python's anchors, keeps escaped ones, and refuses what JavaScript cannot compile", () => {
    expect(javascriptPattern('\\A[a-z]+\\Z')).toBe('^[a-z]+$');
    expect(javascriptPattern('\\A\\d{3}\\z')).toBe('^\\d{3}$');
    expect(javascriptPattern('a\\\\A')).toBe('a\\\\A'); // an escaped backslash, then A
    expect(javascriptPattern('(?<name>x)(?P<bad>y)')).toBeUndefined();
  });

  it('leaves out a pattern that does not compile, with a warning naming its pointer, and never writes a schema that throws', async () => {
    const spec = `openapi: 3.0.3
info: { title: Odd, version: '1' }
paths:
  /things:
    get:
      operationId: listThings
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Thing' }
components:
  schemas:
    Thing:
      type: object
      properties:
        code: { type: string, pattern: '(?P<x>a)' }
        slug: { type: string, pattern: '\\A[a-z-]+\\Z' }
        when: { type: string, format: 'fortnight' }
        note: { type: string, description: "*/ alert(1) /* '; process.exit(1)" }
`;
    const { files, warnings } = await generateFromText(spec, 'odd.yaml', { targets: ['client', 'schemas'] });
    const text = files.find((f) => f.path === 'client/src/schemas.ts')!.content;
    expect(text).toContain("slug: z.string().regex(new RegExp('^[a-z-]+$')).exactOptional()");
    expect(text).toContain('code: z.string().exactOptional()');
    expect(warnings.map((w) => [w.pointer, w.message])).toEqual(
      expect.arrayContaining([
        ['#/components/schemas/Thing/properties/code/pattern', 'schemas: pattern "(?P<x>a)" does not compile as a JavaScript regular expression: it is not checked'],
        ['#/components/schemas/Thing/properties/when/format', 'schemas: format "fortnight" is not checked by the schema: any string is accepted'],
      ]),
    );
    // It imports (no pattern throws) and checks what it can.
    mkdirSync(path.join(ROOT, 'test-output'), { recursive: true });
    const dir = mkdtempSync(path.join(ROOT, 'test-output', 'schemas-odd-'));
    mkdirSync(path.join(dir, 'core'));
    writeFileSync(path.join(dir, 'core/runtime.ts'), 'export type OperationSchemas = Record<string, unknown>;\n');
    writeFileSync(path.join(dir, 'schemas.ts'), text);
    const { ThingSchema } = (await import(path.join(dir, 'schemas.ts'))) as Record<string, z.ZodType>;
    expect(ThingSchema!.safeParse({ slug: 'a-b', code: 'anything' }).success).toBe(true);
    expect(ThingSchema!.safeParse({ slug: 'A B' }).success).toBe(false);
  });
});

describe('createClient({ validate, schemas })', () => {
  const fault = useFaultServer();
  const schemas = {
    'list-things': {
      query: z.looseObject({ page_size: z.number().int().min(25).max(500).optional() }),
      response: z.looseObject({ data: z.array(z.strictObject({ id: z.number().int(), label: z.string() })) }),
    },
    'create-thing': { body: z.strictObject({ label: z.string().min(1).max(10) }) },
  };
  const ctx = (validate: 'request' | 'response' | 'both') => createClientContext({ baseUrl: fault.server.baseUrl, token: SECRET_TOKEN, maxRetries: 0, validate, schemas }, testDefaults);

  it('checks a request before sending it: a bad body or query is a ValidationError with JSON pointers, and nothing is sent', async () => {
    const before = fault.server.requests.length;
    const error = await request(ctx('request'), { operationId: 'create-thing', method: 'POST', path: '/{apiVersion}/things', body: { label: 'far too long a label', extra: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const v = error as ValidationError;
    expect([v.operationId, v.part, v.issues.map((i) => i.pointer).sort()]).toEqual(['create-thing', 'body', ['', '/label']]);
    const query = await request(ctx('both'), { operationId: 'list-things', method: 'GET', path: '/{apiVersion}/things', query: { page_size: 5 } }).catch((e: unknown) => e);
    expect((query as ValidationError).issues).toEqual([{ pointer: '/page_size', message: expect.stringContaining('>=25') }]);
    expect(fault.server.requests.length).toBe(before);
  });

  it('checks a response once it arrives, and never puts the token in the error', async () => {
    fault.server.reply({ status: 200, body: { data: [{ id: 'one', label: 'x' }] } });
    const error = await request(ctx('response'), { operationId: 'list-things', method: 'GET', path: '/{apiVersion}/things' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]!.pointer).toBe('/data/0/id');
    expect(JSON.stringify({ ...(error as object), message: (error as Error).message, stack: (error as Error).stack })).not.toContain(SECRET_TOKEN);
    fault.server.reply({ status: 200, body: { data: [{ id: 1, label: 'x' }] } });
    await expect(request(ctx('response'), { operationId: 'list-things', method: 'GET', path: '/{apiVersion}/things' })).resolves.toEqual({ data: [{ id: 1, label: 'x' }] });
  });

  it("validates only what it is asked to, and refuses a validate option without schemas", async () => {
    fault.server.reply({ status: 200, body: { data: [{ id: 'one' }] } });
    await expect(request(ctx('request'), { operationId: 'list-things', method: 'GET', path: '/{apiVersion}/things' })).resolves.toEqual({ data: [{ id: 'one' }] });
    expect(() => createClientContext({ baseUrl: fault.server.baseUrl, validate: 'both' }, testDefaults)).toThrowError(/validate needs schemas/);
  });
});

describe('the client without validation', () => {
  it('bundles no schema and no zod: they come in only with an import of /schemas', async () => {
    const { buildSync } = await import('esbuild');
    mkdirSync(path.join(ROOT, 'test-output'), { recursive: true });
    const dir = mkdtempSync(path.join(ROOT, 'test-output', 'bundle-'));
    const bundle = (source: string) => {
      writeFileSync(path.join(dir, 'entry.ts'), source);
      const result = buildSync({ entryPoints: [path.join(dir, 'entry.ts')], bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent' });
      return result.outputFiles[0]!.text;
    };
    const client = path.join(ROOT, 'generated/client/src');
    const without = bundle(`import { createClient } from ${JSON.stringify(path.join(client, 'index.ts'))};\nexport const list = () => createClient({ token: 't' }).profile.personalAccessTokens.list();\n`);
    const withSchemas = bundle(
      `import { createClient } from ${JSON.stringify(path.join(client, 'index.ts'))};\nimport { operationSchemas } from ${JSON.stringify(path.join(client, 'schemas.ts'))};\n` +
        `export const list = () => createClient({ token: 't', validate: 'both', schemas: operationSchemas }).profile.personalAccessTokens.list();\n`,
    );
    expect(without).not.toMatch(/ZodError|_zod|\$ZodType/);
    expect(withSchemas).toMatch(/_zod/);
    expect(without.length * 3).toBeLessThan(withSchemas.length);
  });
});
