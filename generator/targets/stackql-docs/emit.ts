/**
 * The stackql-docs target's emitter: StackQL-style documentation pages, rendered through the templates
 * under templates/stackql-docs/<style>/: the provider index, one index per service and one page per
 * resource, at the paths the plan decided. This module only gathers what the pages show (fields,
 * parameters, SQL example parts) from the model; the templates lay it out and escape every piece of spec
 * text through the helpers of helpers.ts. Pure: no file system.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';
import { rewriteLinks } from '../../escape/links.js';
import type { ManifestResource } from '../../escape/yaml.js';
import { headingIds, headingSlug } from '../../names/slug.js';
import type { ApiModel, Operation, Parameter, Response, SchemaNode } from '../../ir/model.js';
import { isReadOnly, objectProperties, resolveSchema, responseRows, schemaTable, type SchemaTable } from '../../ir/resolve.js';
import { baseType, typeLabel } from '../../ir/display.js';
import type { ContentRules } from '../../profiles/profile.js';
import type { EmittedFile, TemplateRenderer } from '../contract.js';
import { pageLinks, siteLinks, type PageTargets } from './links.js';
import { STYLE_DIRS, VERB_ORDER, type DocsMethod, type DocsPlan, type DocsResource, type DocsService, type DocsVerb } from './plan.js';

interface FieldRow {
  name: string;
  /** `integer`, `string (date-time)`, `array<string>`... */
  type: string;
  description: string;
  /** Appended to the description as ` (label: value)`: enum values, a string example. */
  keywords: { label: string; value: string }[];
}

interface ParamRef {
  name: string;
  /** The Parameters-table row it links to; null for a body field (which has no row). */
  anchor: string | null;
}

/** A SQL value placeholder: `{{ name }}`, quoted unless a number or boolean. */
interface Placeholder {
  name: string;
  quoted: boolean;
  required: boolean;
}

interface WhereLine extends Placeholder {
  /** `WHERE` (the first line) or `AND`. */
  first: boolean;
  /** Optional parameters are shown as comment lines. */
  commented: boolean;
}

interface InsertColumn extends Placeholder {
  /** `data__label` for body fields, the parameter name for parameters. */
  column: string;
}

const TEMPLATE = { index: 'index.md.hbs', service: 'service.md.hbs', resource: 'resource.md.hbs' };

export function emitDocs(model: ApiModel, plan: DocsPlan, engine: TemplateRenderer, content: ContentRules): EmittedFile[] {
  const clean = content.cleanText;
  const table = schemaTable(model.schemas);
  const ops = new Map(model.operations.map((o) => [o.operationId, o]));
  // A style's folder may leave out a template: the current style's one is used then.
  const t = (name: string) => (engine.has(`${plan.templateDir}/${name}`) ? `${plan.templateDir}/${name}` : `${STYLE_DIRS.current}/${name}`);
  const files: EmittedFile[] = [];
  const render = (template: string, path: string, context: unknown) => {
    const text = engine.render(t(template), context);
    files.push({ path, content: text.endsWith('\n') ? text : text + '\n' });
  };

  // Spec text's links are resolved for the page they land on (links.ts), then escaped with the rest of the text.
  const site = siteLinks(model);
  const onPage = (targets: PageTargets) => {
    const resolve = pageLinks(targets, site);
    return (text: string) => rewriteLinks(clean(text), resolve);
  };
  const provider = providerContext(model, plan, onPage(providerTargets(model, clean)));
  render(TEMPLATE.index, plan.provider.file, provider);
  for (const service of plan.services) {
    render(TEMPLATE.service, service.file, serviceContext(plan, service));
    for (const resource of service.resources) {
      render(TEMPLATE.resource, resource.file, resourceContext(plan, service, resource, ops, table, onPage(resourceTargets(resource, ops))));
    }
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** What the provider index has to link to: its own sections and the headings of the API's description. */
function providerTargets(model: ApiModel, clean: (text: string) => string): PageTargets {
  const description = model.info.description !== undefined ? clean(model.info.description) : '';
  const headings = /^ {0,3}#{1,6}[ \t]|\n[ \t]*(=+|-+)[ \t]*$/m.test(description) ? fromMarkdown(description).children.filter((n) => n.type === 'heading').map((h) => toString(h)) : [];
  return { ids: [...headingIds(['Installation', 'Authentication', 'Services']), ...headings.map(headingSlug)], methods: [], parameters: {} };
}

/** What a resource page has to link to: its headings, method rows and parameter rows. */
function resourceTargets(resource: DocsResource, ops: Map<string, Operation>): PageTargets {
  const methods = resource.methods.map((m) => {
    const op = ops.get(m.operationId)!;
    return { name: m.name, operationId: m.operationId, method: op.method, path: op.path, anchor: m.anchor };
  });
  return { ids: [...resource.headingIds, ...methods.map((m) => m.anchor), ...Object.values(resource.parameterAnchors)], methods, parameters: resource.parameterAnchors };
}

// ---------------------------------------------------------------------------------------------
// Index pages

/** Two columns, the first one longer, as the reference index pages split their lists. */
function columns<T>(items: T[]): T[][] {
  const half = Math.ceil(items.length / 2);
  return [items.slice(0, half), items.slice(half)];
}

function providerContext(model: ApiModel, plan: DocsPlan, cleanDescription: (text: string) => string) {
  const { type: authType, envVar, exampleVar, schemeKey } = plan.auth;
  const scheme = model.securitySchemes.find((s) => s.key === schemeKey);
  return {
    provider: plan.provider,
    description: model.info.description !== undefined ? cleanDescription(model.info.description) : '',
    counts: plan.counts,
    auth: {
      type: authType,
      envVar,
      exampleVar,
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

function resourceContext(plan: DocsPlan, service: DocsService, resource: DocsResource, ops: Map<string, Operation>, table: SchemaTable, clean: (text: string) => string) {
  const methods = resource.methods.map((m) => methodContext(m, ops.get(m.operationId)!, resource, table, clean));
  const byVerb = (verb: DocsVerb) => methods.filter((m) => m.verb === verb);

  const parameters: (FieldRow & { anchor: string })[] = [];
  const seen = new Set<string>();
  for (const m of resource.methods) {
    for (const p of ops.get(m.operationId)!.parameters) {
      if (p.isApiVersion || seen.has(p.name)) continue;
      seen.add(p.name);
      parameters.push({ ...parameterRow(p, table, clean), anchor: resource.parameterAnchors[p.name]! });
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

function methodContext(m: DocsMethod, op: Operation, resource: DocsResource, table: SchemaTable, cleanDescription: (text: string) => string) {
  const params = op.parameters.filter((p) => !p.isApiVersion);
  const required = params.filter((p) => p.required);
  const optional = params.filter((p) => !p.required);
  const body = bodyFields(op, table);
  const response = responseOf(op, m.response.status);
  const rows = responseRows(response, m.response.objectKey, table);
  const fields = rows ? orderFields(objectProperties(rows, table)).map((p) => fieldRow(p.name, p.schema, table, cleanDescription)) : [];
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
    /** The Methods table's cell: the summary, else the description's first paragraph (the whole is in the method's example tab). */
    summary: shortDescription(op.summary, op.description, cleanDescription),
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
      ...body.map((f) => manifestProp(f.name, f.schema, table, cleanDescription)),
      ...required.map((p) => manifestProp(p.name, p.schema, table, cleanDescription, p.description)),
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

/** Row order of the reference pages: `id`, `name`, `*_id`, `*_name`, then the rest, each in spec order. */
function orderFields<T extends { name: string }>(fields: T[]): T[] {
  const rank = (n: string) => (n === 'id' ? 0 : n === 'name' ? 1 : n.endsWith('_id') ? 2 : n.endsWith('_name') ? 3 : 4);
  return fields.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f.name) - rank(b.f.name) || a.i - b.i).map(({ f }) => f);
}

/** Writable request body fields (readOnly ones are response-only). */
function bodyFields(op: Operation, table: SchemaTable): { name: string; schema: SchemaNode; required: boolean; description?: string }[] {
  if (!op.requestBody) return [];
  return objectProperties(resolveSchema(op.requestBody.schema, table), table)
    .filter((p) => !isReadOnly(p, table))
    .map((p) => ({ name: p.name, schema: p.schema, required: p.required }));
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

/** What a reader scanning a table needs: the summary, else the first paragraph of the description. */
function shortDescription(summary: string | undefined, description: string | undefined, cleanDescription: (text: string) => string): string {
  if (summary !== undefined && summary.trim() !== '') return cleanDescription(summary);
  if (description === undefined) return '';
  const [first] = cleanDescription(description).split(/\n[ \t]*\n|\n[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*(?:\n|$)/);
  return (first ?? '').trim();
}

function descriptionOf(node: SchemaNode, table: SchemaTable, cleanDescription: (text: string) => string): string {
  const d = node.description ?? resolveSchema(node, table).description;
  return d !== undefined ? cleanDescription(d) : '';
}

function fieldRow(name: string, schema: SchemaNode, table: SchemaTable, clean: (text: string) => string): FieldRow {
  return { name, type: typeLabel(schema, table), description: descriptionOf(schema, table, clean), keywords: keywordsOf(schema, table, true) };
}

function parameterRow(p: Parameter, table: SchemaTable, cleanDescription: (text: string) => string): FieldRow {
  const description = p.description !== undefined ? cleanDescription(p.description) : descriptionOf(p.schema, table, cleanDescription);
  return { name: p.name, type: typeLabel(p.schema, table), description, keywords: keywordsOf(p.schema, table, false) };
}

function manifestProp(name: string, schema: SchemaNode, table: SchemaTable, cleanDescription: (text: string) => string, description?: string) {
  const text = description !== undefined ? cleanDescription(description) : descriptionOf(schema, table, cleanDescription);
  // The Manifest's value is the bare type, as the reference pages have it (`string`, not `string (date-time)`).
  const value = typeLabel(schema, table, { format: false });
  return text !== '' ? { name, value, description: text } : { name, value };
}

/** Fix 3: numbers and booleans are SQL values, everything else goes in quotes. */
function isQuoted(schema: SchemaNode, table: SchemaTable): boolean {
  const t = baseType(schema, table);
  return !(t === 'integer' || t === 'number' || t === 'boolean');
}

/** In `@@json`, arrays and objects are JSON values too: only strings are quoted. */
function isJsonQuoted(schema: SchemaNode, table: SchemaTable): boolean {
  const t = baseType(schema, table);
  return t === 'string' || t === 'any' || t.includes(' | ');
}
