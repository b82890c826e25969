/**
 * The docs plan: the StackQL resource mapping (from x-stackQL-resources, or derived), the provider
 * name, file paths and anchors.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { SpecloomError } from '../../generator/errors.js';
import { headingIds, headingSlug } from '../../generator/names/slug.js';
import { modelFromText, modelOf } from '../helpers/pipeline.js';
import { docsPlanOf, LINODE, REFERENCE, SEED } from './helpers.js';


const linode = modelOf(LINODE).then((r) => r.model);
const reference = modelOf(REFERENCE).then((r) => r.model);

const methodsOf = (plan: ReturnType<typeof docsPlanOf>) =>
  plan.services.flatMap((s) => s.resources.flatMap((r) => r.methods.map((m) => `${r.id}.${m.name}:${m.verb}`)));

describe('derived mapping (no x-stackQL-resources)', () => {
  it('maps spec/linode-tokens.yaml to linode.profile.personal_access_tokens', async () => {
    const plan = docsPlanOf(await linode);
    expect(plan.source).toBe('derived');
    expect(plan.provider).toEqual({ name: 'linode', title: 'Linode', file: 'docs/index.md' });
    expect(plan.services.map((s) => [s.name, s.file, s.href])).toEqual([['profile', 'docs/services/profile/index.md', '/services/profile/']]);
    const [resource] = plan.services[0]!.resources;
    expect(resource!.id).toBe('linode.profile.personal_access_tokens');
    expect(resource!.file).toBe('docs/services/profile/personal_access_tokens/index.md');
    expect(resource!.href).toBe('/services/profile/personal_access_tokens/');
  });

  it("gives the seed page's methods and verbs, in the seed's order", async () => {
    const seed = readFileSync(SEED, 'utf8');
    const seedMethods = [...seed.matchAll(/<td><a href="#(\w+)"><CopyableCode code="\w+" \/><\/a><\/td>\n {4}<td><CopyableCode code="(\w+)" \/><\/td>/g)].map((m) => `${m[1]}:${m[2]}`);
    expect(seedMethods).toHaveLength(5);
    const plan = docsPlanOf(await linode);
    expect(plan.services[0]!.resources[0]!.methods.map((m) => `${m.name}:${m.verb}`)).toEqual(seedMethods);
  });

  it('takes the $.data objectKey for the paginated list only', async () => {
    const methods = docsPlanOf(await linode).services[0]!.resources[0]!.methods;
    expect(methods.map((m) => [m.name, m.response.objectKey ?? null])).toEqual([
      ['get_personal_access_token', null],
      ['get_personal_access_tokens', '$.data'],
      ['post_personal_access_token', null],
      ['put_personal_access_token', null],
      ['delete_personal_access_token', null],
    ]);
  });

  it('maps POST to an action path to exec, PATCH to update, GET collections to select', async () => {
    const { model } = await modelOf(path.join(import.meta.dirname, 'fixtures/acme.yaml'));
    const plan = docsPlanOf(model);
    expect(plan.provider.name).toBe('acme');
    expect(methodsOf(plan)).toEqual([
      'acme.compute.widgets.get_widget:select',
      'acme.compute.widgets.list_widgets:select',
      'acme.compute.widgets.create_widget:insert',
      'acme.compute.widgets.update_widget:update',
      'acme.compute.widgets.replace_widget:replace',
      'acme.compute.widgets.delete_widget:delete',
      'acme.compute.widgets.reboot_widget:exec',
      // Single-item reads first, then lists.
      'acme.storage.buckets.parameter_name:select',
      'acme.storage.buckets.methods:select',
    ]);
  });

  it('takes a provider override (the docs.provider config value)', async () => {
    const model = await linode;
    const plan = docsPlanOf(model, { provider: 'Akamai Linode' });
    expect(plan.provider.name).toBe('akamai_linode');
    expect(plan.services[0]!.resources[0]!.id).toBe('akamai_linode.profile.personal_access_tokens');
    expect(() => docsPlanOf(model, { provider: '123' })).toThrowError(SpecloomError);
  });

  it('picks the template folder of the style', async () => {
    expect(docsPlanOf(await linode).templateDir).toBe('stackql-docs/current');
    expect(docsPlanOf(await linode, { style: 'legacy' }).templateDir).toBe('stackql-docs/legacy');
  });
});

describe('x-stackQL-resources mapping (a StackQL provider spec)', () => {
  it('uses the resources, methods and sqlVerbs as they are', async () => {
    const plan = docsPlanOf(await reference);
    expect(plan.source).toBe('x-stackQL-resources');
    expect(plan.provider.name).toBe('linode');
    expect(plan.services.map((s) => s.name)).toEqual(['profile']);
    const resources = plan.services[0]!.resources;
    expect(resources.map((r) => r.name)).toEqual(['apps', 'grants', 'logins', 'personal_access_tokens', 'phone_number', 'profile', 'security_questions', 'ssh_keys', 'trusted_devices', 'two_factor_authentication']);
    const byName = Object.fromEntries(resources.map((r) => [r.name, r.methods.map((m) => `${m.name}:${m.verb}`)]));
    expect(byName['trusted_devices']).toEqual(['get_trusted_device:select', 'get_devices:select', 'delete_trusted_device:delete']);
    expect(byName['profile']).toEqual(['get_profile:select', 'put_profile:replace', 'get_user_preferences:exec', 'put_user_preferences:exec']);
    expect(byName['phone_number']).toEqual(['delete_profile_phone_number:delete', 'post_profile_phone_number:exec', 'post_profile_phone_number_verify:exec']);
  });

  it("keeps the spec's objectKey, and unwraps paginated lists that have none", async () => {
    const resources = docsPlanOf(await reference).services[0]!.resources;
    const sq = resources.find((r) => r.name === 'security_questions')!.methods.find((m) => m.name === 'get_security_questions')!;
    expect(sq.response).toEqual({ status: '200', mediaType: 'application/json', objectKey: '$.security_questions', objectKeySource: 'spec' });
    const list = resources.find((r) => r.name === 'ssh_keys')!.methods.find((m) => m.name === 'get_ssh_keys')!;
    expect(list.response).toEqual({ status: '200', mediaType: 'application/json', objectKey: '$.data', objectKeySource: 'pagination' });
  });

  const withResources = (resources: unknown) =>
    YAML.stringify({
      openapi: '3.0.3',
      info: { title: 'X', version: '1' },
      paths: {
        '/things': { get: { operationId: 'list', responses: { '200': { description: 'ok' } } } },
        '/things/{id}': {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          get: { operationId: 'get', parameters: [{ name: 'page', in: 'query', schema: { type: 'integer' } }], responses: { '200': { description: 'ok' } } },
        },
      },
      components: { 'x-stackQL-resources': resources },
    });

  it('names what is wrong in a broken mapping, with its JSON pointer', async () => {
    const { model } = await modelFromText(withResources({ things: { id: 'x.y.things', methods: { m: { operation: { $ref: '#/paths/~1nope/get' } } } } }));
    let error: unknown;
    try {
      docsPlanOf(model, { specFile: 'api.yaml' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpecloomError);
    expect((error as SpecloomError).format()).toMatch(/^api\.yaml \(#\/components\/x-stackQL-resources\/things\/methods\/m\/operation\/\$ref\): method "m" refers to no operation/);

    const { model: m2 } = await modelFromText(withResources({ things: { id: 'x.y.things', methods: { m: { operation: { $ref: '#/paths/~1things/get' } } }, sqlVerbs: { select: [{ $ref: '#/components/x-stackQL-resources/things/methods/zzz' }] } } }));
    expect(() => docsPlanOf(m2)).toThrowError(/sqlVerbs\.select\[0\] refers to no method/);
  });

  it('gives anchors that collide with headings or parameter rows a prefix, and tab values stay unique', async () => {
    const { model } = await modelFromText(
      withResources({
        things: {
          id: 'x.y.things',
          methods: {
            methods: { operation: { $ref: '#/paths/~1things/get' } },
            'parameter-page': { operation: { $ref: '#/paths/~1things~1{id}/get' } },
            manifest: { operation: { $ref: '#/paths/~1things~1{id}/get' } },
          },
          sqlVerbs: { select: [{ $ref: '#/components/x-stackQL-resources/things/methods/methods' }] },
        },
      }),
    );
    const r = docsPlanOf(model).services[0]!.resources[0]!;
    expect(r.parameterAnchors).toEqual({ id: 'parameter-id', page: 'parameter-page' });
    expect(r.methods.map((m) => [m.name, m.anchor, m.verb])).toEqual([
      ['methods', 'method-methods', 'select'],
      ['parameter-page', 'method-parameter-page', 'exec'],
      ['manifest', 'manifest', 'exec'],
    ]);
    expect(r.manifestTab).toBe('manifest2');
    const ids = [...r.headingIds, ...Object.values(r.parameterAnchors), ...r.methods.map((m) => m.anchor)];
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('paths', () => {
  it('never gives two files names that differ only in case', async () => {
    const { model } = await modelFromText(
      YAML.stringify({
        openapi: '3.0.3',
        info: { title: 'X', version: '1' },
        paths: {
          '/a': { get: { operationId: 'a', responses: { '200': { description: 'ok' } } } },
          '/b': { get: { operationId: 'b', responses: { '200': { description: 'ok' } } } },
        },
        components: {
          'x-stackQL-resources': {
            Things: { id: 'x.svc.Things', methods: { a: { operation: { $ref: '#/paths/~1a/get' } } } },
            things: { id: 'x.svc.things', methods: { b: { operation: { $ref: '#/paths/~1b/get' } } } },
            weird: { id: 'x.svc.weird', name: 'a/../../b', methods: { b: { operation: { $ref: '#/paths/~1b/get' } } } },
          },
        },
      }),
    );
    const files = docsPlanOf(model).services[0]!.resources.map((r) => r.file);
    expect(files).toEqual(['docs/services/svc/Things/index.md', 'docs/services/svc/a_b/index.md', 'docs/services/svc/things_2/index.md']);
  });
});

describe('heading ids (Docusaurus rules)', () => {
  it('slugs like github-slugger', () => {
    expect(headingSlug('`SELECT` examples')).toBe('select-examples');
    expect(headingSlug('Lifecycle Methods')).toBe('lifecycle-methods');
    expect(headingIds(['A b', 'A b', 'a-b'])).toEqual(['a-b', 'a-b-1', 'a-b-2']);
  });
});
