/**
 * The stackql-provider target's emitter. provider.yaml comes from its template (templates/stackql-provider/); each
 * service spec is an OpenAPI document of the spec's own operations for that service, with the components they
 * reference and `components.x-stackQL-resources`, written by the yaml library (its quoting is YAML's own, so spec
 * text cannot break out of a scalar). The service specs are the spec itself, split: they are made from the bundled
 * document (`model.sourceDocument`), the one other reader of it besides the client's model types.
 *
 * The API-version path segment (`/{apiVersion}/profile`) moves into the server URL (`https://api.linode.com/v4`),
 * as StackQL providers have it: StackQL has no value to give that parameter.
 */
import YAML from 'yaml';
import type { ApiModel } from '../../ir/model.js';
import { escapeToken, parsePointer, setOwn } from '../../json-pointer.js';
import { derefComponent } from '../../ir/resolve.js';
import type { Profile } from '../../profiles/profile.js';
import type { EmittedFile, TemplateRenderer } from '../contract.js';
import { registryProblems } from './checks.js';
import type { ProviderPlan, ProviderService } from './plan.js';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export function emitProvider(model: ApiModel, plan: ProviderPlan, templates: TemplateRenderer, profile: Profile, warn: (message: string) => void): EmittedFile[] {
  const files: EmittedFile[] = [];
  const render = (template: string, context: unknown) => {
    const text = templates.render(template, context);
    return text.endsWith('\n') ? text : text + '\n';
  };
  files.push({
    path: plan.providerFile,
    content: render('stackql-provider/provider.yaml.hbs', {
      provider: plan.provider,
      version: plan.version,
      services: plan.services.map((s) => ({ name: s.name, ref: s.ref, title: s.title, description: s.description })),
      auth: { type: plan.auth.type, credentialsenvvar: plan.auth.envVar },
    }),
  });
  for (const service of plan.services) {
    const doc = serviceSpec(model, plan, service, profile);
    for (const problem of registryProblems(doc)) warn(`${service.file}: ${problem} (the StackQL registry's checks reject this)`);
    files.push({ path: service.file, content: YAML.stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false }) });
  }
  return files;
}

/** The service's OpenAPI document (see the module comment). */
function serviceSpec(model: ApiModel, plan: ProviderPlan, service: ProviderService, profile: Profile): Record<string, unknown> {
  const source = model.sourceDocument;
  const sourcePaths = (source['paths'] ?? {}) as Record<string, Record<string, unknown>>;
  const components = (source['components'] ?? {}) as Record<string, Record<string, unknown>>;
  const version = model.apiVersion;
  const isVersionParameter = (p: unknown): boolean => {
    const { value } = derefComponent(source, p);
    return version !== undefined && value['in'] === 'path' && value['name'] === version.name;
  };
  const withoutVersion = (params: unknown) => (Array.isArray(params) ? params.filter((p) => !isVersionParameter(p)) : params);
  const ownPath = (path: string) => {
    const segments = path.split('/');
    return version !== undefined && segments[1] === `{${version.name}}` ? '/' + segments.slice(2).join('/') : path;
  };

  const paths: Record<string, Record<string, unknown>> = {};
  const pointers = new Map<string, string>();
  for (const resource of service.resources) {
    for (const method of resource.methods) {
      const op = method.operation;
      const item = sourcePaths[op.path];
      const operation = item?.[op.method] as Record<string, unknown> | undefined;
      if (item === undefined || operation === undefined) continue;
      const path = ownPath(op.path);
      if (!Object.hasOwn(paths, path)) setOwn(paths, path, pathItemShell(item, withoutVersion));
      const target = paths[path]!;
      target[op.method] = { ...operation, ...(operation['parameters'] !== undefined ? { parameters: withoutVersion(operation['parameters']) } : {}) };
      pointers.set(`${op.method} ${op.path}`, `#/paths/${escapeToken(path)}/${op.method}`);
    }
  }
  // Path items keep their methods in the document's order.
  for (const [path, item] of Object.entries(paths)) {
    const ordered: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(item)) if (!HTTP_METHODS.includes(k)) setOwn(ordered, k, v);
    for (const m of HTTP_METHODS) if (item[m] !== undefined) ordered[m] = item[m];
    setOwn(paths, path, ordered);
  }

  const resources: Record<string, unknown> = {};
  for (const resource of service.resources) {
    const methods: Record<string, unknown> = {};
    for (const m of resource.methods) {
      const entry: Record<string, unknown> = {};
      if (m.operation.requestBody !== undefined && m.verb !== 'select' && m.verb !== 'delete') entry['config'] = { requestBodyTranslate: { algorithm: 'naive' } };
      entry['operation'] = { $ref: pointers.get(`${m.operation.method} ${m.operation.path}`) };
      const response: Record<string, unknown> = { mediaType: m.response.mediaType ?? m.operation.successResponse?.mediaType ?? 'application/json', openAPIDocKey: m.response.status ?? m.operation.successResponse?.status ?? '200' };
      if (m.response.objectKey !== undefined) response['objectKey'] = m.response.objectKey;
      entry['response'] = response;
      setOwn(methods, m.name, entry);
    }
    const ref = (name: string) => ({ $ref: `#/components/x-stackQL-resources/${escapeToken(resource.name)}/methods/${escapeToken(name)}` });
    setOwn(resources, resource.name, {
      id: resource.id,
      name: resource.name,
      title: resource.title,
      methods,
      sqlVerbs: Object.fromEntries(Object.entries(resource.sqlVerbs).map(([verb, names]) => [verb, names.map(ref)])),
    });
  }

  const usedComponents = referencedComponents({ paths, security: source['security'] }, components);
  const out: Record<string, unknown> = {
    openapi: model.openapi,
    info: { title: service.title, description: service.description, version: model.info.version },
    paths,
    components: { ...usedComponents, 'x-stackQL-resources': resources },
  };
  const servers = serversOf(source['servers'], version?.default);
  if (servers !== undefined) out['servers'] = servers;
  if (source['security'] !== undefined) out['security'] = source['security'];
  const pagination = paginationConfig(service, profile);
  if (pagination !== undefined) out['x-stackQL-config'] = { pagination };
  return out;
}

/** A path item's own fields (parameters, summary...), without its operations. */
function pathItemShell(item: Record<string, unknown>, withoutVersion: (params: unknown) => unknown): Record<string, unknown> {
  const shell: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) {
    if (HTTP_METHODS.includes(k)) continue;
    if (k === 'parameters') {
      const kept = withoutVersion(v);
      if (Array.isArray(kept) && kept.length === 0) continue;
      shell[k] = kept;
    } else setOwn(shell, k, v);
  }
  return shell;
}

/** The server URLs with the API version's path segment appended (`https://api.linode.com` + `v4`). */
function serversOf(servers: unknown, version: string | undefined): unknown {
  if (!Array.isArray(servers)) return undefined;
  if (version === undefined) return servers;
  return servers.map((s) => {
    if (s === null || typeof s !== 'object' || typeof (s as { url?: unknown }).url !== 'string') return s;
    const url = (s as { url: string }).url.replace(/\/+$/, '');
    return { ...(s as object), url: url.endsWith(`/${version}`) ? url : `${url}/${version}` };
  });
}

/**
 * The components the service's paths (and the document's security) reference, followed through each other, in
 * the source's order; securitySchemes by the names security requirements give.
 */
function referencedComponents(root: unknown, components: Record<string, Record<string, unknown>>): Record<string, Record<string, unknown>> {
  const wanted = new Map<string, Set<string>>();
  const queue: unknown[] = [root];
  const add = (section: string, name: string) => {
    const set = wanted.get(section) ?? new Set<string>();
    wanted.set(section, set);
    if (set.has(name)) return;
    set.add(name);
    const value = components[section]?.[name];
    if (value !== undefined) queue.push(value);
  };
  while (queue.length > 0) {
    const node = queue.pop();
    if (Array.isArray(node)) {
      queue.push(...node);
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if (k === '$ref' && typeof v === 'string') {
        const segs = parsePointer(v);
        if (segs !== undefined && segs[0] === 'components' && segs[1] !== undefined && segs[2] !== undefined) add(segs[1], segs[2]);
      } else if (k === 'security' && Array.isArray(v)) {
        for (const requirement of v) if (requirement !== null && typeof requirement === 'object') for (const name of Object.keys(requirement)) add('securitySchemes', name);
        queue.push(v);
      } else queue.push(v);
    }
  }
  const out: Record<string, Record<string, unknown>> = {};
  for (const [section, entries] of Object.entries(components)) {
    const names = wanted.get(section);
    if (names === undefined || section.startsWith('x-')) continue;
    const kept = Object.entries(entries).filter(([name]) => names.has(name));
    if (kept.length > 0) out[section] = Object.fromEntries(kept);
  }
  return out;
}

/**
 * StackQL's pagination config, for a service with paginated lists, when the profile names the page request
 * parameter and the envelope's page counters (`page`, `pages`).
 */
function paginationConfig(service: ProviderService, profile: Profile): Record<string, unknown> | undefined {
  const rules = profile.pagination.stackql;
  if (rules === undefined || !service.resources.some((r) => r.methods.some((m) => m.operation.pagination !== undefined))) return undefined;
  return {
    algorithm: 'page_number',
    requestToken: { key: profile.pagination.pageParameter.name, location: 'query' },
    responseToken: { key: `$.${rules.pageProperty}`, location: 'body' },
    responseTerminator: { key: `$.${rules.pageCountProperty}`, location: 'body' },
  };
}
