/**
 * Stage 5, emit (docs): StackQL-style documentation pages, rendered through the templates under
 * templates/docs/ (or templates/docs-legacy/): the provider index, one index per service and one
 * page per resource, at the paths the docs plan decided. This module only gathers what the pages
 * show (fields, parameters, SQL example parts) from the model; the templates lay it out and escape
 * every piece of spec text through the helpers of mdx-escape.ts. Pure: no file system.
 */
import type { ApiModel, Operation, Parameter, PropertyNode, Response, SchemaNode } from '../../ir/model.js';
import { objectProperties, resolveSchema, schemaTable, type SchemaTable } from '../../ir/resolve.js';
import { VERB_ORDER, type DocsMethod, type DocsPlan, type DocsResource, type DocsService, type DocsVerb } from './plan.js';
import type { EmittedFile } from '../client/emit.js';
import { cleanDescription } from '../../escape/text.js';
import type { ManifestResource } from '../../escape/mdx.js';
import type { TemplateEngine } from '../../render/engine.js';

export interface FieldRow {
  name: string;
  /** `integer`, `string (date-time)`, `array<string>`... */
  type: string;
  description: string;
  /** Appended to the description as ` (label: value)`: enum values, a string example. */
  keywords: { label: string; value: string }[];
}

export interface ParamRef {
  name: string;
  /** The Parameters-table row it links to; null for a body field (which has no row). */
  anchor: string | null;
}

/** A SQL value placeholder: `{{ name }}`, quoted unless a number or boolean. */
export interface Placeholder {
  name: string;
  quoted: boolean;
  required: boolean;
}

export interface WhereLine extends Placeholder {
  /** `WHERE` (the first line) or `AND`. */
  first: boolean;
  /** Optional parameters are shown as comment lines. */
  commented: boolean;
}

export interface InsertColumn extends Placeholder {
  /** `data__label` for body fields, the parameter name for parameters. */
  column: string;
}

const TEMPLATE = { index: 'index.md.hbs', service: 'service.md.hbs', resource: 'resource.md.hbs' };

export function emitDocs(model: ApiModel, plan: DocsPlan, engine: TemplateEngine): EmittedFile[] {
  const table = schemaTable(model.schemas);
  const ops = new Map(model.operations.map((o) => [o.operationId, o]));
  // A style's folder may leave out a template: the current style's one is used then.
  const t = (name: string) => (engine.has(`${plan.templateDir}/${name}`) ? `${plan.templateDir}/${name}` : `docs/${name}`);
  const files: EmittedFile[] = [];
  const render = (template: string, path: string, context: unknown) => {
    const text = engine.render(t(template), context);
    files.push({ path, content: text.endsWith('\n') ? text : text + '\n' });
  };

  const provider = providerContext(model, plan);
  render(TEMPLATE.index, plan.provider.file, provider);
  for (const service of plan.services) {
    render(TEMPLATE.service, service.file, serviceContext(plan, service));
    for (const resource of service.resources) {
      render(TEMPLATE.resource, resource.file, resourceContext(plan, service, resource, ops, table));
    }
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// Index pages

/** Two columns, the first one longer, as the reference index pages split their lists. */
function columns<T>(items: T[]): T[][] {
  const half = Math.ceil(items.length / 2);
  return [items.slice(0, half), items.slice(half)];
}

function providerContext(model: ApiModel, plan: DocsPlan) {
  const schemeKeys = new Set(model.securitySchemes.map((s) => s.key));
  // Any scheme a requirement names, else the first declared.
  const scheme = model.securitySchemes.find((s) => s.type === 'http' && s.scheme?.toLowerCase() === 'bearer') ?? model.securitySchemes.find((s) => schemeKeys.has(s.key));
  const authType = !scheme || scheme.type === 'oauth2' || scheme.type === 'openIdConnect' || (scheme.type === 'http' && scheme.scheme?.toLowerCase() === 'bearer') ? 'bearer' : scheme.type === 'apiKey' ? 'api_key' : scheme.type === 'http' && scheme.scheme?.toLowerCase() === 'basic' ? 'basic' : 'bearer';
  const envSuffix = authType === 'api_key' ? 'API_KEY' : authType === 'basic' ? 'CREDENTIALS' : 'TOKEN';
  const envVar = `${plan.provider.name.toUpperCase()}_${envSuffix}`;
  return {
    provider: plan.provider,
    description: model.info.description !== undefined ? cleanDescription(model.info.description) : '',
    counts: plan.counts,
    auth: {
      type: authType,
      envVar,
      exampleVar: `YOUR_${envVar}_VAR`,
      description: scheme?.description !== undefined ? cleanDescription(scheme.description) : `${plan.provider.title} API ${authType === 'api_key' ? 'key' : authType === 'basic' ? 'credentials' : 'token'}`,
    },
    serviceColumns: columns(plan.services.map((s) => ({ name: s.name, href: s.href }))),
  };
}

function serviceContext(plan: DocsPlan, service: DocsService) {
  return {
    provider: plan.provider,
    service: { name: service.name, href: service.href },
    count: service.resources.length,
    resourceColumns: columns(service.resources.map((r) => ({ name: r.name, href: r.href }))),
  };
}

// ---------------------------------------------------------------------------------------------
// Resource pages

const SQL_KEYWORD: Record<DocsVerb, string> = { select: 'SELECT', insert: 'INSERT', update: 'UPDATE', replace: 'REPLACE', delete: 'DELETE', exec: 'EXEC' };

function resourceContext(plan: DocsPlan, service: DocsService, resource: DocsResource, ops: Map<string, Operation>, table: SchemaTable) {
  const methods = resource.methods.map((m) => methodContext(m, ops.get(m.operationId)!, resource, table));
  const byVerb = (verb: DocsVerb) => methods.filter((m) => m.verb === verb);

  const parameters: (FieldRow & { anchor: string })[] = [];
  const seen = new Set<string>();
  for (const m of resource.methods) {
    for (const p of ops.get(m.operationId)!.parameters) {
      if (p.isApiVersion || seen.has(p.name)) continue;
      seen.add(p.name);
      parameters.push({ ...parameterRow(p, table), anchor: resource.parameterAnchors[p.name]! });
    }
  }

  const present = VERB_ORDER.filter((v) => byVerb(v).length > 0);
  const tabsOf = (list: typeof methods, extra: { label: string; value: string }[] = []) => ({
    defaultValue: list[0]!.tabValue,
    items: [...list.map((m) => ({ label: m.name, value: m.tabValue })), ...extra],
  });
  const section = (verb: DocsVerb) => {
    const list = byVerb(verb);
    return list.length > 0 ? { first: present[0] === verb, methods: list, tabs: tabsOf(list) } : null;
  };

  const inserts = byVerb('insert');
  const manifest: ManifestResource[] = inserts[0] ? [{ name: resource.name, props: inserts[0].manifestProps }] : [];
  const selects = byVerb('select');

  return {
    provider: plan.provider,
    service: { name: service.name },
    resource: { name: resource.name, id: resource.id, idParts: resource.idParts, an: /^[aeiou]/i.test(resource.name) },
    fieldTabs: selects.length > 0 ? { tabs: tabsOf(selects), methods: selects } : null,
    /** The first SELECT method's rows (the legacy pages have one Fields table). */
    primaryFields: selects[0]?.fields ?? [],
    methods,
    parameters,
    sections: {
      select: section('select'),
      insert: inserts.length > 0 ? { first: present[0] === 'insert', methods: inserts, tabs: tabsOf(inserts, [{ label: 'Manifest', value: resource.manifestTab }]), manifestTab: resource.manifestTab, manifest } : null,
      update: section('update'),
      replace: section('replace'),
      delete: section('delete'),
      exec: section('exec'),
    },
  };
}

function methodContext(m: DocsMethod, op: Operation, resource: DocsResource, table: SchemaTable) {
  const params = op.parameters.filter((p) => !p.isApiVersion);
  const required = params.filter((p) => p.required);
  const optional = params.filter((p) => !p.required);
  const body = bodyFields(op, table);
  const response = responseOf(op, m.response.status);
  const rows = responseRows(response, m.response.objectKey, table);
  const fields = rows ? orderFields(objectProperties(rows, table)).map((p) => fieldRow(p.name, p.schema, table)) : [];
  const columns = fields.map((f) => f.name);

  const requiredParams: ParamRef[] = required.map((p) => ({ name: p.name, anchor: resource.parameterAnchors[p.name] ?? null }));
  for (const f of body) if (f.required && !requiredParams.some((r) => r.name === f.name)) requiredParams.push({ name: f.name, anchor: null });
  const optionalParams: ParamRef[] = optional.map((p) => ({ name: p.name, anchor: resource.parameterAnchors[p.name] ?? null }));

  const where: WhereLine[] = [...required, ...optional].map((p, i) => ({
    name: p.name,
    quoted: isQuoted(p.schema, table),
    required: p.required,
    first: i === 0,
    commented: !p.required,
  }));
  const paramPlaceholders = (list: Parameter[]): InsertColumn[] => list.map((p) => ({ column: p.name, name: p.name, quoted: isQuoted(p.schema, table), required: p.required }));
  const bodyPlaceholders: InsertColumn[] = body.map((f) => ({ column: `data__${f.name}`, name: f.name, quoted: isQuoted(f.schema, table), required: f.required }));

  const description = op.description ?? op.summary;
  return {
    name: m.name,
    anchor: m.anchor,
    tabValue: m.tabValue,
    verb: m.verb,
    verbKeyword: SQL_KEYWORD[m.verb],
    /** `provider.service.resource.method`, for EXEC. */
    execTarget: [...resource.idParts, m.name],
    description: description !== undefined ? cleanDescription(description) : '',
    requiredParams,
    optionalParams,
    /** The Fields tab: the rows the method returns and the response's description. */
    responseDescription: response?.description ? cleanDescription(response.description) : '',
    fields,
    sql: {
      columns,
      where,
      /** INSERT: body fields as `data__` columns, then the required parameters. */
      insert: [...bodyPlaceholders, ...paramPlaceholders(required)],
      set: bodyPlaceholders,
      returning: columns,
      execParams: paramPlaceholders(required),
      json: body.map((f) => ({ name: f.name, quoted: isJsonQuoted(f.schema, table), required: f.required })),
    },
    manifestProps: [
      ...body.map((f) => manifestProp(f.name, f.schema, table)),
      ...required.map((p) => manifestProp(p.name, p.schema, table, p.description)),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Schemas -> rows

function responseOf(op: Operation, status: string | undefined): Response | undefined {
  if (status !== undefined) {
    const exact = op.responses.find((r) => r.status === status);
    if (exact) return exact;
  }
  return op.successResponse;
}

/**
 * The schema of one row: the response, through its objectKey (`$.data`, `$.security_questions`,
 * `$.a.b[*]`), and through an array to its items, as StackQL turns a response into rows.
 */
export function responseRows(response: Response | undefined, objectKey: string | undefined, table: SchemaTable): SchemaNode | undefined {
  if (!response?.schema) return undefined;
  let node: SchemaNode | undefined = response.schema;
  if (objectKey !== undefined) {
    const path = objectKey.replace(/^\$\.?/, '').split('.').map((s) => s.replace(/\[[^\]]*\]/g, '')).filter((s) => s.length > 0);
    for (const seg of path) {
      let current: SchemaNode = resolveSchema(node!, table);
      if (current.type === 'array' && current.items) current = resolveSchema(current.items, table);
      const prop: PropertyNode | undefined = objectProperties(current, table).find((p) => p.name === seg);
      if (!prop) {
        node = undefined;
        break;
      }
      node = prop.schema;
    }
    if (node === undefined) node = response.schema;
  }
  const resolved = resolveSchema(node, table);
  return resolved.type === 'array' && resolved.items ? resolved.items : node;
}

/** Row order of the reference pages: `id`, `name`, `*_id`, `*_name`, then the rest, each in spec order. */
export function orderFields<T extends { name: string }>(fields: T[]): T[] {
  const rank = (n: string) => (n === 'id' ? 0 : n === 'name' ? 1 : n.endsWith('_id') ? 2 : n.endsWith('_name') ? 3 : 4);
  return fields.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f.name) - rank(b.f.name) || a.i - b.i).map(({ f }) => f);
}

/** Writable request body fields (readOnly ones are response-only). */
function bodyFields(op: Operation, table: SchemaTable): { name: string; schema: SchemaNode; required: boolean; description?: string }[] {
  if (!op.requestBody) return [];
  const schema = resolveSchema(op.requestBody.schema, table);
  return objectProperties(schema, table)
    .filter((p) => !p.schema.readOnly && !resolveSchema(p.schema, table).readOnly)
    .map((p) => ({ name: p.name, schema: p.schema, required: p.required }));
}

function baseType(node: SchemaNode, table: SchemaTable, seen = new Set<SchemaNode>()): string {
  const s = resolveSchema(node, table);
  if (seen.has(s)) return 'object';
  seen.add(s);
  if (s.type !== undefined) return s.type;
  if (s.composition && s.composition.kind !== 'allOf') {
    const members = [...new Set(s.composition.members.map((m) => baseType(m, table, seen)))];
    if (members.length === 1) return members[0]!;
    if (members.length > 1) return members.join(' | ');
  }
  if (s.items) return 'array';
  if (s.properties.length > 0 || s.composition?.kind === 'allOf' || s.additionalProperties !== undefined) return 'object';
  if (s.enum && s.enum.length > 0) return typeof s.enum[0] === 'number' ? 'number' : typeof s.enum[0] === 'boolean' ? 'boolean' : 'string';
  return 'any';
}

/**
 * The Datatype column: the type with its format (`string (date-time)`), arrays with their item
 * type (`array<string>`, `array<object>`; fix 6), never a bare `array`.
 */
export function typeLabel(node: SchemaNode, table: SchemaTable, options: { format?: boolean } = {}, depth = 0): string {
  const s = resolveSchema(node, table);
  const t = baseType(s, table);
  if (t === 'array') {
    if (!s.items || depth > 4) return 'array';
    return `array<${typeLabel(s.items, table, { format: false }, depth + 1)}>`;
  }
  return s.format !== undefined && options.format !== false ? `${t} (${s.format})` : t;
}

function enumValues(node: SchemaNode, table: SchemaTable): unknown[] | undefined {
  const s = resolveSchema(node, table);
  if (s.enum && s.enum.length > 0) return s.enum;
  if (s.items) {
    const items = resolveSchema(s.items, table);
    if (items.enum && items.enum.length > 0) return items.enum;
  }
  return undefined;
}

function keywordsOf(node: SchemaNode, table: SchemaTable, withExample: boolean): FieldRow['keywords'] {
  const s = resolveSchema(node, table);
  const out: FieldRow['keywords'] = [];
  const values = enumValues(node, table);
  if (values) out.push({ label: 'enum', value: values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ') });
  const example = [...node.examples, ...(node === s ? [] : s.examples)][0];
  if (withExample && typeof example === 'string') out.push({ label: 'example', value: example });
  return out;
}

function descriptionOf(node: SchemaNode, table: SchemaTable): string {
  const d = node.description ?? resolveSchema(node, table).description;
  return d !== undefined ? cleanDescription(d) : '';
}

function fieldRow(name: string, schema: SchemaNode, table: SchemaTable): FieldRow {
  return { name, type: typeLabel(schema, table), description: descriptionOf(schema, table), keywords: keywordsOf(schema, table, true) };
}

function parameterRow(p: Parameter, table: SchemaTable): FieldRow {
  const description = p.description !== undefined ? cleanDescription(p.description) : descriptionOf(p.schema, table);
  return { name: p.name, type: typeLabel(p.schema, table), description, keywords: keywordsOf(p.schema, table, false) };
}

function manifestProp(name: string, schema: SchemaNode, table: SchemaTable, description?: string) {
  const text = description !== undefined ? cleanDescription(description) : descriptionOf(schema, table);
  // The Manifest's value is the bare type, as the reference pages have it (`string`, not `string (date-time)`).
  const value = typeLabel(schema, table, { format: false });
  return text !== '' ? { name, value, description: text } : { name, value };
}

/** Fix 3: numbers and booleans are SQL values, everything else goes in quotes. */
export function isQuoted(schema: SchemaNode, table: SchemaTable): boolean {
  const t = baseType(schema, table);
  return !(t === 'integer' || t === 'number' || t === 'boolean');
}

/** In `@@json`, arrays and objects are JSON values too: only strings are quoted. */
function isJsonQuoted(schema: SchemaNode, table: SchemaTable): boolean {
  const t = baseType(schema, table);
  return t === 'string' || t === 'any' || t.includes(' | ');
}
