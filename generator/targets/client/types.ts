/** The client target's plan, as plain data: what its planner decides and its emitter and templates print. */
import type { SchemaNode } from '../../ir/model.js';

/** The client target's options (its `configSchema` in index.ts). */
export interface ClientConfig {
  /** npm package name. Default: from info.title ("Linode API" -> "linode-api"). */
  packageName?: string;
  /** Package version. Default: info.version. */
  packageVersion?: string;
  /** Prefix of API-specific names (LinodeApiError, LINODE_TOKEN). Default: info.title's first word. */
  name?: string;
  /** SPDX license id of the package. Default: from info.license. */
  license?: string;
}

export interface ClientPlan {
  /** Output folder of the client package, relative to the output root. */
  dir: string;
  packageName: string;
  packageVersion: string;
  /** SPDX license id, from the config or info.license. */
  license?: string;
  /** API-specific names: the error alias (LinodeApiError), the token variable (LINODE_TOKEN). */
  errorClassName: string;
  validationErrorClassName: string;
  tokenEnvVar: string;
  userAgent: string;
  baseUrl: string;
  /** The variable name examples give the client ("linode"). */
  clientVariable: string;
  files: { index: string; client: string; schema: string; models: string; runtimeDir: string };
  /** The OpenAPI version the spec declares, for the document handed to openapi-typescript. */
  openapi: string;
  /** Schemas handed to openapi-typescript: components.schemas plus hoisted inline schemas. */
  typeSchemas: { key: string; schema: unknown }[];
  models: PlannedModel[];
  services: PlannedService[];
  /** Whether any list takes a typed filter (models.ts imports the filter types then). */
  usesFilter: boolean;
  /** The page size a list takes, as the README states it ("25 to 500"), when the profile knows its bounds. */
  pageSizeRange?: string;
  /** One output per template that is not rendered per service, resource or page: its output path (under `dir`). */
  outputs: PlannedOutput[];
  /** The call the README shows. */
  sampleCall?: { service: string; resource: string; method: string; pathArgs: unknown[] };
  /** The API reference pages (docs/), with their paths, anchors and links. */
  reference: ReferencePages;
}

/** A file made from one template (rendered once with the package's context) or copied as written (the runtime). */
export interface PlannedOutput {
  template: string;
  path: string;
  /** `render`: a .hbs template; `copy`: a static file, kept as written. */
  mode: 'render' | 'copy';
}

/** A named export of models.ts. */
export type PlannedModel =
  | { kind: 'alias'; typeName: string; schemaKey: string; description?: string; deprecated: boolean; schema: SchemaNode }
  /** A request type without the readOnly fields of its base (OpenAPI 3.0 §4.7.24 readOnly). */
  | { kind: 'omit'; typeName: string; base: string; omit: string[]; description?: string }
  /**
   * A params interface: query/header fields (a hoisted schema) and body fields as `extends`, or the
   * body under `body` when it is not a plain object; plus the X-Filter of list operations.
   */
  | { kind: 'params'; typeName: string; extends: string[]; bodyProperty?: { type: string; required: boolean }; filter?: { fieldsType?: string } }
  /** The filterable fields of a list's items, for the typed X-Filter. */
  | { kind: 'filter-fields'; typeName: string; itemType: string; fields: string[] };

export interface PlannedService {
  name: string;
  propertyName: string;
  className: string;
  file: string;
  /** Import specifier of the service module from client.ts. */
  importFromClient: string;
  /** Import specifier of the runtime from the service module. */
  runtimeImport: string;
  resources: PlannedResource[];
}

export interface PlannedResource {
  name: string;
  propertyName: string;
  className: string;
  /** Path of the resource module, relative to the client's src/. */
  file: string;
  /** Import specifier of the resource module from its service module, and from src/index.ts. */
  importFromService: string;
  importFromIndex: string;
  /** Import specifiers of the runtime and of models.ts from the resource module, and the model types it imports. */
  runtimeImport: string;
  modelsImport: string;
  modelImports: string[];
  hasPagination: boolean;
  description?: string;
  operations: PlannedOperation[];
}

export interface PlannedPathParam {
  wireName: string;
  identifier: string;
  /** TypeScript type of a scalar path parameter. */
  type: string;
  description?: string;
}

export interface PlannedQueryParam {
  wireName: string;
  property: string;
  /** Its local name where the params object is taken apart: `property` unless that names a path parameter. */
  local: string;
  location: 'query' | 'header';
}

export interface PlannedOperation {
  operationId: string;
  method: string;
  httpMethod: string;
  path: string;
  methodName: string;
  functionName: string;
  summary?: string;
  description?: string;
  deprecated: boolean;
  externalDocsUrl?: string;
  pathParams: PlannedPathParam[];
  /** Query and header parameters, as fields of the params object. */
  fieldParams: PlannedQueryParam[];
  queryParams: PlannedQueryParam[];
  headerParams: PlannedQueryParam[];
  /** The params object type, when the operation takes one. */
  paramsType?: string;
  /** The model of its query and header parameters, and of its request body as the caller sends it, when it has them. */
  queryType?: string;
  bodyType?: string;
  paramsRequired: boolean;
  /** How the body travels in the params object: spread fields, or under `body`. */
  bodyMode: 'none' | 'spread' | 'property';
  responseType: string;
  pagination?: { itemType: string; listAllName: string; listPagesName: string; functionAllName: string };
  hasFilter: boolean;
  /** Example arguments for READMEs and reference pages: path parameters, then the params object. */
  example: { pathArgs: unknown[]; params?: Record<string, unknown> };
}

/** A type as shown in docs: text pieces, some linking to a model page. */
export interface DisplayType {
  parts: { text: string; model?: string }[];
}

export interface ReferencePages {
  /** The prefix of links from a resource page to a model page, and from a model page to another. */
  modelsPrefixFromResource: string;
  modelsPrefixFromModel: string;
  /** Links are relative to the page they appear on. */
  index: { services: { name: string; resources: { name: string; link: string; count: number }[] }[]; models: { name: string; link: string }[] };
  resources: { page: string; service: PlannedService; resource: PlannedResource; methods: ReferenceMethod[] }[];
  models: ReferenceModel[];
}

export interface ReferenceMethod {
  op: PlannedOperation;
  anchor: string;
  parameters: { name: string; type: DisplayType; required: boolean; description?: string; location: string }[];
  returns: DisplayType;
  authorization: { scheme: string; scopes: string[] }[];
  requestContentType?: string;
  responseContentType?: string;
  errors: { status: string; description: string }[];
  /** For lists: the type listAll() yields. */
  item?: DisplayType;
}

export interface ReferenceModel {
  name: string;
  page: string;
  description?: string;
  /** For Omit/params models: what it is built from. */
  basedOn?: { text: string; models: { name: string; link: string }[] };
  properties: { name: string; type: DisplayType; description?: string; notes: string[] }[];
}
