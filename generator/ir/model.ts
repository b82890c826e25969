/**
 * The intermediate model: plain data, no classes, no functions, no references back into the
 * OpenAPI document. Targets read only this (and their plans), never the raw spec, so every OpenAPI
 * subtlety (parameter merging, $refs, nullable forms across 3.0 and 3.1) and every fact several
 * targets need (ir/resolve.ts: is a field read-only, the row schema of a response; ir/display.ts: a
 * schema's display type) is settled once, here. `operations[].operationId`, `.method` and `.path` are
 * public: user targets read them.
 */

export interface ApiModel {
  openapiVersion: '3.0' | '3.1';
  /** The version the document declares (`3.0.1`). */
  openapi: string;
  info: ApiInfo;
  servers: Server[];
  /** The document's externalDocs: where the API's own reference docs are. */
  externalDocs?: { url: string; description?: string };
  /** The path parameter that selects the API version (Linode's `{apiVersion}`), if any. */
  apiVersion?: ApiVersionParameter;
  securitySchemes: SecurityScheme[];
  /** components.schemas, in name order. */
  schemas: NamedSchema[];
  /** Every operation, in path order then method order (get, put, post, delete, options, head, patch, trace). */
  operations: Operation[];
  /** The service/resource grouping shared by the client and the docs. */
  services: Service[];
  /** Vendor extensions of the document root and of components (such as x-stackQL-resources). */
  extensions: Record<string, unknown>;
  componentExtensions: Record<string, unknown>;
  /**
   * The bundled document, read by one step only: the client's model types, whose schemas it hands to
   * openapi-typescript as the spec wrote them. Nothing else reads it.
   */
  sourceDocument: Record<string, unknown>;
}

export interface ApiInfo {
  title: string;
  /** The first word of the title that is not "API" and can start a name (`Linode`): the default of API-specific names. */
  shortName?: string;
  version: string;
  description?: string;
  license?: { name: string; url?: string };
  /** info.contact.url: the API's site. */
  contactUrl?: string;
}

export interface Server {
  url: string;
  description?: string;
}

export interface ApiVersionParameter {
  name: string;
  values: string[];
  default: string;
  description?: string;
}

export interface SecurityScheme {
  key: string;
  type: 'http' | 'apiKey' | 'oauth2' | 'openIdConnect' | 'mutualTLS';
  scheme?: string;
  bearerFormat?: string;
  in?: string;
  name?: string;
  description?: string;
  /** oauth2: every scope any flow declares, with its description. */
  scopes: { name: string; description: string }[];
}

/** One alternative of a security requirement: all schemes listed must be satisfied together. */
export type SecurityRequirement = { scheme: string; scopes: string[] }[];

export interface NamedSchema {
  name: string;
  pointer: string;
  schema: SchemaNode;
}

export type SchemaType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';

export interface SchemaNode {
  pointer: string;
  /** Set when this node is a $ref to a whole component schema: its name in components.schemas. */
  ref?: string;
  type?: SchemaType;
  /** Whether the schema says its type (`type`), rather than its type being read from its other keywords. */
  typeDeclared: boolean;
  format?: string;
  nullable: boolean;
  readOnly: boolean;
  writeOnly: boolean;
  deprecated: boolean;
  title?: string;
  description?: string;
  examples: unknown[];
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  items?: SchemaNode;
  properties: PropertyNode[];
  /** The `required` list as written: it may name properties another allOf member declares. */
  requiredNames: string[];
  additionalProperties?: boolean | SchemaNode;
  composition?: { kind: 'allOf' | 'oneOf' | 'anyOf'; members: SchemaNode[] };
  /** OpenAPI 3.0 §4.7.25 Discriminator: the property whose value names the member, and the values' mapping to schemas. */
  discriminator?: { propertyName: string; mapping: Record<string, string> };
  constraints: Record<string, number | string | boolean>;
  extensions: Record<string, unknown>;
}

export interface PropertyNode {
  name: string;
  required: boolean;
  schema: SchemaNode;
}

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

export interface Parameter {
  name: string;
  in: ParameterLocation;
  required: boolean;
  deprecated: boolean;
  description?: string;
  schema: SchemaNode;
  examples: unknown[];
  /** Where it was declared: merged per OpenAPI 3.0 §4.7.9/§4.7.10, the operation level winning. */
  declaredAt: 'path-item' | 'operation';
  pointer: string;
  /** The API-version path parameter: a client option and a server choice, not a method argument. */
  isApiVersion: boolean;
}

export interface RequestBody {
  required: boolean;
  description?: string;
  mediaType: string;
  schema: SchemaNode;
  pointer: string;
}

export interface Response {
  /** "200", "2XX", "default"... */
  status: string;
  description: string;
  mediaType?: string;
  schema?: SchemaNode;
  pointer: string;
}

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';

/**
 * What an operation does to its resource, from its method and path shape. It drives method names
 * in the client and SQL verbs in the docs.
 */
export type OperationKind = 'list' | 'get' | 'create' | 'update' | 'replace' | 'delete' | 'action';

export interface Pagination {
  /** The envelope property holding the items ("data"). */
  itemsProperty: string;
  item: SchemaNode;
}

export interface Operation {
  /** The operationId as the spec has it, or derived from method and path when missing. */
  operationId: string;
  operationIdDerived: boolean;
  method: HttpMethod;
  path: string;
  pointer: string;
  summary?: string;
  description?: string;
  deprecated: boolean;
  tags: string[];
  externalDocs?: { url: string; description?: string };
  /** Path parameters in path order, then query, header, cookie. */
  parameters: Parameter[];
  requestBody?: RequestBody;
  responses: Response[];
  /** The first 2xx response, if any. */
  successResponse?: Response;
  /** Effective security: the operation's, else the document's. Empty array: no auth. */
  security: SecurityRequirement[];
  kind: OperationKind;
  /** The path of the collection the operation acts on (item and action paths without their tail). */
  collectionPath: string;
  /** The last literal path segment after the item parameter, for action operations ("reboot"). */
  actionName?: string;
  pagination?: Pagination;
  /** Top-level item fields marked x-linode-filterable (for X-Filter). */
  filterableFields: { name: string; schema: SchemaNode }[];
  service: string;
  resource: string;
  extensions: Record<string, unknown>;
}

export interface Service {
  /** First path segment after any version segment ("profile"). */
  name: string;
  resources: Resource[];
}

export interface Resource {
  /** The grouping label: the operations' first tag, else the collection path's last literal segment. */
  name: string;
  description?: string;
  /** The collection path (item paths without their trailing parameter). */
  collectionPath: string;
  /** operationIds of its operations, in model order. */
  operationIds: string[];
}
