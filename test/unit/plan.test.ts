import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { NameScope } from '../../generator/names/registry.js';
import { camelCase, kebabCase, pascalCase, safeIdentifier, snakeCase, words } from '../../generator/names/naming.js';
import { clientPlanOf, modelFromText, modelOf, ROOT } from '../helpers/pipeline.js';

describe('naming', () => {
  it('splits and recases names', () => {
    expect(words('get-personal-access-tokens')).toEqual(['get', 'personal', 'access', 'tokens']);
    expect(words('HTTPServerError')).toEqual(['HTTP', 'Server', 'Error']);
    expect(camelCase('Personal access tokens')).toBe('personalAccessTokens');
    expect(pascalCase('page_size')).toBe('PageSize');
    expect(snakeCase('Personal access tokens')).toBe('personal_access_tokens');
    expect(kebabCase('PersonalAccessTokens')).toBe('personal-access-tokens');
  });

  it('makes reserved words and odd names valid identifiers', () => {
    expect(['delete', 'class', 'default', 'function', 'constructor', '__proto__'].map((n) => safeIdentifier(n))).toEqual([
      'delete_', 'class_', 'default_', 'function_', 'constructor_', '__proto___',
    ]);
    expect(safeIdentifier('1st')).toBe('_1st');
    expect(safeIdentifier('a-b.c d`e"f')).toBe('a_b_c_d_e_f');
  });

  it('disambiguates deterministically, first come keeps the plain name', () => {
    const scope = new NameScope(['Client']);
    expect([scope.claim('Client'), scope.claim('Pet'), scope.claim('Pet'), scope.claim('Pet')]).toEqual(['Client2', 'Pet', 'Pet2', 'Pet3']);
  });
});

describe('plan: Linode tokens', () => {
  it('plans the client surface: profile.personalAccessTokens with list/get/create/update/delete', async () => {
    const { model } = await modelOf(path.join(ROOT, 'spec/linode-tokens.yaml'));
    const client = clientPlanOf(model);
    expect(client.packageName).toBe('linode-api');
    expect(client.errorClassName).toBe('LinodeApiError');
    expect(client.tokenEnvVar).toBe('LINODE_TOKEN');
    expect(client.baseUrl).toBe('https://api.linode.com');
    const [service] = client.services;
    expect([service!.propertyName, service!.resources[0]!.propertyName, service!.resources[0]!.file]).toEqual([
      'profile', 'personalAccessTokens', 'services/profile/personal-access-tokens.ts',
    ]);
    const ops = service!.resources[0]!.operations;
    expect(ops.map((o) => [o.methodName, o.functionName, o.paramsType, o.responseType])).toEqual([
      ['list', 'getPersonalAccessTokens', 'PersonalAccessTokenListParams', 'PersonalAccessTokenListResponse'],
      ['create', 'postPersonalAccessToken', 'PersonalAccessTokenCreateParams', 'PersonalAccessToken'],
      ['get', 'getPersonalAccessToken', undefined, 'PersonalAccessToken'],
      ['update', 'putPersonalAccessToken', 'PersonalAccessTokenUpdateParams', 'PersonalAccessToken'],
      ['delete', 'deletePersonalAccessToken', undefined, 'PersonalAccessTokenDeleteResponse'],
    ]);
    expect(ops[2]!.pathParams).toEqual([{ wireName: 'tokenId', identifier: 'tokenId', type: 'number', description: 'The ID of the token to access.' }]);
    expect(ops[0]!.queryParams.map((q) => [q.wireName, q.property])).toEqual([['page', 'page'], ['page_size', 'pageSize']]);
  });

  it('leaves read-only fields out of the update body', async () => {
    const { model } = await modelOf(path.join(ROOT, 'spec/linode-tokens.yaml'));
    const omit = clientPlanOf(model).models.find((m) => m.kind === 'omit');
    expect(omit).toMatchObject({ typeName: 'PersonalAccessTokenUpdateBody', base: 'PersonalAccessToken', omit: ['id', 'created', 'expiry', 'scopes', 'token'] });
  });

  it('treats a field as read-only when the schema it refers to is, for the body type and for whether params are required', async () => {
    const { model } = await modelFromText(`openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /things:
    post:
      tags: [Things]
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}
      responses: {'200': {description: ok}}
components:
  schemas:
    Stamp: {type: string, readOnly: true}
    Thing:
      type: object
      required: [created]
      properties:
        created: {$ref: '#/components/schemas/Stamp'}
        label: {type: string}
`);
    const client = clientPlanOf(model);
    const op = client.services[0]!.resources[0]!.operations[0]!;
    // The only required field is read-only: the caller sends nothing required.
    expect(op.paramsRequired).toBe(false);
    expect(client.models.find((m) => m.kind === 'omit')).toMatchObject({ base: 'Thing', omit: ['created'] });
  });

  it('takes package name and version from the config over info', async () => {
    const { model } = await modelOf(path.join(ROOT, 'spec/linode-tokens.yaml'));
    const client = clientPlanOf(model, { packageName: '@acme/linode', packageVersion: '9.9.9' });
    expect([client.packageName, client.packageVersion]).toEqual(['@acme/linode', '9.9.9']);
  });
});

describe('plan: collisions', () => {
  it('falls back to the operationId when two operations want one method name, and avoids reserved type names', async () => {
    const { model } = await modelFromText(`openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /things/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    get: {operationId: get-thing, tags: [Things], responses: {'200': {description: ok}}}
  /things/{id}/{version}:
    parameters: [{name: id, in: path, required: true, schema: {type: string}}, {name: version, in: path, required: true, schema: {type: string}}]
    get: {operationId: get-thing-extra, tags: [Things], responses: {'200': {description: ok}}}
components:
  schemas:
    Client: {type: object}
    client: {type: string}
`);
    const client = clientPlanOf(model);
    expect(client.services[0]!.resources[0]!.operations.map((o) => o.methodName)).toEqual(['getThing', 'getThingExtra']);
    expect(client.models.filter((m) => m.kind === 'alias').map((m) => m.typeName)).toEqual(['Client2', 'Client3']);
  });
});
