import { describe, expect, it } from 'vitest';
import { dropContradictoryDiscriminators } from '../../generator/validate/discriminators.js';
import { objectProperties, schemaTable } from '../../generator/ir/resolve.js';
import { generateFromText, modelFromText } from '../helpers/pipeline.js';

describe('discriminators', () => {
  const doc = (enumValues: string[]) => ({
    components: {
      schemas: {
        Domain: { type: 'object', properties: { type: { type: 'string', enum: enumValues } } },
        Holder: { oneOf: [{ $ref: '#/components/schemas/Domain' }], discriminator: { propertyName: 'type' } },
      },
    },
  });

  it('drops a discriminator its members contradict, with a warning at its pointer', () => {
    const { document, warnings } = dropContradictoryDiscriminators(doc(['master', 'slave']));
    expect((document as any).components.schemas.Holder.discriminator).toBeUndefined();
    expect(warnings).toEqual([
      { pointer: '#/components/schemas/Holder/discriminator', message: expect.stringMatching(/Domain has "type" limited to \["master","slave"\]/) },
    ]);
  });

  it('keeps a discriminator its members agree with', () => {
    const { document, warnings } = dropContradictoryDiscriminators(doc(['Domain']));
    expect((document as any).components.schemas.Holder.discriminator).toEqual({ propertyName: 'type' });
    expect(warnings).toEqual([]);
  });
});

describe('required fields', () => {
  it('takes `required` lists of allOf members that do not declare the properties', async () => {
    const { model } = await modelFromText(`openapi: 3.0.3
info: {title: T, version: '1'}
paths: {}
components:
  schemas:
    Base: {type: object, properties: {a: {type: string}, b: {type: string}}}
    Strict: {allOf: [{$ref: '#/components/schemas/Base'}, {required: [b]}]}
`);
    const strict = model.schemas.find((s) => s.name === 'Strict')!.schema;
    expect(objectProperties(strict, schemaTable(model.schemas)).map((p) => [p.name, p.required])).toEqual([['a', false], ['b', true]]);
  });

  it('keeps a field with a default optional to send, and a body with required fields required', async () => {
    const { files } = await generateFromText(`openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /things:
    post:
      operationId: create-thing
      tags: [Things]
      requestBody:
        content:
          application/json:
            schema: {type: object, required: [name], properties: {name: {type: string}, size: {type: integer, default: 1}}}
      responses: {'200': {description: ok}}
`);
    const schema = files.find((f) => f.path === 'client/src/schema.ts')!.content;
    expect(schema).toMatch(/size\?: number/);
    const resource = files.find((f) => f.path === 'client/src/services/things/things.ts')!.content;
    expect(resource).toMatch(/params: ThingCreateParams,\n/);
  });
});
