/**
 * A StackQL provider as input: `provider.yaml` (or the folder holding it) lists services whose `$ref`s are
 * relative to the registry root (`<root>/<provider>/<version>/provider.yaml`, refs `<provider>/<version>/services/
 * <service>.yaml`); each service is an OpenAPI 3.0 document with its own `components.x-stackQL-resources`.
 *
 * Reading (`readProviderSources`) finds and reads the service files; merging (`mergeProvider`) makes them one
 * OpenAPI document that every later stage reads as any spec: paths side by side, components shared where equal and
 * renamed (`<service>_<name>`) where two services give one name different content, every resource's id set to
 * `<provider>.<service>.<resource>`, and the provider itself (its services, titles and auth config) under
 * `components.x-stackQL-provider`. Errors and warnings point into the file they came from.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { SpecloomError, type SourceLocation } from '../errors.js';
import { escapeToken, isRecord, parsePointer, setOwn, toPointer } from '../json-pointer.js';
import { parseSpecText, type LoadedSpec } from './load.js';

/** A service file of a provider, as read. */
export interface ServiceSource {
  /** The service's key in `providerServices`. */
  key: string;
  file: string;
  absolutePath: string;
  text: string;
}

export interface ProviderSources {
  provider: LoadedSpec;
  /** provider.yaml's services, as it lists them. */
  entries: ServiceEntry[];
  services: ServiceSource[];
}

interface ServiceEntry {
  key: string;
  ref: string;
  title?: string;
  description?: string;
  name: string;
}

/** The provider's services, as `provider.yaml` lists them; its shape checked, with the line of what is wrong. */
function serviceEntries(provider: LoadedSpec): ServiceEntry[] {
  const doc = provider.document;
  const fail = (message: string, at: (string | number)[], hint: string): never => {
    throw new SpecloomError(message, provider.locate(toPointer(at)), hint);
  };
  const services = doc['providerServices'];
  if (!isRecord(services) || Object.keys(services as object).length === 0) fail('the provider lists no services', ['providerServices'], 'List each service under providerServices, with service: { $ref: <provider>/<version>/services/<service>.yaml }.');
  return Object.entries(services as Record<string, unknown>).map(([key, raw]) => {
    const at = ['providerServices', key];
    if (!isRecord(raw)) fail(`service ${JSON.stringify(key)} must be an object`, at, 'Give it name, title and service: { $ref }.');
    const entry = raw as Record<string, unknown>;
    const service = entry['service'];
    const ref = isRecord(service) ? (service as Record<string, unknown>)['$ref'] : undefined;
    if (typeof ref !== 'string' || ref === '') fail(`service ${JSON.stringify(key)} has no service.$ref`, [...at, 'service'], 'Point service.$ref at the service spec, relative to the registry root.');
    const out: ServiceEntry = { key, ref: ref as string, name: typeof entry['name'] === 'string' && entry['name'] !== '' ? entry['name'] : key };
    if (typeof entry['title'] === 'string') out.title = entry['title'];
    if (typeof entry['description'] === 'string') out.description = entry['description'];
    return out;
  });
}

/**
 * The registry root the service refs are relative to: two folders up from `<provider>/<version>/provider.yaml`
 * when the file sits in such folders, else the folder of provider.yaml.
 */
function registryRoot(providerPath: string, doc: Record<string, unknown>): string {
  const versionDir = path.dirname(providerPath);
  const providerDir = path.dirname(versionDir);
  const names = [doc['id'], doc['name']].filter((n): n is string => typeof n === 'string');
  const version = typeof doc['version'] === 'string' ? doc['version'] : undefined;
  const inLayout = names.includes(path.basename(providerDir)) && (version === undefined || path.basename(versionDir) === version);
  return inLayout ? path.dirname(providerDir) : versionDir;
}

/** Reads provider.yaml's service files, in its order; a missing one is an error naming it and the ref. */
export async function readProviderSources(file: string, absolutePath: string, text: string, cwd: string): Promise<ProviderSources> {
  const provider = parseSpecText(text, file, absolutePath);
  const entries = serviceEntries(provider);
  const root = registryRoot(absolutePath, provider.document);
  const display = (p: string) => {
    const rel = path.relative(cwd, p);
    return rel.startsWith('..') || path.isAbsolute(rel) ? p : rel;
  };
  const reads = entries.map(async (entry) => {
    const servicePath = path.resolve(root, entry.ref);
    try {
      return { key: entry.key, file: display(servicePath), absolutePath: servicePath, text: await readFile(servicePath, 'utf8') };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return new SpecloomError(
        `${code === 'ENOENT' ? 'service file not found' : `cannot read the service file (${code ?? 'unknown error'})`}: ${display(servicePath)}, the $ref of service ${JSON.stringify(entry.key)}`,
        provider.locate(toPointer(['providerServices', entry.key, 'service', '$ref'])),
        `Service $refs are relative to the registry root (${display(root) || '.'}); add the file, or remove the service from the provider.`,
      );
    }
  });
  const services: ServiceSource[] = [];
  // The first missing file in the provider's order is the one reported.
  for (const read of await Promise.all(reads)) {
    if (read instanceof SpecloomError) throw read;
    services.push(read);
  }
  return { provider, entries, services };
}

const COMPONENT_SECTIONS = ['schemas', 'responses', 'parameters', 'examples', 'requestBodies', 'headers', 'securitySchemes', 'links', 'callbacks', 'pathItems'];
const RESOURCES = 'x-stackQL-resources';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Where a piece of the merged document came from: the service spec and its own pointer there. */
interface Origin {
  spec: LoadedSpec;
  /** The key the piece has in its own file (before a rename). */
  ownKey: string;
}

/**
 * The provider's services as one OpenAPI document (see the module comment). A service file that is not an
 * OpenAPI document, or a path two services both define, is an error naming the file.
 */
export function mergeProvider(sources: ProviderSources): LoadedSpec & { services: LoadedSpec[] } {
  const { provider } = sources;
  const entries = new Map(sources.entries.map((e) => [e.key, e]));
  const providerName = [provider.document['name'], provider.document['id']].find((n): n is string => typeof n === 'string' && n !== '') ?? 'provider';
  const specs = sources.services.map((s) => parseSpecText(s.text, s.file, s.absolutePath));

  const merged: Record<string, unknown> = {};
  const paths: Record<string, Record<string, unknown>> = {};
  const components: Record<string, Record<string, unknown>> = {};
  const origins = new Map<string, Origin>();
  const tags: Record<string, unknown>[] = [];
  const serviceList: Record<string, unknown>[] = [];

  sources.services.forEach((source, index) => {
    const spec = specs[index]!;
    const doc = spec.document;
    const entry = entries.get(source.key)!;
    if (typeof doc['openapi'] !== 'string') {
      throw new SpecloomError(`service ${JSON.stringify(source.key)} is not an OpenAPI document: expected a top-level "openapi" field`, { ...spec.locate(''), pointer: '#/openapi' }, `Check the $ref of providerServices.${source.key} in ${provider.file}.`);
    }
    if (index === 0) {
      merged['openapi'] = doc['openapi'];
      for (const key of ['servers', 'security', 'externalDocs']) if (doc[key] !== undefined) merged[key] = doc[key];
      merged['info'] = providerInfo(provider.document, providerName, doc['info']);
    }
    const serviceName = entry.name;
    // Component names this service's refs must follow to a renamed copy.
    const renames = new Map<string, string>();
    const ownComponents = isRecord(doc['components']) ? (doc['components'] as Record<string, unknown>) : {};
    for (const section of [...COMPONENT_SECTIONS, RESOURCES]) {
      const own = ownComponents[section];
      if (!isRecord(own)) continue;
      const target = (components[section] ??= {});
      for (const [name, value] of Object.entries(own as Record<string, unknown>)) {
        const taken = Object.prototype.hasOwnProperty.call(target, name);
        if (taken && section !== RESOURCES && isDeepStrictEqual(target[name], value)) continue;
        let key = name;
        for (let n = 1; Object.prototype.hasOwnProperty.call(target, key); n++) key = n === 1 ? `${serviceName}_${name}` : `${serviceName}_${name}_${n}`;
        if (key !== name) renames.set(`#/components/${escapeToken(section)}/${escapeToken(name)}`, `#/components/${escapeToken(section)}/${escapeToken(key)}`);
        // Keys are the spec's names: `__proto__` must be a key, not the prototype.
        setOwn(target, key, value);
        origins.set(`components\u0000${section}\u0000${key}`, { spec, ownKey: name });
      }
    }
    const rewrite = renames.size > 0 ? (node: unknown) => rewriteRefs(node, renames) : (node: unknown) => node;
    for (const section of [...COMPONENT_SECTIONS, RESOURCES]) {
      for (const [key, value] of Object.entries(components[section] ?? {})) {
        if (origins.get(`components\u0000${section}\u0000${key}`)?.spec === spec) setOwn(components[section]!, key, rewrite(value));
      }
    }
    // Every resource of this service names its service: the docs and the provider group by it.
    for (const [key, value] of Object.entries(components[RESOURCES] ?? {})) {
      const origin = origins.get(`components\u0000${RESOURCES}\u0000${key}`);
      if (origin?.spec !== spec || !isRecord(value)) continue;
      const resource = value as Record<string, unknown>;
      const name = typeof resource['name'] === 'string' && resource['name'] !== '' ? resource['name'] : origin.ownKey;
      setOwn(components[RESOURCES]!, key, { ...resource, name, id: `${providerName}.${serviceName}.${name}` });
    }

    const ownPaths = isRecord(doc['paths']) ? (doc['paths'] as Record<string, unknown>) : {};
    for (const [p, item] of Object.entries(ownPaths)) {
      if (!isRecord(item)) continue;
      const existing = Object.hasOwn(paths, p) ? paths[p] : undefined;
      if (existing === undefined) {
        setOwn(paths, p, rewrite(item));
        origins.set(`paths\u0000${p}`, { spec, ownKey: p });
        continue;
      }
      const first = origins.get(`paths\u0000${p}`)!;
      for (const [method, operation] of Object.entries(rewrite(item) as Record<string, unknown>)) {
        if (METHODS.includes(method) && existing[method] !== undefined) {
          throw new SpecloomError(`${method.toUpperCase()} ${p} is defined by two services: here and in ${first.spec.file}`, spec.locate(toPointer(['paths', p, method])), 'A provider maps each operation once; remove it from one of the services.');
        }
        if (existing[method] === undefined) setOwn(existing, method, operation);
      }
    }
    for (const tag of Array.isArray(doc['tags']) ? (doc['tags'] as unknown[]) : []) {
      if (isRecord(tag) && !tags.some((t) => t['name'] === (tag as Record<string, unknown>)['name'])) tags.push(tag as Record<string, unknown>);
    }
    const listed: Record<string, unknown> = { name: serviceName, file: source.file };
    if (entry.title !== undefined) listed['title'] = entry.title;
    if (entry.description !== undefined) listed['description'] = entry.description;
    serviceList.push(listed);
  });

  merged['paths'] = paths;
  if (tags.length > 0) merged['tags'] = tags;
  const config = provider.document['config'];
  merged['components'] = { ...components, 'x-stackQL-provider': { name: providerName, services: serviceList, ...(isRecord(config) ? { config } : {}) } };

  const locate = (pointer: string): SourceLocation => {
    const segments = parsePointer(pointer) ?? [];
    const origin =
      segments[0] === 'paths' && segments[1] !== undefined
        ? origins.get(`paths\u0000${segments[1]}`)
        : segments[0] === 'components' && segments[1] !== undefined && segments[2] !== undefined
          ? origins.get(`components\u0000${segments[1]}\u0000${segments[2]}`)
          : undefined;
    if (origin === undefined) return { ...provider.locate(''), pointer };
    const own = [...segments];
    own[segments[0] === 'paths' ? 1 : 2] = origin.ownKey;
    return origin.spec.locate(toPointer(own));
  };
  return { file: provider.file, absolutePath: provider.absolutePath, text: provider.text, document: merged, locate, services: specs };
}

/** info of the merged document: the provider's name as its title (capitalized when it is all lower case). */
function providerInfo(doc: Record<string, unknown>, name: string, firstInfo: unknown): Record<string, unknown> {
  const title = typeof doc['title'] === 'string' && doc['title'] !== '' ? doc['title'] : name.charAt(0).toUpperCase() + name.slice(1);
  const version = isRecord(firstInfo) && typeof (firstInfo as Record<string, unknown>)['version'] === 'string' ? (firstInfo as Record<string, unknown>)['version'] : String(doc['version'] ?? '1');
  const info: Record<string, unknown> = { title, version };
  if (typeof doc['description'] === 'string') info['description'] = doc['description'];
  return info;
}

/** A copy of a node with its `$ref`s to renamed components pointed at the new names (deeper pointers too). */
function rewriteRefs(node: unknown, renames: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(node)) return node.map((n) => rewriteRefs(n, renames));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') {
      const [base, rest] = splitRef(value);
      const renamed = base !== undefined ? renames.get(base) : undefined;
      out[key] = renamed !== undefined ? renamed + rest : value;
    } else out[key] = rewriteRefs(value, renames);
  }
  return out;
}

/** `#/components/schemas/A/properties/b` -> [`#/components/schemas/A`, `/properties/b`]. */
function splitRef(ref: string): [string | undefined, string] {
  const m = /^(#\/components\/[^/]+\/[^/]+)(.*)$/.exec(ref);
  return m ? [m[1], m[2]!] : [undefined, ''];
}

