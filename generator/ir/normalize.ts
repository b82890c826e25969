/**
 * Stage 3, normalize: the bundled OpenAPI document to the plain-data ApiModel. Pure: no file
 * system, no clock, no environment. Everything later reads the model, never the document.
 */
import type { Warning } from '../errors.js';
import { escapeToken, toPointer } from '../json-pointer.js';
import type { OpenApiDocument, ValidatedSpec } from '../validate/validate.js';
import { assignResources, classify, serviceOf, splitPath } from './grouping.js';
import type {
  ApiModel, ApiVersionParameter, HttpMethod, NamedSchema, Operation, Pagination, RequestBody, Resource, Response, SchemaNode, Service,
} from './model.js';
import { mergeParameters } from './parameters.js';
import { derefComponent, objectProperties, resolveSchema, schemaTable, type SchemaTable } from './resolve.js';
import { normalizeSchema } from './schema.js';
import { effectiveSecurity, normalizeSecuritySchemes } from './security.js';
import { words } from '../names/naming.js';
import type { Profile } from '../profiles/profile.js';

const HTTP_METHODS: HttpMethod[] = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export interface NormalizeResult {
  model: ApiModel;
  warnings: Warning[];
}

/** `profile`: the vendor's rules the model settles (how lists paginate, which fields are filterable). */
export function normalize(spec: ValidatedSpec, profile: Profile): NormalizeResult {
  const doc = spec.document;
  const warnings: Warning[] = [];
  const components = (doc.components ?? {}) as Record<string, Record<string, unknown>>;

  const schemas: NamedSchema[] = Object.entries(components['schemas'] ?? {}).map(([name, raw]) => {
    const pointer = toPointer(['components', 'schemas', name]);
    return { name, pointer, schema: normalizeSchema(raw, pointer) };
  });
  const table = schemaTable(schemas);
  const apiVersion = detectApiVersion(doc);
  const operations = normalizeOperations(doc, table, apiVersion, warnings, profile);

  const info = doc.info;
  const title = typeof info['title'] === 'string' ? info['title'] : 'API';
  const model: ApiModel = {
    openapiVersion: spec.openapiVersion,
    openapi: doc.openapi,
    info: {
      title,
      version: typeof info['version'] === 'string' ? info['version'] : String(info['version'] ?? '0.0.0'),
    },
    servers: (Array.isArray(doc['servers']) ? (doc['servers'] as Record<string, unknown>[]) : [])
      .filter((s) => typeof s?.['url'] === 'string')
      .map((s) => (typeof s['description'] === 'string' ? { url: String(s['url']), description: s['description'] } : { url: String(s['url']) })),
    securitySchemes: normalizeSecuritySchemes(components['securitySchemes']),
    schemas,
    operations,
    services: groupServices(operations, doc),
    extensions: vendorExtensions(doc),
    componentExtensions: vendorExtensions(components),
    sourceDocument: doc,
  };
  const shortName = titleWord(title);
  if (shortName !== undefined) model.info.shortName = shortName;
  if (typeof info['description'] === 'string') model.info.description = info['description'];
  const license = info['license'] as Record<string, unknown> | undefined;
  if (license && typeof license['name'] === 'string') {
    model.info.license = typeof license['url'] === 'string' ? { name: license['name'], url: license['url'] } : { name: license['name'] };
  }
  const contact = info['contact'] as Record<string, unknown> | undefined;
  if (contact && typeof contact['url'] === 'string') model.info.contactUrl = contact['url'];
  const externalDocs = doc['externalDocs'] as Record<string, unknown> | undefined;
  if (externalDocs && typeof externalDocs['url'] === 'string') {
    model.externalDocs = typeof externalDocs['description'] === 'string' ? { url: externalDocs['url'], description: externalDocs['description'] } : { url: externalDocs['url'] };
  }
  if (apiVersion) model.apiVersion = apiVersion;
  return { model, warnings };
}

/** The first word of the title that is not "API" and can start a name: `Linode` of "Linode API", `Acme` of "1st Acme API". */
function titleWord(title: string): string | undefined {
  return words(title).find((w) => !/^api$/i.test(w) && /^[A-Za-z]/.test(w));
}

function vendorExtensions(obj: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).filter(([k]) => k.startsWith('x-')));
}

/**
 * A path parameter that is the first segment of every path it appears in and whose values look
 * like versions (`v4`, `v4beta`) is the API version: a client option, not a method argument.
 */
function detectApiVersion(doc: OpenApiDocument): ApiVersionParameter | undefined {
  let found: ApiVersionParameter | undefined;
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const first = splitPath(path)[0];
    const m = first ? /^\{([^}]+)\}$/.exec(first) : null;
    if (!m) continue;
    const name = m[1]!;
    const declared = [item['parameters'], ...HTTP_METHODS.map((method) => (item[method] as Record<string, unknown> | undefined)?.['parameters'])]
      .flatMap((list) => (Array.isArray(list) ? list : []))
      .map((p) => derefComponent(doc, p).value)
      .find((p) => p['name'] === name && p['in'] === 'path');
    const schema = (declared?.['schema'] ?? {}) as Record<string, unknown>;
    const values = Array.isArray(schema['enum']) ? (schema['enum'] as unknown[]).map(String) : [];
    const looksLikeVersion = values.length > 0 ? values.every((v) => /^v\d/i.test(v)) : /version/i.test(name);
    if (!looksLikeVersion) continue;
    const fallback = typeof schema['default'] === 'string' ? schema['default'] : values[0];
    if (fallback === undefined) continue;
    found ??= { name, values, default: fallback };
    if (found.name === name && typeof declared?.['description'] === 'string' && found.description === undefined) {
      found.description = declared['description'];
    }
  }
  return found;
}

function normalizeOperations(doc: OpenApiDocument, table: SchemaTable, apiVersion: ApiVersionParameter | undefined, warnings: Warning[], profile: Profile): Operation[] {
  const operations: Operation[] = [];
  const seenIds = new Map<string, number>();

  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const raw = item[method] as Record<string, unknown> | undefined;
      if (!raw || typeof raw !== 'object') continue;
      const pointer = toPointer(['paths', path, method]);

      let operationId = typeof raw['operationId'] === 'string' && raw['operationId'].trim() !== '' ? raw['operationId'] : undefined;
      const operationIdDerived = operationId === undefined;
      operationId ??= deriveOperationId(method, path);
      const count = seenIds.get(operationId) ?? 0;
      seenIds.set(operationId, count + 1);
      if (count > 0) {
        const unique = `${operationId}-${count + 1}`;
        warnings.push({ message: `duplicate operationId "${operationId}" renamed to "${unique}"`, pointer: `${pointer}/operationId` });
        operationId = unique;
      }

      const parameters = mergeParameters(doc, path, method, item['parameters'], raw['parameters']);
      for (const p of parameters) p.isApiVersion = apiVersion !== undefined && p.in === 'path' && p.name === apiVersion.name;

      const responses = normalizeResponses(doc, raw['responses'], `${pointer}/responses`);
      const successResponse = responses.find((r) => /^2(\d\d|XX)$/i.test(r.status));
      const pagination = successResponse?.schema ? detectPagination(successResponse.schema, table, profile) : undefined;
      const returnsCollection = pagination !== undefined || (successResponse?.schema ? resolveSchema(successResponse.schema, table).type === 'array' : false);
      const shape = classify(method, path, returnsCollection, {
        hasGetOnSamePath: typeof item['get'] === 'object',
        onlyPostOnSamePath: HTTP_METHODS.every((m) => m === 'post' || typeof item[m] !== 'object'),
        isPath: (p) => Object.hasOwn(doc.paths ?? {}, p),
        apiVersionParam: apiVersion?.name,
      });

      const tags = Array.isArray(raw['tags']) ? (raw['tags'] as unknown[]).map(String) : [];
      const operation: Operation = {
        operationId,
        operationIdDerived,
        method,
        path,
        pointer,
        deprecated: raw['deprecated'] === true,
        tags,
        parameters,
        responses,
        security: effectiveSecurity(raw['security'], doc['security']),
        kind: shape.kind,
        collectionPath: shape.collectionPath,
        filterableFields: pagination && profile.filterableExtension !== undefined ? filterableFields(pagination.item, table, profile.filterableExtension) : [],
        service: serviceOf(path, apiVersion?.name),
        resource: '', // set below, once every operation is known
        extensions: Object.fromEntries(Object.entries(raw).filter(([k]) => k.startsWith('x-'))),
      };
      if (typeof raw['summary'] === 'string') operation.summary = raw['summary'];
      if (typeof raw['description'] === 'string') operation.description = raw['description'];
      const ext = raw['externalDocs'] as Record<string, unknown> | undefined;
      if (ext && typeof ext['url'] === 'string') {
        operation.externalDocs = typeof ext['description'] === 'string' ? { url: ext['url'], description: ext['description'] } : { url: ext['url'] };
      }
      if (shape.actionName !== undefined) operation.actionName = shape.actionName;
      const body = normalizeRequestBody(doc, raw['requestBody'], `${pointer}/requestBody`);
      if (body) operation.requestBody = body;
      if (successResponse) operation.successResponse = successResponse;
      if (pagination) operation.pagination = pagination;
      operations.push(operation);
    }
  }
  const resources = assignResources(operations, apiVersion?.name);
  operations.forEach((op, i) => {
    op.resource = resources[i]!;
  });
  return operations;
}

/** "get /{apiVersion}/profile/tokens/{tokenId}" -> "get-profile-tokens-tokenId" */
function deriveOperationId(method: string, path: string): string {
  const parts = splitPath(path).map((s) => s.replace(/[{}]/g, ''));
  return [method, ...parts].join('-');
}

/** Picks the JSON media type when there is one (§4.7.11: a body may offer several). */
function pickMedia(content: unknown): { mediaType: string; schema: unknown } | undefined {
  if (content === null || typeof content !== 'object') return undefined;
  const entries = Object.entries(content as Record<string, Record<string, unknown>>);
  const json = entries.find(([type]) => /^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) ?? entries[0];
  return json ? { mediaType: json[0], schema: json[1]?.['schema'] } : undefined;
}

function normalizeRequestBody(doc: OpenApiDocument, raw: unknown, pointer: string): RequestBody | undefined {
  if (raw === undefined) return undefined;
  const { value, pointer: refPointer } = derefComponent(doc, raw);
  const media = pickMedia(value['content']);
  if (!media) return undefined;
  const base = refPointer ?? pointer;
  const body: RequestBody = {
    required: value['required'] === true,
    mediaType: media.mediaType,
    schema: normalizeSchema(media.schema ?? {}, `${base}/content/${escapeToken(media.mediaType)}/schema`),
    pointer: base,
  };
  if (typeof value['description'] === 'string') body.description = value['description'];
  return body;
}

function normalizeResponses(doc: OpenApiDocument, raw: unknown, pointer: string): Response[] {
  if (raw === null || typeof raw !== 'object') return [];
  return Object.entries(raw as Record<string, unknown>).map(([status, r]) => {
    const { value, pointer: refPointer } = derefComponent(doc, r);
    const base = refPointer ?? `${pointer}/${status}`;
    const response: Response = { status, description: typeof value['description'] === 'string' ? value['description'] : '', pointer: base };
    const media = pickMedia(value['content']);
    if (media) {
      response.mediaType = media.mediaType;
      if (media.schema !== undefined) {
        response.schema = normalizeSchema(media.schema, `${base}/content/${escapeToken(media.mediaType)}/schema`);
      }
    }
    return response;
  });
}

/** The profile's page envelope (`{data: T[], page, pages, results}`), possibly spread over allOf members. */
function detectPagination(schema: SchemaNode, table: SchemaTable, profile: Profile): Pagination | undefined {
  const { itemsProperty, counterProperties } = profile.pagination;
  const props = objectProperties(schema, table);
  const names = new Set(props.map((p) => p.name));
  if (![itemsProperty, ...counterProperties].every((n) => names.has(n))) return undefined;
  const data = resolveSchema(props.find((p) => p.name === itemsProperty)!.schema, table);
  if (data.type !== 'array' || !data.items) return undefined;
  return { itemsProperty, item: data.items };
}

function filterableFields(item: SchemaNode, table: SchemaTable, extension: string): Operation['filterableFields'] {
  return objectProperties(item, table)
    .filter((p) => p.schema.extensions[extension] === true || resolveSchema(p.schema, table).extensions[extension] === true)
    .map((p) => ({ name: p.name, schema: p.schema }));
}

function groupServices(operations: Operation[], doc: OpenApiDocument): Service[] {
  const tagDescriptions = new Map<string, string>();
  for (const tag of Array.isArray(doc['tags']) ? (doc['tags'] as Record<string, unknown>[]) : []) {
    if (typeof tag?.['name'] === 'string' && typeof tag['description'] === 'string') tagDescriptions.set(tag['name'], tag['description']);
  }
  const services = new Map<string, Map<string, Resource>>();
  for (const op of operations) {
    const resources = services.get(op.service) ?? new Map<string, Resource>();
    services.set(op.service, resources);
    let resource = resources.get(op.resource);
    if (!resource) {
      resource = { name: op.resource, collectionPath: op.collectionPath, operationIds: [] };
      const description = tagDescriptions.get(op.resource);
      if (description !== undefined) resource.description = description;
      resources.set(op.resource, resource);
    }
    resource.operationIds.push(op.operationId);
  }
  return [...services].map(([name, resources]) => ({ name, resources: [...resources.values()] }));
}
