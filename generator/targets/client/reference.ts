/**
 * The plan of the API reference pages of the client (client/docs/): their paths, anchors and links, and
 * per resource its methods with signature, parameters, return type, authorization, content types and
 * errors; per model, its properties. templates/client/docs/*.hbs lay them out.
 */
import { markdownCode } from '../../escape/markdown.js';
import type { ApiModel, Operation, SchemaNode } from '../../ir/model.js';
import { isReadOnly, objectProperties, resolveSchema, schemaTable, type SchemaTable } from '../../ir/resolve.js';
import type { NameRegistry } from '../../names/registry.js';
import type { Profile } from '../../profiles/profile.js';
import type { DisplayType, PlannedModel, PlannedOperation, PlannedService, ReferenceMethod, ReferenceModel, ReferencePages } from './types.js';

const DOCS = 'docs';

/** What the reference pages are planned from: the client plan's services and models. */
export interface ReferenceInput {
  services: PlannedService[];
  models: PlannedModel[];
}

export function planReference(model: ApiModel, plan: ReferenceInput, names: NameRegistry, profile: Profile): ReferencePages {
  const table = schemaTable(model.schemas);
  const opsById = new Map(model.operations.map((o) => [o.operationId, o]));
  const modelNames = new Set(plan.models.map((m) => m.typeName));
  const componentToType = new Map(plan.models.filter((m): m is Extract<PlannedModel, { kind: 'alias' }> => m.kind === 'alias' && model.schemas.some((s) => s.name === m.schemaKey)).map((m) => [m.schemaKey, m.typeName]));
  const display = (node: SchemaNode) => displayType(node, table, componentToType);
  const modelPage = (name: string) => `${DOCS}/models/${name}.md`;

  const resources: ReferencePages['resources'] = [];
  for (const service of plan.services) {
    for (const resource of service.resources) {
      const page = `${DOCS}/${resource.file.replace(/^services\//, '').replace(/\.ts$/, '.md')}`;
      const anchors = names.scope(`client/page:${page}/anchors`);
      const methods = resource.operations.map((op): ReferenceMethod => {
        const ir = opsById.get(op.operationId)!;
        return {
          op,
          anchor: anchors.claim(op.methodName.toLowerCase()),
          parameters: parameterRows(ir, op, display, profile),
          returns: op.responseType === 'void' ? { parts: [{ text: 'void' }] } : { parts: [modelNames.has(op.responseType) ? { text: op.responseType, model: op.responseType } : { text: op.responseType }] },
          authorization: ir.security.flat(),
          ...(ir.requestBody ? { requestContentType: ir.requestBody.mediaType } : {}),
          ...(ir.successResponse?.mediaType ? { responseContentType: ir.successResponse.mediaType } : {}),
          errors: ir.responses.filter((r) => !/^2/.test(r.status)).map((r) => ({ status: r.status, description: r.description })),
          ...(op.pagination ? { item: { parts: [modelNames.has(op.pagination.itemType) ? { text: op.pagination.itemType, model: op.pagination.itemType } : { text: op.pagination.itemType }] } } : {}),
        };
      });
      resources.push({ page, service, resource, methods });
    }
  }

  // Alias models first: Omit and params models list their bases' rows, so bases must be done first.
  const rowsByType = new Map<string, ReferenceModel['properties']>();
  const extension = profile.filterableExtension;
  const filterable = (p: SchemaNode) => extension !== undefined && p.extensions[extension] === true;
  for (const m of plan.models) {
    if (m.kind !== 'alias') continue;
    rowsByType.set(
      m.typeName,
      objectProperties(m.schema, table).map((p) => {
        const resolved = resolveSchema(p.schema, table);
        const notes = [
          p.required ? 'required' : 'optional',
          ...(isReadOnly(p, table) ? ['read-only'] : []),
          ...(p.schema.writeOnly || resolved.writeOnly ? ['write-only'] : []),
          ...(filterable(p.schema) || filterable(resolved) ? ['filterable'] : []),
          ...(p.schema.nullable || resolved.nullable ? ['nullable'] : []),
          ...(p.schema.deprecated || resolved.deprecated ? ['deprecated'] : []),
        ];
        const row: ReferenceModel['properties'][number] = { name: p.name, type: display(p.schema), notes };
        const description = p.schema.description ?? resolved.description;
        if (description !== undefined) row.description = description;
        return row;
      }),
    );
  }
  const link = (name: string) => ({ name, link: `./${name}.md` });
  const models: ReferenceModel[] = [];
  for (const m of plan.models) {
    if (m.kind === 'filter-fields') continue;
    const base: ReferenceModel = { name: m.typeName, page: modelPage(m.typeName), properties: [] };
    if ('description' in m && m.description !== undefined) base.description = m.description;
    if (m.kind === 'alias') base.properties = rowsByType.get(m.typeName) ?? [];
    else if (m.kind === 'omit') {
      base.basedOn = { text: `${m.base} without its read-only fields (${m.omit.join(', ')})`, models: [link(m.base)] };
      base.properties = (rowsByType.get(m.base) ?? []).filter((r) => !m.omit.includes(r.name));
    } else {
      const parts = [...m.extends, ...(m.bodyProperty ? [m.bodyProperty.type] : [])];
      base.basedOn = { text: `The fields of ${parts.join(' and ')}${m.filter ? ', and a filter' : ''}`, models: parts.filter((p) => modelNames.has(p)).map(link) };
      base.properties = m.extends.flatMap((e) => rowsByType.get(e) ?? []);
      if (m.bodyProperty) base.properties.push({ name: 'body', type: { parts: [{ text: m.bodyProperty.type, model: m.bodyProperty.type }] }, description: 'The request body.', notes: [m.bodyProperty.required ? 'required' : 'optional'] });
      if (m.filter) base.properties.push({ name: 'filter', type: { parts: [{ text: m.filter.fieldsType ? `XFilter<${m.filter.fieldsType}> | RawFilter` : 'RawFilter' }] }, description: 'Filters and sorts the list, sent as the X-Filter header.', notes: ['optional'] });
    }
    rowsByType.set(m.typeName, base.properties);
    models.push(base);
  }

  return {
    modelsPrefixFromResource: '../models/',
    modelsPrefixFromModel: './',
    index: {
      services: plan.services.map((s) => ({
        name: s.propertyName,
        resources: s.resources.map((r) => ({ name: r.propertyName, link: resources.find((x) => x.resource === r)!.page.replace(/^docs\//, ''), count: r.operations.length })),
      })),
      models: models.map((m) => ({ name: m.name, link: m.page.replace(/^docs\//, '') })),
    },
    resources,
    models,
  };
}

function parameterRows(ir: Operation, op: PlannedOperation, display: (n: SchemaNode) => DisplayType, profile: Profile): ReferenceMethod['parameters'] {
  const { pageParameter, pageSizeParameter } = profile.pagination;
  const rows: ReferenceMethod['parameters'] = [];
  for (const pp of op.pathParams) {
    const p = ir.parameters.find((x) => x.in === 'path' && x.name === pp.wireName)!;
    rows.push({ name: pp.identifier, type: display(p.schema), required: true, location: 'path', ...(p.description !== undefined ? { description: p.description } : {}) });
  }
  for (const f of op.fieldParams) {
    const p = ir.parameters.find((x) => x.in === f.location && x.name === f.wireName);
    const type = p ? display(p.schema) : { parts: [{ text: 'number' }] };
    const description = p?.description ?? (f.wireName === pageParameter.name ? pageParameter.description : f.wireName === pageSizeParameter.name ? pageSizeParameter.description : undefined);
    rows.push({ name: `params.${f.property}`, type, required: p?.required ?? false, location: f.location === 'header' ? `header ${f.wireName}` : `query ${f.wireName}`, ...(description !== undefined ? { description } : {}) });
  }
  if (op.hasFilter) rows.push({ name: 'params.filter', type: { parts: [{ text: 'XFilter' }] }, required: false, location: 'header X-Filter', description: 'Filters and sorts the list.' });
  if (ir.requestBody && op.paramsType) {
    rows.push({
      name: op.bodyMode === 'spread' ? 'params' : 'params.body',
      type: { parts: [{ text: op.paramsType, model: op.paramsType }] },
      required: ir.requestBody.required,
      location: 'body',
      ...(ir.requestBody.description !== undefined ? { description: ir.requestBody.description } : {}),
    });
  }
  rows.push({ name: 'options', type: { parts: [{ text: 'RequestOptions' }] }, required: false, location: '', description: '`{ signal, timeoutMs, headers }` for this request.' });
  return rows;
}

/** A schema as a reader sees it: `string (date-time)`, `PersonalAccessToken[]`, `'v4' | 'v4beta'`, `| null`. */
function displayType(node: SchemaNode, table: SchemaTable, componentToType: ReadonlyMap<string, string>): DisplayType {
  const parts: DisplayType['parts'] = [];
  const inner = (n: SchemaNode): void => {
    if (n.ref !== undefined) {
      const name = componentToType.get(n.ref);
      parts.push(name ? { text: name, model: name } : { text: n.ref });
      return;
    }
    if (n.enum && n.enum.length > 0) {
      parts.push({ text: n.enum.map((v) => JSON.stringify(v)).join(' | ') });
      return;
    }
    if (n.const !== undefined) {
      parts.push({ text: JSON.stringify(n.const) });
      return;
    }
    if (n.type === 'array') {
      if (n.items) {
        inner(n.items);
        parts.push({ text: '[]' });
      } else parts.push({ text: 'unknown[]' });
      return;
    }
    if (n.composition && n.composition.kind !== 'allOf') {
      n.composition.members.forEach((m, i) => {
        if (i > 0) parts.push({ text: ' | ' });
        inner(m);
      });
      return;
    }
    const t = n.type === 'integer' ? 'integer' : (n.type ?? (n.properties.length > 0 || n.composition ? 'object' : 'unknown'));
    parts.push({ text: n.format ? `${t} (${n.format})` : t });
  };
  inner(node);
  if (node.nullable || resolveSchema(node, table).nullable) parts.push({ text: ' | null' });
  return { parts };
}

/** Markdown for a display type: model names link to their pages (`prefix` + Name.md), the rest is code. */
export function renderDisplayType(type: DisplayType, prefix: string): string {
  if (!type.parts.some((p) => p.model)) return markdownCode(type.parts.map((p) => p.text).join(''));
  return type.parts.map((p) => (p.model ? `[${markdownCode(p.text)}](${prefix}${p.model}.md)` : markdownCode(p.text.trim()))).join(' ');
}
