/**
 * The client target's planner: every file path, identifier and import path of the client package,
 * claimed in the run's name registry (scopes `client/types`, `client/values`...), with collisions
 * resolved deterministically (first come in model order keeps the plain name). The emitter prints what
 * the plan says and renames nothing.
 */
import { getAtPointer, parsePointer } from '../../json-pointer.js';
import type { ApiModel, Operation, Parameter, SchemaNode } from '../../ir/model.js';
import { isReadOnly, objectProperties, resolveSchema, schemaTable, type SchemaTable } from '../../ir/resolve.js';
import { normalizeSchema } from '../../ir/schema.js';
import { camelCase, envVarName, isIdentifier, kebabCase, pascalCase, safeIdentifier, singular } from '../../names/naming.js';
import { importPath, NameScope, type NameRegistry } from '../../names/registry.js';
import type { PaginationRules, Profile } from '../../profiles/profile.js';
import { exampleObject, exampleValue } from './examples.js';
import { planReference } from './reference.js';
import type { ClientConfig, ClientPlan, PlannedModel, PlannedOperation, PlannedOutput, PlannedPathParam, PlannedQueryParam, PlannedResource, PlannedService, ReferencePages } from './types.js';

export type * from './types.js';

/** The per-item templates, rendered once per service, resource or reference page. */
export const ITEM_TEMPLATES = {
  service: 'client/src/service.ts.hbs',
  resource: 'client/src/resource.ts.hbs',
  resourcePage: 'client/docs/resource.md.hbs',
  modelPage: 'client/docs/model.md.hbs',
} as const;
const PER_ITEM = new Set<string>(Object.values(ITEM_TEMPLATES));

/** A client template file that is not a template (no .hbs): copied as written, the runtime. */
export function isStaticClientFile(templatePath: string): boolean {
  return templatePath.startsWith('client/') && !templatePath.endsWith('.hbs');
}

/** Names of what runtime.ts and client.ts export: models must not take them. */
const RESERVED_TYPES = [
  'components', 'paths', 'operations', 'webhooks', '$defs', 'Client', 'ClientOptions', 'RequestOptions', 'ClientContext',
  'APIPromise', 'Page', 'XFilter', 'RawFilter', 'ApiError', 'BadRequestError', 'AuthenticationError',
  'PermissionDeniedError', 'NotFoundError', 'RateLimitError', 'InternalServerError', 'ConnectionError', 'TimeoutError',
  'UserAbortError', 'ValidationError', 'ValidationIssue', 'OperationSchemas', 'StandardSchema', 'Promise', 'Record', 'Omit', 'Pick', 'Partial', 'Array', 'Date', 'Error', 'Response',
];
const RESERVED_VALUES = [
  'createClient', 'request', 'iterateItems', 'iteratePages', 'rawFilter', 'createClientContext', 'clientDefaults',
];

export interface ClientPlanInput {
  model: ApiModel;
  config: ClientConfig;
  names: NameRegistry;
  profile: Profile;
  /** The template files under client/, by path relative to the templates folder. */
  templatePaths: readonly string[];
}

const DIR = 'client';
const SRC = 'src';

export function planClient({ model, config, names, profile, templatePaths }: ClientPlanInput): ClientPlan {
  const table = schemaTable(model.schemas);
  const typeNames = names.scope('client/types', RESERVED_TYPES);
  const valueNames = names.scope('client/values', RESERVED_VALUES);
  const typeSchemas: ClientPlan['typeSchemas'] = [];
  const schemaKeys = names.scope('client/schema-keys', model.schemas.map((s) => s.name));
  const models: PlannedModel[] = [];

  // Component schemas keep their names (PascalCased, made unique).
  const componentTypeName = new Map<string, string>();
  for (const s of model.schemas) {
    const typeName = typeNames.claim(safeTypeName(s.name));
    componentTypeName.set(s.name, typeName);
    typeSchemas.push({ key: s.name, schema: rawSchema(model, s.pointer) });
    models.push(withDescription({ kind: 'alias', typeName, schemaKey: s.name, deprecated: s.schema.deprecated, schema: s.schema }, s.schema.description));
  }

  /** Names a schema used by an operation: a ref keeps its component's name, an inline one is hoisted. */
  const typeFor = (node: SchemaNode, hoistName: string): string => {
    if (node.ref !== undefined && componentTypeName.has(node.ref)) return componentTypeName.get(node.ref)!;
    const typeName = typeNames.claim(hoistName);
    const key = schemaKeys.claim(typeName);
    typeSchemas.push({ key, schema: rawSchema(model, node.pointer) });
    models.push(withDescription({ kind: 'alias', typeName, schemaKey: key, deprecated: node.deprecated, schema: node }, node.description));
    return typeName;
  };

  const opsById = new Map(model.operations.map((op) => [op.operationId, op]));
  const services: PlannedService[] = [];
  const servicePropNames = names.scope('client/services');
  for (const service of model.services) {
    const propertyName = servicePropNames.claim(safeIdentifier(camelCase(service.name), 'default'));
    const className = typeNames.claim(typeIdentifier(`${pascalCase(service.name) || 'Default'}Service`));
    const serviceDir = `services/${kebabCase(service.name) || 'default'}`;
    const resourceProps = names.scope(`client/service:${propertyName}/resources`);
    const resourceFiles = names.scope(`client/service:${propertyName}/files`, ['index']);
    const resources: PlannedResource[] = service.resources.map((resource) => {
      const resourceProp = resourceProps.claim(safeIdentifier(camelCase(resource.name), 'resource'));
      const baseName = typeIdentifier(pascalCase(resource.name) || 'Resource');
      const singularName = typeIdentifier(pascalCase(singular(resource.name)) || baseName);
      const className = typeNames.claim(typeNames.has(baseName) ? `${baseName}Resource` : baseName);
      const fileBase = resourceFiles.claim(kebabCase(resource.name) || 'resource');
      const ops = resource.operationIds.map((id) => opsById.get(id)!);
      const methodNames = planMethodNames(ops, names.scope(`client/class:${className}/methods`, ['constructor']));
      const operations = ops.map((op) =>
        planOperation(op, methodNames.get(op.operationId)!, singularName, { table, typeNames, valueNames, models, typeFor, schemaKeys, typeSchemas, model, names, pagination: profile.pagination }),
      );
      const file = `${serviceDir}/${fileBase}.ts`;
      const planned: PlannedResource = {
        name: resource.name,
        propertyName: resourceProp,
        className,
        file,
        importFromService: importPath(`${serviceDir}/index.ts`, file),
        importFromIndex: importPath('index.ts', file),
        runtimeImport: importPath(file, 'core/runtime.ts'),
        modelsImport: importPath(file, 'models.ts'),
        modelImports: modelImports(operations),
        hasPagination: operations.some((o) => o.pagination),
        operations,
      };
      if (resource.description !== undefined) planned.description = resource.description;
      return planned;
    });
    const serviceFile = `${serviceDir}/index.ts`;
    services.push({ name: service.name, propertyName, className, file: serviceFile, importFromClient: importPath('client.ts', serviceFile), runtimeImport: importPath(serviceFile, 'core/runtime.ts'), resources });
  }

  const title = model.info.title;
  const prefix = safeIdentifier(config.name ?? pascalCase(model.info.shortName ?? 'Api'), 'Api');
  const packageName = config.packageName ?? (kebabCase(title) || 'api-client');
  const packageVersion = config.packageVersion ?? model.info.version;
  const license = config.license ?? spdxLicense(model.info.license?.name);
  const sample = sampleCall(services);
  const range = pageSizeRange(profile.pagination);
  const planned: ClientPlan = {
    dir: DIR,
    packageName,
    packageVersion,
    ...(license !== undefined ? { license } : {}),
    errorClassName: typeNames.claim(`${prefix}ApiError`),
    validationErrorClassName: typeNames.claim(`${prefix}ValidationError`),
    tokenEnvVar: names.scope('client/env').claim(envVarName(prefix, 'TOKEN')),
    userAgent: `${packageName}/${packageVersion} (specloom)`,
    clientVariable: safeIdentifier(camelCase(prefix), 'client'),
    baseUrl: model.servers[0]?.url.replace(/\/+$/, '') ?? '',
    files: { index: 'src/index.ts', client: 'src/client.ts', schema: 'src/schema.ts', models: 'src/models.ts', runtimeDir: 'src/core' },
    openapi: model.openapi,
    typeSchemas,
    models,
    services,
    usesFilter: models.some((m) => m.kind === 'params' && m.filter !== undefined),
    ...(range !== undefined ? { pageSizeRange: range } : {}),
    outputs: planOutputs(templatePaths),
    ...(sample !== undefined ? { sampleCall: sample } : {}),
    reference: undefined as unknown as ReferencePages,
  };
  planned.reference = planReference(model, planned, names, profile);
  for (const output of planned.outputs) names.claimFile(`${DIR}/${output.path}`, 'client');
  for (const service of services) {
    names.claimFile(`${DIR}/${SRC}/${service.file}`, 'client');
    for (const resource of service.resources) names.claimFile(`${DIR}/${SRC}/${resource.file}`, 'client');
  }
  names.claimFile(`${DIR}/${planned.files.schema}`, 'client');
  for (const page of [...planned.reference.resources, ...planned.reference.models]) names.claimFile(`${DIR}/${page.page}`, 'client');
  return planned;
}

/** Outputs of the templates that are not per item: a .hbs renders to its path without .hbs, any other file is copied. */
function planOutputs(templatePaths: readonly string[]): PlannedOutput[] {
  const outputs: PlannedOutput[] = [];
  for (const template of [...templatePaths].sort()) {
    if (!template.startsWith(`${DIR}/`) || template.includes('/partials/') || PER_ITEM.has(template)) continue;
    const rel = template.slice(DIR.length + 1);
    outputs.push(template.endsWith('.hbs') ? { template, path: rel.slice(0, -'.hbs'.length), mode: 'render' } : { template, path: rel, mode: 'copy' });
  }
  return outputs;
}

/** "25 to 500" when the profile bounds the page size on both sides. */
function pageSizeRange(pagination: PaginationRules): string | undefined {
  const { minimum, maximum } = pagination.pageSizeParameter.schema;
  return typeof minimum === 'number' && typeof maximum === 'number' ? `${minimum} to ${maximum}` : undefined;
}

/** The types a resource module imports from models.ts. */
function modelImports(operations: PlannedOperation[]): string[] {
  const types = new Set<string>();
  for (const op of operations) {
    if (op.paramsType) types.add(op.paramsType);
    if (op.responseType !== 'void') types.add(op.responseType);
    if (op.pagination) types.add(op.pagination.itemType);
  }
  return [...types].sort();
}

/** A call for examples: the first "get" (one item, likely to 404), else the first operation without params. */
function sampleCall(services: PlannedService[]): ClientPlan['sampleCall'] {
  const candidates = services.flatMap((service) =>
    service.resources.flatMap((resource) => resource.operations.map((op) => ({ service: service.propertyName, resource: resource.propertyName, op }))),
  );
  const pick = candidates.find((c) => c.op.methodName === 'get') ?? candidates.find((c) => !c.op.paramsRequired);
  return pick ? { service: pick.service, resource: pick.resource, method: pick.op.methodName, pathArgs: pick.op.example.pathArgs } : undefined;
}

/** The SPDX id for the license names specs commonly write ("Apache 2.0" -> "Apache-2.0"). */
function spdxLicense(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const known: Record<string, string> = {
    'apache 2.0': 'Apache-2.0', 'apache-2.0': 'Apache-2.0', 'apache license 2.0': 'Apache-2.0', 'apache license, version 2.0': 'Apache-2.0',
    mit: 'MIT', 'mit license': 'MIT', 'bsd-3-clause': 'BSD-3-Clause', 'bsd 3-clause': 'BSD-3-Clause', 'isc': 'ISC', 'mpl-2.0': 'MPL-2.0',
    'gpl-3.0': 'GPL-3.0', 'cc0-1.0': 'CC0-1.0', 'unlicense': 'Unlicense',
  };
  return known[name.trim().toLowerCase()] ?? (/^[A-Za-z0-9.+-]+$/.test(name.trim()) ? name.trim() : undefined);
}

function withDescription<T extends PlannedModel>(m: T, description: string | undefined): T {
  if (description !== undefined) (m as { description?: string }).description = description;
  return m;
}

function safeTypeName(name: string): string {
  return typeIdentifier(pascalCase(name) || 'Model');
}

/** A type or class name that compiles: "1stService" -> "_1stService". */
function typeIdentifier(candidate: string): string {
  return safeIdentifier(candidate, 'Model');
}

/**
 * The raw (bundled) schema object at a pointer: what openapi-typescript turns into a type. Without its
 * `$defs` (JSON Schema 2020-12 §8.2.4): validation has inlined every reference into them, and
 * openapi-typescript would make the keyword a required property of the type.
 */
function rawSchema(model: ApiModel, pointer: string): unknown {
  const schema = getAtPointer(model.sourceDocument, parsePointer(pointer) ?? []) ?? {};
  if (schema === null || typeof schema !== 'object' || !Object.hasOwn(schema, '$defs')) return schema;
  const { $defs: _defs, ...rest } = schema as Record<string, unknown>;
  return rest;
}

/**
 * Method names a person would write: list/get/create/update/delete, `replace` for PUT when the
 * resource also has PATCH, the action's name for actions. Any name two operations would share
 * falls back, for each of them, to the camelCased operationId.
 */
function planMethodNames(ops: Operation[], scope: NameScope): Map<string, string> {
  const hasPatch = ops.some((o) => o.kind === 'update');
  const wanted = ops.map((op) => {
    switch (op.kind) {
      case 'list': return 'list';
      case 'get': return 'get';
      case 'create': return 'create';
      case 'update': return 'update';
      case 'replace': return hasPatch ? 'replace' : 'update';
      case 'delete': return 'delete';
      case 'action': return camelCase(op.actionName ?? op.operationId);
    }
  });
  const counts = new Map<string, number>();
  for (const w of wanted) counts.set(w, (counts.get(w) ?? 0) + 1);
  const listHelpers = new Set(ops.some((o) => o.pagination) ? ['listAll', 'listPages'] : []);
  const out = new Map<string, string>();
  ops.forEach((op, i) => {
    const w = wanted[i]!;
    const plain = counts.get(w) === 1 && !listHelpers.has(w) && isIdentifier(w) && w.length > 0;
    // Reserved words are fine as method names (`delete()`), but a name must still be one: `1st` is not.
    const fallback = camelCase(op.operationId);
    out.set(op.operationId, scope.claim(plain ? w : isIdentifier(fallback) ? fallback : safeIdentifier(fallback, 'call')));
  });
  return out;
}

interface OperationPlanContext {
  table: SchemaTable;
  typeNames: NameScope;
  valueNames: NameScope;
  models: PlannedModel[];
  typeFor: (node: SchemaNode, hoistName: string) => string;
  schemaKeys: NameScope;
  typeSchemas: ClientPlan['typeSchemas'];
  model: ApiModel;
  names: NameRegistry;
  pagination: PaginationRules;
}

const METHOD_VERB: Record<string, string> = { list: 'List', get: 'Get', create: 'Create', update: 'Update', replace: 'Replace', delete: 'Delete' };

function planOperation(op: Operation, methodName: string, singularName: string, ctx: OperationPlanContext): PlannedOperation {
  const verb = METHOD_VERB[methodName] ?? pascalCase(methodName);
  const stem = `${singularName}${verb}`;
  const functionName = ctx.valueNames.claim(safeIdentifier(camelCase(op.operationId), 'operation'));

  // The function's own names: its parameters, what it imports from the runtime, and the locals it declares.
  const argNames = ctx.names.scope(`client/function:${functionName}/locals`, ['params', 'options', 'client', 'ctx', 'request', 'iterateItems', 'iteratePages', 'body', 'filter']);
  const pathParams: PlannedPathParam[] = op.parameters
    .filter((p) => p.in === 'path' && !p.isApiVersion)
    .map((p) => {
      const planned: PlannedPathParam = { wireName: p.name, identifier: argNames.claim(safeIdentifier(camelCase(p.name), 'id')), type: scalarType(p.schema, ctx.table) };
      if (p.description !== undefined) planned.description = p.description;
      return planned;
    });

  // Query and header parameters become fields of the params object, typed by openapi-typescript
  // from a hoisted object schema; pagination adds the profile's page and page-size parameters.
  const fieldParams = op.parameters.filter((p) => p.in === 'query' || p.in === 'header');
  const queryParams: PlannedQueryParam[] = [];
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  const propertyNames = ctx.names.scope(`client/function:${functionName}/params-fields`);
  const addField = (p: Pick<Parameter, 'name' | 'in' | 'required' | 'description' | 'pointer'>, schema: unknown) => {
    // Also a binding in the generated code (`const { pageSize, ...body } = params`): a safe identifier.
    const property = propertyNames.claim(safeIdentifier(camelCase(p.name), 'param'));
    queryParams.push({ wireName: p.name, property, local: argNames.claim(property), location: p.in === 'header' ? 'header' : 'query' });
    properties[property] = p.description !== undefined ? { ...(schema as object), description: p.description } : schema;
    if (p.required) required.push(property);
  };
  if (op.pagination) {
    const declared = new Set(fieldParams.map((p) => p.name));
    for (const param of [ctx.pagination.pageParameter, ctx.pagination.pageSizeParameter]) {
      if (!declared.has(param.name)) addField({ name: param.name, in: 'query', required: false, description: param.description, pointer: '' }, param.schema);
    }
  }
  for (const p of fieldParams) addField(p, rawSchema(ctx.model, p.schema.pointer));

  const bases: string[] = [];
  let bodyProperty: { type: string; required: boolean } | undefined;
  let bodyType: string | undefined;
  let queryType: string | undefined;
  let bodyMode: PlannedOperation['bodyMode'] = 'none';
  if (op.requestBody) {
    bodyType = bodyParamsType(op, stem, ctx);
    const bodyProps = objectProperties(op.requestBody.schema, ctx.table).map((p) => p.name);
    const resolved = resolveSchema(op.requestBody.schema, ctx.table);
    // An interface can only extend object types with known members: unions and scalars go under `body`.
    // Properties under another type (`type: string` with `properties`, as opensuse's obs writes it) do not make
    // an object: openapi-typescript follows the type.
    const isPlainObject = (resolved.type === 'object' || (resolved.type === undefined && bodyProps.length > 0)) && (!resolved.composition || resolved.composition.kind === 'allOf');
    const clash = bodyProps.some((name) => propertyNames.has(name)) || bodyProps.includes('filter');
    if (isPlainObject && !clash) {
      bodyMode = 'spread';
      bases.push(bodyType);
    } else {
      bodyMode = 'property';
      bodyProperty = { type: bodyType, required: op.requestBody.required };
      propertyNames.claim('body');
    }
  }

  let paramsType: string | undefined;
  const filterFieldsType = op.pagination && op.filterableFields.length > 0 ? `${singularName}FilterFields` : undefined;
  if (queryParams.length > 0) {
    queryType = ctx.typeNames.claim(`${stem}Query`);
    const key = ctx.schemaKeys.claim(queryType);
    const querySchema = { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
    ctx.typeSchemas.push({ key, schema: querySchema });
    ctx.models.push({ kind: 'alias', typeName: queryType, schemaKey: key, deprecated: false, schema: normalizeSchema(querySchema, `${op.pointer}/parameters`), description: `Query and header parameters of ${functionName}.` });
    bases.unshift(queryType);
  }
  let hasFilter = false;
  let itemType: string | undefined;
  let filterFieldsName: string | undefined;
  if (op.pagination) {
    hasFilter = true;
    itemType = ctx.typeFor(op.pagination.item, `${singularName}`);
    if (filterFieldsType) {
      filterFieldsName = ctx.typeNames.claim(filterFieldsType);
      ctx.models.push({ kind: 'filter-fields', typeName: filterFieldsName, itemType, fields: op.filterableFields.map((f) => f.name) });
    }
  }
  if (bases.length > 0 || hasFilter || bodyProperty) {
    paramsType = ctx.typeNames.claim(`${stem}Params`);
    const params: PlannedModel = { kind: 'params', typeName: paramsType, extends: bases };
    if (bodyProperty) params.bodyProperty = bodyProperty;
    if (hasFilter) params.filter = filterFieldsName !== undefined ? { fieldsType: filterFieldsName } : {};
    ctx.models.push(params);
  }

  const success = op.successResponse;
  const responseType = success?.schema ? ctx.typeFor(success.schema, `${stem}Response`) : 'void';

  const planned: PlannedOperation = {
    operationId: op.operationId,
    method: op.method,
    httpMethod: op.method.toUpperCase(),
    path: op.path,
    methodName,
    functionName,
    deprecated: op.deprecated,
    pathParams,
    fieldParams: queryParams,
    queryParams: queryParams.filter((q) => q.location === 'query'),
    headerParams: queryParams.filter((q) => q.location === 'header'),
    // Required if any field must be sent, even when the body as a whole is optional: `= {}` would not type-check.
    paramsRequired: required.length > 0 || bodyProperty?.required === true || (bodyMode === 'spread' && hasRequiredFields(op, ctx.table)),
    bodyMode,
    responseType,
    hasFilter,
    example: planExample(op, pathParams, queryParams, bodyMode, ctx.table),
  };
  if (paramsType !== undefined) planned.paramsType = paramsType;
  if (queryType !== undefined) planned.queryType = queryType;
  if (bodyType !== undefined) planned.bodyType = bodyType;
  if (op.summary !== undefined) planned.summary = op.summary;
  if (op.description !== undefined) planned.description = op.description;
  if (op.externalDocs) planned.externalDocsUrl = op.externalDocs.url;
  if (itemType !== undefined) {
    planned.pagination = {
      itemType,
      listAllName: methodName === 'list' ? 'listAll' : `${methodName}All`,
      listPagesName: methodName === 'list' ? 'listPages' : `${methodName}Pages`,
      functionAllName: ctx.valueNames.claim(`${functionName}All`),
    };
  }
  return planned;
}

function planExample(
  op: Operation,
  pathParams: PlannedPathParam[],
  fields: PlannedQueryParam[],
  bodyMode: PlannedOperation['bodyMode'],
  table: SchemaTable,
): PlannedOperation['example'] {
  const pathArgs = pathParams.map((pp) => {
    const param = op.parameters.find((p) => p.in === 'path' && p.name === pp.wireName)!;
    return param.examples[0] ?? exampleValue(param.schema, table);
  });
  const params: Record<string, unknown> = {};
  for (const f of fields) {
    const param = op.parameters.find((p) => p.name === f.wireName && p.in === f.location);
    if (param?.required) params[f.property] = param.examples[0] ?? exampleValue(param.schema, table);
  }
  if (op.requestBody && bodyMode === 'spread') Object.assign(params, exampleObject(op.requestBody.schema, table, { writableOnly: true, requiredOnly: false }));
  if (op.requestBody && bodyMode === 'property') params['body'] = exampleValue(op.requestBody.schema, table);
  return Object.keys(params).length > 0 ? { pathArgs, params } : { pathArgs };
}

function hasRequiredFields(op: Operation, table: SchemaTable): boolean {
  return objectProperties(op.requestBody!.schema, table).some((p) => p.required && !isReadOnly(p, table));
}

/** The request body as the caller writes it: readOnly fields of the schema left out. */
function bodyParamsType(op: Operation, stem: string, ctx: OperationPlanContext): string {
  const body = op.requestBody!;
  const base = ctx.typeFor(body.schema, `${stem}Body`);
  const readOnly = objectProperties(body.schema, ctx.table)
    .filter((p) => isReadOnly(p, ctx.table))
    .map((p) => p.name);
  if (readOnly.length === 0) return base;
  const typeName = ctx.typeNames.claim(`${stem}Body`);
  ctx.models.push({ kind: 'omit', typeName, base, omit: readOnly, description: `${base} as sent in a request: without its read-only fields.` });
  return typeName;
}

/** TypeScript type of a path parameter: path segments are scalars (OpenAPI 3.0 §4.7.12.2 style simple). */
function scalarType(node: SchemaNode, table: SchemaTable): string {
  const s = resolveSchema(node, table);
  if (s.enum && s.enum.length > 0 && s.enum.every((v) => typeof v === 'string' || typeof v === 'number')) {
    return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  }
  switch (s.type) {
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'string';
  }
}
