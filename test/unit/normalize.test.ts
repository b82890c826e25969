import { describe, expect, it } from 'vitest';
import { fixture, modelFromText, modelOf, ROOT } from '../helpers/pipeline.js';
import path from 'node:path';

const linode = () => modelOf(path.join(ROOT, 'spec/linode-tokens.yaml'));

describe('normalize: Linode tokens', () => {
  it('merges path-item parameters into every operation (tokenId, apiVersion)', async () => {
    const { model } = await linode();
    const get = model.operations.find((o) => o.operationId === 'get-personal-access-token')!;
    expect(get.parameters.map((p) => [p.name, p.in, p.declaredAt, p.isApiVersion])).toEqual([
      ['apiVersion', 'path', 'path-item', true],
      ['tokenId', 'path', 'path-item', false],
    ]);
    expect(get.parameters[1]!.schema.type).toBe('integer');
  });

  it('detects the {apiVersion} parameter with its values and default', async () => {
    const { model } = await linode();
    expect(model.apiVersion).toMatchObject({ name: 'apiVersion', values: ['v4', 'v4beta'], default: 'v4' });
  });

  it('groups operations into service "profile" and resource from the tag', async () => {
    const { model } = await linode();
    expect(model.services).toHaveLength(1);
    expect(model.services[0]!.name).toBe('profile');
    expect(model.services[0]!.resources.map((r) => [r.name, r.collectionPath, r.operationIds.length])).toEqual([
      ['Personal access tokens', '/{apiVersion}/profile/tokens', 5],
    ]);
  });

  it('classifies operations and finds the pagination envelope and filterable fields', async () => {
    const { model } = await linode();
    expect(model.operations.map((o) => [o.operationId, o.kind])).toEqual([
      ['get-personal-access-tokens', 'list'],
      ['post-personal-access-token', 'create'],
      ['get-personal-access-token', 'get'],
      ['put-personal-access-token', 'replace'],
      ['delete-personal-access-token', 'delete'],
    ]);
    const list = model.operations[0]!;
    expect(list.pagination?.itemsProperty).toBe('data');
    expect(list.pagination?.item.ref).toBe('PersonalAccessToken');
    expect(list.filterableFields.map((f) => f.name)).toEqual(['created', 'label']);
  });

  it('resolves responses by status, with the default error response', async () => {
    const { model } = await linode();
    const del = model.operations.find((o) => o.method === 'delete')!;
    expect(del.responses.map((r) => r.status)).toEqual(['200', 'default']);
    expect(del.successResponse?.schema?.constraints).toEqual({ maxProperties: 0 });
    expect(del.responses[1]!.pointer).toBe('#/components/responses/ErrorResponse');
  });

  it('keeps effective security per operation', async () => {
    const { model } = await linode();
    const list = model.operations[0]!;
    expect(list.security).toEqual([[{ scheme: 'personalAccessToken', scopes: [] }], [{ scheme: 'oauth', scopes: ['account:read_only'] }]]);
    expect(model.securitySchemes.map((s) => [s.key, s.type])).toEqual([['oauth', 'oauth2'], ['personalAccessToken', 'http']]);
  });

  it('marks nullable and readOnly fields', async () => {
    const { model } = await linode();
    const token = model.schemas.find((s) => s.name === 'PersonalAccessToken')!.schema;
    const expiry = token.properties.find((p) => p.name === 'expiry')!.schema;
    expect([expiry.nullable, expiry.readOnly, expiry.format]).toEqual([true, true, 'date-time']);
    expect(token.properties.find((p) => p.name === 'label')!.schema.extensions['x-linode-filterable']).toBe(true);
  });
});

describe('normalize: general rules', () => {
  it('lets an operation parameter override the path-item one with the same name and location', async () => {
    const { model } = await modelFromText(`openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /items/{id}:
    parameters:
      - {name: id, in: path, required: true, description: item level, schema: {type: string}}
      - {name: q, in: query, schema: {type: string}}
    get:
      parameters:
        - {name: id, in: path, required: true, description: operation level, schema: {type: integer}}
      responses: {'200': {description: ok}}
`);
    const op = model.operations[0]!;
    expect(op.parameters.map((p) => [p.name, p.declaredAt, p.description])).toEqual([
      ['id', 'operation', 'operation level'],
      ['q', 'path-item', undefined],
    ]);
    expect(op.operationId).toBe('get-items-id');
    expect(op.operationIdDerived).toBe(true);
    expect(op.resource).toBe('items');
  });

  it('reads OpenAPI 3.1 type arrays with null, const and examples', async () => {
    const { model } = await modelOf(fixture('openapi-31.yaml'));
    const thing = model.schemas[0]!.schema;
    const note = thing.properties.find((p) => p.name === 'note')!.schema;
    expect([note.type, note.nullable, note.examples]).toEqual(['string', true, ['hello']]);
    expect(thing.properties.find((p) => p.name === 'kind')!.schema.const).toBe('thing');
  });

  it('treats POST to a literal segment under an item as an action when the path has no GET', async () => {
    const { model } = await modelFromText(`openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /v4/linode/instances/{linodeId}/reboot:
    parameters: [{name: linodeId, in: path, required: true, schema: {type: integer}}]
    post: {operationId: post-linode-reboot, tags: [Linode instances], responses: {'200': {description: ok}}}
  /v4/linode/instances/{linodeId}/disks:
    parameters: [{name: linodeId, in: path, required: true, schema: {type: integer}}]
    get: {operationId: get-disks, tags: [Linode instances], responses: {'200': {description: ok, content: {application/json: {schema: {type: array, items: {type: string}}}}}}}
    post: {operationId: post-disk, tags: [Linode instances], responses: {'200': {description: ok}}}
`);
    expect(model.operations.map((o) => [o.operationId, o.kind, o.actionName, o.service])).toEqual([
      ['post-linode-reboot', 'action', 'reboot', 'linode'],
      ['get-disks', 'list', undefined, 'linode'],
      ['post-disk', 'create', undefined, 'linode'],
    ]);
  });

  it('fills in a path parameter the spec forgot to declare, as a required string', async () => {
    const { model } = await modelFromText(`openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /a/{id}: {get: {operationId: get-a, responses: {'200': {description: ok}}}}
`);
    expect(model.operations[0]!.parameters.map((p) => [p.name, p.in, p.required, p.schema.type])).toEqual([['id', 'path', true, 'string']]);
  });

  it('makes duplicate operationIds unique with a warning', async () => {
    const { model, warnings } = await modelFromText(`openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /a: {get: {operationId: same, responses: {'200': {description: ok}}}}
  /b: {get: {operationId: same, responses: {'200': {description: ok}}}}
`);
    expect(model.operations.map((o) => o.operationId)).toEqual(['same', 'same-2']);
    expect(warnings.some((w) => /duplicate operationId "same"/.test(w.message) && w.pointer === '#/paths/~1b/get/operationId')).toBe(true);
  });
});
