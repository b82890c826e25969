import { describe, expect, it } from 'vitest';
import { parseSpecText } from '../../generator/load/load.js';
import { validateSpec } from '../../generator/validate/validate.js';
import { SpecloomError } from '../../generator/errors.js';

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
