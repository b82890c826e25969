/**
 * The stackql-docs target's planner: the StackQL resource mapping and every name the docs pages use,
 * claimed in the run's name registry: the provider, service and resource names, the resource ids
 * (`linode.profile.personal_access_tokens`), method names and SQL verbs, the file paths and links, tab
 * values, in-page anchors and the provider's credentials variable.
 *
 * The mapping comes from the spec's `components.x-stackQL-resources` when it has one (a StackQL
 * provider spec), taken as it is; otherwise it is derived from the model's service/resource
 * grouping: resource = snake_case of the tag, method = snake_case of the operationId, verb from the
 * HTTP method (an action operation is EXEC), and `$.data` as the objectKey of paginated lists.
 * Pure: the model and the options in, plain data out.
 */
import { SpecloomError } from '../../errors.js';
import type { ApiModel, Operation } from '../../ir/model.js';
import { getAtPointer, parsePointer, setOwn, toPointer } from '../../json-pointer.js';
import { envVarName, snakeCase } from '../../names/naming.js';
import type { NameRegistry, NameScope } from '../../names/registry.js';
import { headingIds } from '../../names/slug.js';

type SqlVerb = 'select' | 'insert' | 'update' | 'replace' | 'delete';
export type DocsVerb = SqlVerb | 'exec';
/** The order of the Methods table and of the example sections. */
export const VERB_ORDER: readonly DocsVerb[] = ['select', 'insert', 'update', 'replace', 'delete', 'exec'];
const SQL_VERBS: readonly SqlVerb[] = ['select', 'insert', 'update', 'replace', 'delete'];

export type DocsStyle = 'current' | 'legacy';

/** The stackql-docs target's options (its `configSchema` in index.ts). */
export interface DocsConfig {
  /** The StackQL provider name (`linode`). Default: from x-stackQL-resources ids, else info.title's first word. */
  provider?: string;
  /** `current` (MDX, the 0.4.x format) or `legacy` (Markdown tables). Default: current. */
  style: DocsStyle;
}

export interface DocsPlanInput {
  model: ApiModel;
  config: DocsConfig;
  names: NameRegistry;
  /** The spec's path, for error messages. */
  specFile: string;
}

/** The templates folder of each style; a style's folder may leave a template out, the current one's is used then. */
export const STYLE_DIRS: Record<DocsStyle, string> = { current: 'stackql-docs/current', legacy: 'stackql-docs/legacy' };

export interface DocsPlan {
  style: DocsStyle;
  /** Where the mapping came from. */
  source: 'x-stackQL-resources' | 'derived';
  /** Template folder of the style (`stackql-docs/current`, `stackql-docs/legacy`). */
  templateDir: string;
  provider: DocsProvider;
  /** How the provider index tells StackQL to authenticate. */
  auth: DocsAuth;
  services: DocsService[];
  /** What the provider index shows: resource pages only, never index pages. */
  counts: { services: number; resources: number };
}

interface DocsAuth {
  type: 'bearer' | 'api_key' | 'basic';
  /** The environment variable that holds the credentials (`LINODE_TOKEN`), and the example's placeholder for it. */
  envVar: string;
  exampleVar: string;
  /** The scheme it comes from: its description is shown. */
  schemeKey?: string;
}

interface DocsProvider {
  /** Snake-case StackQL name (`linode`). */
  name: string;
  /** Display name (`Linode`). */
  title: string;
  /** The provider index page. */
  file: string;
}

export interface DocsService {
  name: string;
  file: string;
  /** Site path of the service index page (`/services/profile/`), as the reference pages link. */
  href: string;
  /** Sorted by name, as the service index lists them. */
  resources: DocsResource[];
}

export interface DocsResource {
  name: string;
  /** `provider.service.resource`. */
  id: string;
  idParts: [string, string, string];
  title?: string;
  file: string;
  href: string;
  /** In Methods-table order: by verb (VERB_ORDER), then as the mapping lists them. */
  methods: DocsMethod[];
  /** Anchor ids of the Parameters table rows, by parameter name. */
  parameterAnchors: Record<string, string>;
  /** Value of the INSERT section's Manifest tab (unique among the tab values). */
  manifestTab: string;
  /** Ids of the page's headings (Docusaurus slugs), which anchors must not take. */
  headingIds: string[];
}

export interface DocsMethod {
  name: string;
  verb: DocsVerb;
  /** The model operation (operationId). */
  operationId: string;
  /** Id of the method's row in the Methods table; the name links to it. */
  anchor: string;
  /** Tab value in the Fields and example tabs. */
  tabValue: string;
  response: DocsMethodResponse;
}

interface DocsMethodResponse {
  /** Response key (`200`); default: the operation's first 2xx. */
  status?: string;
  mediaType?: string;
  /** JSONPath-like selector of the rows (`$.data`). */
  objectKey?: string;
  /** `spec`: given by x-stackQL-resources; `pagination`: the paginated envelope's items (fix 5). */
  objectKeySource?: 'spec' | 'pagination';
}

/** The headings a resource page has, for anchor collisions (Docusaurus/github-slugger ids). */
const RESOURCE_HEADINGS = ['Overview', 'Fields', 'Methods', 'Parameters', '`SELECT` examples', '`INSERT` examples', '`UPDATE` examples', '`REPLACE` examples', '`DELETE` examples', 'Lifecycle Methods'];

/** A path segment or anchor: letters, digits, `_` and `-` only. */
function segment(name: string, fallback: string): string {
  const s = name.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^[_-]+|[_-]+$/g, '');
  return s.length > 0 ? s : fallback;
}

const VERB_OF_METHOD: Record<string, DocsVerb> = { get: 'select', post: 'insert', put: 'replace', patch: 'update', delete: 'delete' };

export function planDocs({ model, config, names, specFile }: DocsPlanInput): DocsPlan {
  const style = config.style;
  const stackql = model.componentExtensions['x-stackQL-resources'];
  const mapping = stackql !== undefined ? fromExtension(model, stackql, specFile, config.provider) : derive(model, config.provider, specFile, names);

  const providerTitle = displayName(model, mapping.provider);
  const serviceScope = names.scope('stackql-docs/service-dirs');
  const services: DocsService[] = [];
  for (const [serviceName, resources] of [...mapping.services].sort(([a], [b]) => compare(a, b))) {
    const serviceDir = claimCaseless(serviceScope, segment(serviceName, 'default'));
    const resourceScope = names.scope(`stackql-docs/service:${serviceDir}/resource-dirs`);
    const planned: DocsResource[] = [];
    for (const r of [...resources].sort((a, b) => compare(a.name, b.name))) {
      const resourceDir = claimCaseless(resourceScope, segment(r.name, 'resource'));
      planned.push(planResource(mapping.provider, serviceName, serviceDir, resourceDir, r, names));
    }
    services.push({ name: serviceName, file: names.claimFile(`docs/services/${serviceDir}/index.md`, 'stackql-docs'), href: `/services/${serviceDir}/`, resources: planned });
  }
  return {
    style,
    source: stackql !== undefined ? 'x-stackQL-resources' : 'derived',
    templateDir: STYLE_DIRS[style],
    provider: { name: mapping.provider, title: providerTitle, file: names.claimFile('docs/index.md', 'stackql-docs') },
    auth: planAuth(model, mapping.provider, names, providerAuth(model)),
    services,
    counts: { services: services.length, resources: services.reduce((n, s) => n + s.resources.length, 0) },
  };
}

/**
 * StackQL's auth type for the spec's scheme (a bearer scheme if any, else the first declared), and the
 * variable the provider index tells users to set: `<PROVIDER>_TOKEN`, `_API_KEY` or `_CREDENTIALS`.
 */
function planAuth(model: ApiModel, provider: string, names: NameRegistry, given?: { type: DocsAuth['type']; envVar?: string }): DocsAuth {
  if (given !== undefined) {
    const suffix = given.type === 'api_key' ? 'API_KEY' : given.type === 'basic' ? 'CREDENTIALS' : 'TOKEN';
    const envVar = names.scope('stackql-docs/env').claim(given.envVar ?? envVarName(provider, suffix));
    return { type: given.type, envVar, exampleVar: `YOUR_${envVar}_VAR` };
  }
  const scheme = model.securitySchemes.find((s) => s.type === 'http' && s.scheme?.toLowerCase() === 'bearer') ?? model.securitySchemes[0];
  const type: DocsAuth['type'] =
    !scheme || scheme.type === 'oauth2' || scheme.type === 'openIdConnect' || (scheme.type === 'http' && scheme.scheme?.toLowerCase() === 'bearer')
      ? 'bearer'
      : scheme.type === 'apiKey'
        ? 'api_key'
        : scheme.type === 'http' && scheme.scheme?.toLowerCase() === 'basic'
          ? 'basic'
          : 'bearer';
  const suffix = type === 'api_key' ? 'API_KEY' : type === 'basic' ? 'CREDENTIALS' : 'TOKEN';
  const envVar = names.scope('stackql-docs/env').claim(envVarName(provider, suffix));
  const auth: DocsAuth = { type, envVar, exampleVar: `YOUR_${envVar}_VAR` };
  if (scheme) auth.schemeKey = scheme.key;
  return auth;
}

/** The auth config of a StackQL provider input (`config.auth` of provider.yaml, kept by load/provider.ts). */
function providerAuth(model: ApiModel): { type: DocsAuth['type']; envVar?: string } | undefined {
  const meta = model.componentExtensions['x-stackQL-provider'];
  const config = isObject(meta) ? (meta as { config?: unknown }).config : undefined;
  const auth = isObject(config) ? (config as { auth?: unknown }).auth : undefined;
  if (!isObject(auth)) return undefined;
  const { type, credentialsenvvar } = auth as { type?: unknown; credentialsenvvar?: unknown };
  const known: DocsAuth['type'][] = ['bearer', 'api_key', 'basic'];
  const out: { type: DocsAuth['type']; envVar?: string } = { type: known.includes(type as DocsAuth['type']) ? (type as DocsAuth['type']) : 'bearer' };
  if (typeof credentialsenvvar === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(credentialsenvvar)) out.envVar = credentialsenvvar;
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** File names must not differ only in case (macOS and Windows checkouts). */
function claimCaseless(scope: NameScope, candidate: string): string {
  let name = candidate;
  for (let n = 2; scope.has(name.toLowerCase()); n++) name = `${candidate}_${n}`;
  scope.claim(name.toLowerCase());
  return name;
}

interface MappedMethod {
  name: string;
  verb: DocsVerb;
  operation: Operation;
  response: DocsMethodResponse;
}

interface MappedResource {
  name: string;
  title?: string;
  methods: MappedMethod[];
}

interface Mapping {
  provider: string;
  services: Map<string, MappedResource[]>;
}

function planResource(provider: string, serviceName: string, serviceDir: string, resourceDir: string, r: MappedResource, names: NameRegistry): DocsResource {
  const file = names.claimFile(`docs/services/${serviceDir}/${resourceDir}/index.md`, 'stackql-docs');
  const order = (m: MappedMethod) => VERB_ORDER.indexOf(m.verb);
  const methods = r.methods.map((m, i) => ({ m, i })).sort((a, b) => order(a.m) - order(b.m) || a.i - b.i).map(({ m }) => m);

  const heads = headingIds(RESOURCE_HEADINGS);
  const anchors = names.scope(`stackql-docs/page:${file}/anchors`, heads);
  const parameterAnchors: Record<string, string> = {};
  // Parameter rows first: their `parameter-` ids are the reference pages' own.
  for (const m of methods) {
    for (const p of m.operation.parameters) {
      if (p.isApiVersion || Object.prototype.hasOwnProperty.call(parameterAnchors, p.name)) continue;
      setOwn(parameterAnchors, p.name, anchors.claim(`parameter-${segment(p.name, 'param')}`));
    }
  }
  const tabs = names.scope(`stackql-docs/page:${file}/tabs`);
  const planned: DocsMethod[] = methods.map((m) => {
    const base = segment(m.name, 'method');
    const anchor = anchors.has(base) || base.startsWith('parameter-') ? anchors.claim(`method-${base}`) : anchors.claim(base);
    return { name: m.name, verb: m.verb, operationId: m.operation.operationId, anchor, tabValue: tabs.claim(m.name), response: m.response };
  });
  const out: DocsResource = {
    name: r.name,
    id: `${provider}.${serviceName}.${r.name}`,
    idParts: [provider, serviceName, r.name],
    file,
    href: `/services/${serviceDir}/${resourceDir}/`,
    methods: planned,
    parameterAnchors,
    manifestTab: tabs.claim('manifest'),
    headingIds: heads,
  };
  if (r.title !== undefined) out.title = r.title;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Provider name

function providerFromTitle(model: ApiModel): string {
  return snakeCase(model.info.shortName ?? 'api') || 'api';
}

function checkedProvider(name: string, specFile: string): string {
  const snake = snakeCase(name);
  if (snake.length === 0 || !/^[a-z]/.test(snake)) {
    throw new SpecloomError(`docs provider name ${JSON.stringify(name)} is not usable as a StackQL provider name`, { file: specFile }, 'Set docs.provider to a lower-case word such as "linode".');
  }
  return snake;
}

/** `Linode` for `linode` when info.title starts with it, else the name capitalized. */
function displayName(model: ApiModel, provider: string): string {
  const first = model.info.shortName;
  if (first !== undefined && snakeCase(first) === provider) return first;
  return provider.charAt(0).toUpperCase() + provider.slice(1);
}

// ---------------------------------------------------------------------------------------------
// Derived mapping

function derive(model: ApiModel, providerOverride: string | undefined, specFile: string, names: NameRegistry): Mapping {
  const provider = checkedProvider(providerOverride ?? providerFromTitle(model), specFile);
  const byId = new Map(model.operations.map((o) => [o.operationId, o]));
  const services = new Map<string, MappedResource[]>();
  const serviceNames = new Map<string, string>();
  for (const service of model.services) {
    const serviceName = snakeCase(service.name) || 'default';
    // Two spec services with one snake name (`object-storage`, `objectStorage`) share a page.
    const key = serviceNames.get(serviceName) ?? serviceName;
    serviceNames.set(serviceName, key);
    const resources = services.get(key) ?? [];
    services.set(key, resources);
    const resourceScope = names.scope(`stackql-docs/service:${key}/resources`);
    for (const resource of service.resources) {
      const name = resourceScope.claim(snakeCase(resource.name) || 'resource');
      const methodScope = names.scope(`stackql-docs/resource:${key}.${name}/methods`);
      const ops = resource.operationIds.map((id) => byId.get(id)).filter((o): o is Operation => o !== undefined);
      // Single-item reads before lists, as the reference pages order their SELECT tabs.
      const rank = (o: Operation) => (o.kind === 'get' ? 0 : o.kind === 'list' ? 1 : 2);
      const sorted = ops.map((o, i) => ({ o, i })).sort((a, b) => rank(a.o) - rank(b.o) || a.i - b.i).map(({ o }) => o);
      const methods: MappedMethod[] = sorted.map((operation) => {
        const verb: DocsVerb = operation.kind === 'action' ? 'exec' : (VERB_OF_METHOD[operation.method] ?? 'exec');
        const response: DocsMethodResponse = {};
        if (operation.successResponse) response.status = operation.successResponse.status;
        if (operation.successResponse?.mediaType) response.mediaType = operation.successResponse.mediaType;
        if (operation.pagination) {
          response.objectKey = `$.${operation.pagination.itemsProperty}`;
          response.objectKeySource = 'pagination';
        }
        return { name: methodScope.claim(snakeCase(operation.operationId) || 'method'), verb, operation, response };
      });
      resources.push({ name, methods });
    }
  }
  return { provider, services };
}

// ---------------------------------------------------------------------------------------------
// x-stackQL-resources

function fromExtension(model: ApiModel, ext: unknown, specFile: string, providerOverride: string | undefined): Mapping {
  const base = ['components', 'x-stackQL-resources'];
  const fail = (message: string, at: (string | number)[], hint = 'Fix x-stackQL-resources in the spec, or remove it to let specloom derive the resources.'): never => {
    throw new SpecloomError(message, { file: specFile, pointer: toPointer(at) }, hint);
  };
  if (!isObject(ext)) fail('x-stackQL-resources must be an object of resources', base);
  const byLocation = new Map(model.operations.map((o) => [`${o.path} ${o.method}`, o]));

  const entries: { key: string; provider?: string; service?: string; resource: MappedResource }[] = [];
  for (const [key, raw] of Object.entries(ext as Record<string, unknown>)) {
    const at = [...base, key];
    if (!isObject(raw)) fail(`resource ${JSON.stringify(key)} must be an object`, at);
    const r = raw as Record<string, unknown>;
    const name = typeof r['name'] === 'string' && r['name'] !== '' ? r['name'] : key;
    const idParts = typeof r['id'] === 'string' ? r['id'].split('.') : [];
    const methodsRaw = r['methods'];
    if (!isObject(methodsRaw)) fail(`resource ${JSON.stringify(key)} has no methods object`, [...at, 'methods']);

    const mapped = new Map<string, MappedMethod>();
    for (const [methodName, mRaw] of Object.entries(methodsRaw as Record<string, unknown>)) {
      const mAt = [...at, 'methods', methodName];
      if (!isObject(mRaw)) fail(`method ${JSON.stringify(methodName)} must be an object`, mAt);
      const m = mRaw as Record<string, unknown>;
      const opRef = isObject(m['operation']) ? (m['operation'] as Record<string, unknown>)['$ref'] : undefined;
      const segs = typeof opRef === 'string' ? parsePointer(opRef) : undefined;
      const operation = segs && segs.length === 3 && segs[0] === 'paths' ? byLocation.get(`${segs[1]} ${segs[2]}`) : undefined;
      if (!operation) fail(`method ${JSON.stringify(methodName)} refers to no operation of the spec (${JSON.stringify(opRef)})`, [...mAt, 'operation', '$ref']);
      const resp = isObject(m['response']) ? (m['response'] as Record<string, unknown>) : {};
      const response: DocsMethodResponse = {};
      if (typeof resp['openAPIDocKey'] === 'string') response.status = resp['openAPIDocKey'];
      else if (operation!.successResponse) response.status = operation!.successResponse.status;
      if (typeof resp['mediaType'] === 'string') response.mediaType = resp['mediaType'];
      if (typeof resp['objectKey'] === 'string') {
        response.objectKey = resp['objectKey'];
        response.objectKeySource = 'spec';
      } else if (operation!.pagination) {
        response.objectKey = `$.${operation!.pagination.itemsProperty}`;
        response.objectKeySource = 'pagination';
      }
      mapped.set(methodName, { name: methodName, verb: 'exec', operation: operation!, response });
    }

    const verbs = isObject(r['sqlVerbs']) ? (r['sqlVerbs'] as Record<string, unknown>) : {};
    const ordered: MappedMethod[] = [];
    for (const verb of SQL_VERBS) {
      const list = verbs[verb];
      if (list === undefined) continue;
      if (!Array.isArray(list)) fail(`sqlVerbs.${verb} must be a list`, [...at, 'sqlVerbs', verb]);
      (list as unknown[]).forEach((item, i) => {
        const ref = isObject(item) ? (item as Record<string, unknown>)['$ref'] : undefined;
        const segs = typeof ref === 'string' ? parsePointer(ref) : undefined;
        const target = segs ? getAtPointer({ components: model.componentExtensions }, segs) : undefined;
        const methodName = segs?.[segs.length - 1];
        const method = methodName !== undefined && segs?.[segs.length - 2] === 'methods' && segs[segs.length - 3] === key ? mapped.get(methodName) : undefined;
        if (!method || target === undefined) fail(`sqlVerbs.${verb}[${i}] refers to no method of resource ${JSON.stringify(key)} (${JSON.stringify(ref)})`, [...at, 'sqlVerbs', verb, i, '$ref']);
        if (ordered.includes(method!)) return;
        method!.verb = verb;
        ordered.push(method!);
      });
    }
    // Methods no SQL verb names are EXEC (lifecycle) methods, in the order the resource lists them.
    for (const m of mapped.values()) if (!ordered.includes(m)) ordered.push(m);

    const resource: MappedResource = { name, methods: ordered };
    if (typeof r['title'] === 'string') resource.title = r['title'];
    const entry: (typeof entries)[number] = { key, resource };
    if (idParts.length === 3 && idParts.every((p) => p.length > 0)) {
      entry.provider = idParts[0]!;
      entry.service = idParts[1]!;
    }
    entries.push(entry);
  }

  const providers = [...new Set(entries.map((e) => e.provider).filter((p): p is string => p !== undefined))];
  const provider = checkedProvider(providerOverride ?? providers[0] ?? providerFromTitle(model), specFile);
  const services = new Map<string, MappedResource[]>();
  for (const e of entries) {
    const firstOp = e.resource.methods[0]?.operation;
    const serviceName = e.service ?? (firstOp ? snakeCase(firstOp.service) : 'default');
    const list = services.get(serviceName) ?? [];
    if (list.some((r) => r.name === e.resource.name)) {
      fail(`two resources are named ${JSON.stringify(e.resource.name)} in service ${JSON.stringify(serviceName)}`, [...base, e.key, 'name']);
    }
    list.push(e.resource);
    services.set(serviceName, list);
  }
  return { provider, services };
}

function isObject(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
