import { describe, expect, it } from 'vitest';
import { parseSpecText } from '../../generator/load/load.js';
import { bundleSpec, validateSpec } from '../../generator/validate/validate.js';
import { SpecloomError } from '../../generator/errors.js';
import { generateFromText } from '../helpers/pipeline.js';

const minimal = (paths: string) => `openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n${paths}`;

describe('validate', () => {
  it('refuses Swagger 2.0 with how to convert', async () => {
    const err = await validateSpec(parseSpecText('swagger: "2.0"\ninfo: {title: T, version: "1"}\npaths: {}\n', 's.yaml')).catch((e) => e);
    expect(err).toBeInstanceOf(SpecloomError);
    expect(err.format()).toMatch(/Swagger 2\.0/);
    expect(err.format()).toMatch(/swagger2openapi/);
  });

  it('says what was expected of a document that is not OpenAPI', async () => {
    const err = await validateSpec(parseSpecText('name: x\n', 'x.yaml')).catch((e) => e);
    expect(err.message).toMatch(/not an OpenAPI document.*"openapi"/);
  });

  it('names the ref and the pointer of an unresolved $ref', async () => {
    const spec = parseSpecText(
      minimal(`  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Nope'\n`),
      'r.yaml',
    );
    const err = (await validateSpec(spec).catch((e) => e)) as SpecloomError;
    expect(err.message).toMatch(/\$ref "#\/components\/schemas\/Nope" does not resolve/);
    expect(err.location?.pointer).toContain('#/paths/~1a/get/responses/200');
    expect(err.location?.line).toBeGreaterThan(1);
  });

  it('reports the lint\'s error when the pipeline, which lints after the bundle, fails before the lint', async () => {
    // The bundler fails first here, with a vaguer message of its own; the lint's names the ref.
    const text = minimal(`  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Nope'\n`);
    const err = (await generateFromText(text, 'r.yaml').catch((e) => e)) as SpecloomError;
    expect(err).toBeInstanceOf(SpecloomError);
    expect(err.message).toMatch(/\$ref "#\/components\/schemas\/Nope" does not resolve/);
    expect(err.location?.pointer).toContain('#/paths/~1a/get/responses/200');
  });

  it('bundles a copy: the document as written stays for the lint and the messages', async () => {
    const spec = parseSpecText(minimal(`  /a:\n    get:\n      responses:\n        '200': {description: ok}\n`), 'c.yaml');
    const before = JSON.stringify(spec.document);
    const { document } = await bundleSpec(spec);
    expect(document).toHaveProperty('components'); // the bundler adds it
    expect(JSON.stringify(spec.document)).toBe(before);
  });

  it('warns, with the pointer, about constructs that break the letter of the spec but not generation', async () => {
    const spec = parseSpecText(
      minimal(`  /a/{id}:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {nullable: true}\n`),
      'w.yaml',
    );
    const { warnings } = await validateSpec(spec);
    expect(warnings.map((w) => w.pointer)).toEqual(
      expect.arrayContaining(['#/paths/~1a~1{id}/get/responses/200/content/application~1json/schema/nullable', '#/paths/~1a~1{id}/get/parameters']),
    );
  });

  it('inlines refs into a component\'s properties and keeps refs to whole components', async () => {
    const spec = parseSpecText(
      minimal(`  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  page: {$ref: '#/components/schemas/Env/properties/page'}\n                  item: {$ref: '#/components/schemas/Env'}\ncomponents:\n  schemas:\n    Env:\n      type: object\n      properties:\n        page: {type: integer, readOnly: true}\n`),
      'd.yaml',
    );
    const { document } = await validateSpec(spec);
    const props = (document as any).paths['/a'].get.responses['200'].content['application/json'].schema.properties;
    expect(props.page).toEqual({ type: 'integer', readOnly: true });
    expect(props.item).toEqual({ $ref: '#/components/schemas/Env' });
  });
});

describe('schema $refs that point at something other than a schema', () => {
  const spec = `openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /captions:
    get:
      responses:
        '200':
          description: ok
          content:
            text/vtt:
              schema: {$ref: '#/components/responses/Caption', description: Captions}
            application/json:
              schema:
                type: object
                properties:
                  schema: {$ref: '#/components/schemas/Thing'}
                  other: {items: {$ref: '#/components/parameters/Id'}}
components:
  schemas:
    Thing: {type: object}
  parameters:
    Id: {name: id, in: query, schema: {type: string}}
  responses:
    Caption:
      description: A caption file.
`;

  it('become the empty schema (any value), with a warning naming the pointer and what to do', async () => {
    const { document, warnings } = await validateSpec(parseSpecText(spec, 'c.yaml'));
    const content = (document.paths!['/captions']!['get'] as any).responses['200'].content;
    expect(content['text/vtt'].schema).toEqual({ description: 'Captions' });
    expect(content['application/json'].schema.properties.other.items).toEqual({});
    const mine = warnings.filter((w) => /points at/.test(w.message));
    expect(mine).toEqual([
      {
        message: 'schema $ref "#/components/responses/Caption" points at a response, not a schema: treated as any value. Point it at a schema under #/components/schemas',
        pointer: '#/paths/~1captions/get/responses/200/content/text~1vtt/schema/$ref',
      },
      {
        message: 'schema $ref "#/components/parameters/Id" points at a parameter, not a schema: treated as any value. Point it at a schema under #/components/schemas',
        pointer: '#/paths/~1captions/get/responses/200/content/application~1json/schema/properties/other/items/$ref',
      },
    ]);
  });

  it('leave refs to schemas alone, a property named "schema" included', async () => {
    const { document } = await validateSpec(parseSpecText(spec, 'c.yaml'));
    const json = (document.paths!['/captions']!['get'] as any).responses['200'].content['application/json'].schema;
    expect(json.properties.schema).toEqual({ $ref: '#/components/schemas/Thing' });
  });
});

describe('refs to URLs', () => {
  it('are refused without a request: the error names the pointer and says to bundle the spec', async () => {
    const realFetch = globalThis.fetch;
    const fetched: string[] = [];
    globalThis.fetch = (async (url: unknown) => {
      fetched.push(String(url));
      throw new Error('no network in tests');
    }) as typeof fetch;
    try {
      const spec = parseSpecText(
        minimal(`  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: 'https://schemas.example.com/card.json'}\n`),
        'u.yaml',
      );
      const err = (await validateSpec(spec).catch((e) => e)) as SpecloomError;
      expect(err).toBeInstanceOf(SpecloomError);
      expect(err.message).toMatch(/https:\/\/schemas\.example\.com\/card\.json is not fetched \(specloom does not use the network\): bundle the spec into one file first/);
      expect(err.location?.pointer).toBe('#/paths/~1a/get/responses/200/content/application~1json/schema');
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(fetched).toEqual([]);
  });
});

describe('shapes published specs have (test/fixtures/odd-shapes.yaml)', () => {
  it('give warnings naming their pointers', async () => {
    const { readFileSync } = await import('node:fs');
    const file = new URL('../fixtures/odd-shapes.yaml', import.meta.url).pathname;
    const { warnings } = await validateSpec(parseSpecText(readFileSync(file, 'utf8'), 'test/fixtures/odd-shapes.yaml', file));
    const pointers = warnings.map((w) => w.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining([
        '#/paths/~1boards~1{board}~1cards~1{filter}',
        '#/paths/~1captions/get/responses/200/content/text~1vtt/schema/$ref',
        '#/paths/~1records/post/requestBody/content/application~1json/schema/discriminator/mapping/MX',
      ]),
    );
    expect(warnings.find((w) => /mapping "MX"/.test(w.message))?.message).toMatch(/names no schema of this document: ignored/);
  });
});

describe('deep $refs that reach themselves', () => {
  it('become component schemas of their own, for mutual recursion too, and the rest is inlined', async () => {
    const { inlineDeepRefs } = await import('../../generator/validate/inline-deep-refs.js');
    const doc = {
      openapi: '3.0.3',
      info: { title: 'T', version: '1' },
      components: {
        schemas: {
          A: { type: 'object', properties: { child: { type: 'object', properties: { next: { $ref: '#/components/schemas/B/properties/item' } } } } },
          B: { type: 'object', properties: { item: { type: 'object', properties: { back: { $ref: '#/components/schemas/A/properties/child' } } } } },
          C: { type: 'object', properties: { size: { $ref: '#/components/schemas/D/properties/width' } } },
          D: { type: 'object', properties: { width: { type: 'number' } } },
        },
      },
    };
    const out = inlineDeepRefs(doc as never) as unknown as { components: { schemas: Record<string, any> } };
    const schemas = out.components.schemas;
    expect(Object.keys(schemas)).toEqual(['A', 'B', 'C', 'D', 'child', 'item']);
    expect(schemas['child']).toEqual({ type: 'object', properties: { next: { $ref: '#/components/schemas/item' } } });
    expect(schemas['item']).toEqual({ type: 'object', properties: { back: { $ref: '#/components/schemas/child' } } });
    expect(schemas['A'].properties.child).toEqual({ $ref: '#/components/schemas/child' });
    expect(schemas['C'].properties.size).toEqual({ type: 'number' });
  });
});

describe('unions that published specs get wrong (vercel)', () => {
  const spec = `openapi: 3.1.0
info: {title: T, version: '1'}
paths: {}
components:
  schemas:
    Value:
      type: 'null'
      oneOf:
        - {type: string}
        - {type: array, items: {$ref: '#/components/schemas/Value'}}
    Tree:
      type: object
      properties:
        children: {type: array, items: {$ref: '#/components/schemas/Tree'}}
`;

  it('read type null beside a oneOf as one more member, and type a union that contains itself directly as any inside', async () => {
    const { document, warnings } = await validateSpec(parseSpecText(spec, 'v.yaml'));
    const schemas = document.components!['schemas'] as Record<string, any>;
    expect(schemas['Value']).toEqual({ oneOf: [{ type: 'string' }, { type: 'array', items: {} }, { type: 'null' }] });
    // Through an object's property the recursion has a type: left alone.
    expect(schemas['Tree'].properties.children.items).toEqual({ $ref: '#/components/schemas/Tree' });
    expect(warnings.filter((w) => /allows no value|contains itself/.test(w.message)).map((w) => w.pointer)).toEqual([
      '#/components/schemas/Value/type',
      '#/components/schemas/Value/oneOf/1/items/$ref',
    ]);
  });
});
