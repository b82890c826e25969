/**
 * The StackQL mapping: which SQL resource, method and verb each operation of the spec is, by service. Both StackQL
 * targets (the docs pages and the provider) read this one mapping, so the docs never describe a resource the
 * provider does not define. It comes from, in this order of precedence: a mapping CSV a person edited
 * (`stackql.mapping`, csv.ts), the spec's own `components.x-stackQL-resources` (a StackQL provider spec, taken as
 * it is), or the rules of derive.ts.
 * Pure: the model, the options and the CSV's text in, plain data out.
 */
import { SpecloomError } from '../errors.js';
import type { ApiModel } from '../ir/model.js';
import { getAtPointer, isRecord, parsePointer, toPointer } from '../json-pointer.js';
import { snakeCase } from '../names/naming.js';
import { mappingFromCsv } from './csv.js';
import { deriveRows, rowsToResources, type DerivedRow } from './derive.js';

export type { MappedMethod, MappedResource, Mapping, MethodResponse, SqlVerbOrExec, StackqlOptions } from './types.js';
import { SQL_VERBS, type MappedMethod, type MappedResource, type Mapping, type MethodResponse, type StackqlOptions } from './types.js';

const memo = new WeakMap<ApiModel, Map<string, Mapping>>();

/** The run's mapping (one per model and options: both StackQL targets get the same object). */
export function stackqlMapping(model: ApiModel, options: StackqlOptions, specFile: string): Mapping {
  const key = JSON.stringify([options, specFile]);
  const cached = memo.get(model)?.get(key);
  if (cached) return cached;
  const mapping = buildMapping(model, options, specFile);
  memo.set(model, (memo.get(model) ?? new Map<string, Mapping>()).set(key, mapping));
  return mapping;
}

function buildMapping(model: ApiModel, options: StackqlOptions, specFile: string): Mapping {
  if (options.mappingCsv !== undefined) {
    const provider = checkedProvider(options.provider ?? providerFromTitle(model), specFile);
    return { provider, source: 'csv', services: mappingFromCsv(model, options.mappingCsv, options) };
  }
  const stackql = model.componentExtensions['x-stackQL-resources'];
  if (stackql !== undefined) return fromExtension(model, stackql, specFile, options.provider);
  const provider = checkedProvider(options.provider ?? providerFromTitle(model), specFile);
  return { provider, source: 'derived', services: rowsToResources(deriveRows(model, options)) };
}

/** The mapping as one row per operation, in the spec's order (the CSV's rows). */
export function mappingRows(model: ApiModel, mapping: Mapping): DerivedRow[] {
  const order = new Map(model.operations.map((o, i) => [o, i]));
  const rows: DerivedRow[] = [];
  for (const [service, resources] of mapping.services) {
    for (const resource of resources) {
      for (const m of resource.methods) {
        const row: DerivedRow = { operation: m.operation, service, resource: resource.name, method: m.name, verb: m.verb };
        if (m.response.objectKey !== undefined) row.objectKey = m.response.objectKey;
        rows.push(row);
      }
    }
  }
  return rows.sort((a, b) => order.get(a.operation)! - order.get(b.operation)!);
}

// ---------------------------------------------------------------------------------------------
// Provider name

function providerFromTitle(model: ApiModel): string {
  return snakeCase(model.info.shortName ?? 'api') || 'api';
}

function checkedProvider(name: string, specFile: string): string {
  const snake = snakeCase(name);
  if (snake.length === 0 || !/^[a-z]/.test(snake)) {
    throw new SpecloomError(`StackQL provider name ${JSON.stringify(name)} is not usable as a StackQL provider name`, { file: specFile }, 'Set stackql.provider to a lower-case word such as "linode".');
  }
  return snake;
}

// ---------------------------------------------------------------------------------------------
// x-stackQL-resources

function fromExtension(model: ApiModel, ext: unknown, specFile: string, providerOverride: string | undefined): Mapping {
  const base = ['components', 'x-stackQL-resources'];
  const fail = (message: string, at: (string | number)[], hint = 'Fix x-stackQL-resources in the spec, or remove it to let specloom derive the resources.'): never => {
    throw new SpecloomError(message, { file: specFile, pointer: toPointer(at) }, hint);
  };
  if (!isRecord(ext)) fail('x-stackQL-resources must be an object of resources', base);
  const byLocation = new Map(model.operations.map((o) => [`${o.path} ${o.method}`, o]));

  const entries: { key: string; provider?: string; service?: string; resource: MappedResource }[] = [];
  for (const [key, raw] of Object.entries(ext as Record<string, unknown>)) {
    const at = [...base, key];
    if (!isRecord(raw)) fail(`resource ${JSON.stringify(key)} must be an object`, at);
    const r = raw as Record<string, unknown>;
    const name = typeof r['name'] === 'string' && r['name'] !== '' ? r['name'] : key;
    const idParts = typeof r['id'] === 'string' ? r['id'].split('.') : [];
    const methodsRaw = r['methods'];
    if (!isRecord(methodsRaw)) fail(`resource ${JSON.stringify(key)} has no methods object`, [...at, 'methods']);

    const mapped = new Map<string, MappedMethod>();
    for (const [methodName, mRaw] of Object.entries(methodsRaw as Record<string, unknown>)) {
      const mAt = [...at, 'methods', methodName];
      if (!isRecord(mRaw)) fail(`method ${JSON.stringify(methodName)} must be an object`, mAt);
      const m = mRaw as Record<string, unknown>;
      const opRef = isRecord(m['operation']) ? (m['operation'] as Record<string, unknown>)['$ref'] : undefined;
      const segs = typeof opRef === 'string' ? parsePointer(opRef) : undefined;
      const operation = segs && segs.length === 3 && segs[0] === 'paths' ? byLocation.get(`${segs[1]} ${segs[2]}`) : undefined;
      if (!operation) fail(`method ${JSON.stringify(methodName)} refers to no operation of the spec (${JSON.stringify(opRef)})`, [...mAt, 'operation', '$ref']);
      const resp = isRecord(m['response']) ? (m['response'] as Record<string, unknown>) : {};
      const response: MethodResponse = {};
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

    const verbs = isRecord(r['sqlVerbs']) ? (r['sqlVerbs'] as Record<string, unknown>) : {};
    const ordered: MappedMethod[] = [];
    for (const verb of SQL_VERBS) {
      const list = verbs[verb];
      if (list === undefined) continue;
      if (!Array.isArray(list)) fail(`sqlVerbs.${verb} must be a list`, [...at, 'sqlVerbs', verb]);
      (list as unknown[]).forEach((item, i) => {
        const ref = isRecord(item) ? (item as Record<string, unknown>)['$ref'] : undefined;
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
  return { provider, source: 'x-stackQL-resources', services };
}


