/**
 * A schema of the model as a Zod 4 expression (TypeScript source), faithful to the Schema Object
 * (OpenAPI 3.0 §4.7.24, 3.1 §4.8.24 / JSON Schema 2020-12 validation keywords) and in agreement with the
 * type openapi-typescript makes of the same schema: `required` (an optional property is
 * `.exactOptional()`, as `exactOptionalPropertyTypes` reads `a?: T`), `nullable` and `type: [T, 'null']`,
 * `enum`, `const`, formats, string, number and array bounds, `additionalProperties`, `allOf`/`oneOf`/`anyOf`,
 * and references to other schemas (a getter inside an object, `z.lazy` elsewhere, when the schema referred
 * to comes later or is the one being defined).
 *
 * What has no faithful Zod form (a pattern JavaScript cannot compile, a format Zod does not check) becomes
 * the nearest safe schema, with a warning naming its pointer.
 */
import { tsString } from '../../escape/typescript.js';
import type { SchemaNode } from '../../ir/model.js';
import { objectProperties, resolveSchema, type SchemaTable } from '../../ir/resolve.js';
import { isIdentifier } from '../../names/naming.js';
import { isNote } from '../../ir/notes.js';
import { javascriptPattern } from '../../ir/patterns.js';

export interface ZodContext {
  table: SchemaTable;
  /** The schema const of a component schema (by its name in components.schemas). */
  constOf(component: string): string | undefined;
  /** Whether that const is defined above the one being written (a direct reference is safe). */
  isDefined(constName: string): boolean;
  /** The profile's formats that annotate a string without a syntax to check. */
  annotationFormats: readonly string[];
  /**
   * The object being written as a component schema's root, and the values a discriminator gives its
   * discriminator property (as openapi-typescript narrows that property's type to them).
   */
  root?: { node: SchemaNode; property: string; values: string[] };
  warn(message: string, pointer: string): void;
}

/** String formats Zod checks, as the constructor of the string schema. */
const FORMATS: Record<string, string> = {
  // Offsets are optional: Linode's API answers `2018-01-01T00:01:01`, which a strict RFC 3339 check refuses.
  'date-time': 'z.iso.datetime({ offset: true, local: true })',
  date: 'z.iso.date()',
  email: 'z.email()',
  uri: 'z.url()',
  url: 'z.url()',
  uuid: 'z.uuid()',
  ipv4: 'z.ipv4()',
  ipv6: 'z.ipv6()',
};

/** Formats that say how a value is encoded or shown, not what it may be: nothing to check, nothing to warn. */
const UNCHECKED_FORMATS = new Set(['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password', 'string', 'text', 'uri-reference', 'hostname', 'time', 'duration', 'ip']);

/** The Zod expression of a schema node. `depth` guards against schemas nested without end. */
export function zodOf(node: SchemaNode, ctx: ZodContext, depth = 0): string {
  return withNullable(node, baseOf(node, ctx, depth));
}

/** Whether the expression zodOf gives for this node is an object schema (so `.omit()` applies). */
export function isObjectSchema(node: SchemaNode, table: SchemaTable, depth = 0): boolean {
  if (node.nullable || depth > 16) return false;
  const s = node.ref !== undefined ? resolveSchema(node, table) : node;
  if (s.nullable || s.enum || s.const !== undefined) return false;
  if (s.composition && s.composition.kind !== 'allOf') return false;
  if (s.composition?.kind === 'allOf' && s.properties.length === 0 && s.requiredNames.length === 0) {
    const meaningful = s.composition.members.filter((m) => !isNote(m));
    if (meaningful.length === 1) return isObjectSchema(meaningful[0]!, table, depth + 1);
  }
  if (s.composition?.kind === 'allOf' && overlapping([...(s.properties.length > 0 ? [{ ...s, composition: undefined }] : []), ...s.composition.members], table)) return false;
  return s.type === 'object' || (s.type === undefined && (s.properties.length > 0 || s.composition?.kind === 'allOf'));
}

function withNullable(node: SchemaNode, expr: string): string {
  return node.nullable && !expr.endsWith('.nullable()') ? `${expr}.nullable()` : expr;
}

function baseOf(node: SchemaNode, ctx: ZodContext, depth: number): string {
  if (depth > 32) return 'z.unknown()';
  if (node.ref !== undefined) return reference(node.ref, ctx, node.pointer);
  if (node.const !== undefined) return literal(node.const, node, ctx);
  if (node.enum && node.enum.length > 0) return enumOf(node.enum, node, ctx);
  if (node.composition) {
    const { kind, members } = node.composition;
    // An allOf of one schema and notes (`allOf: [{ $ref: X }, { description }]`, as AWS specs write every
    // property): that schema; read as an object to merge, it would inline X, and X's insides, without end.
    const meaningful = members.filter((m) => !isNote(m));
    // (Not for a schema whose discriminator property has a value of its own: that one is written out.)
    if (kind === 'allOf' && meaningful.length === 1 && node.properties.length === 0 && node.requiredNames.length === 0 && ctx.root?.node !== node) return zodOf(meaningful[0]!, ctx, depth + 1);
    if (kind === 'allOf') {
      // Object members (and the schema's own properties beside them) merge into one object, as
      // openapi-typescript's intersection of them reads, unless two declare one property (each with its own
      // schema of it): then an intersection, which checks both.
      const own: SchemaNode | undefined = node.properties.length > 0 ? { ...node, composition: undefined, nullable: false } : undefined;
      if ((isObjectSchema(node, ctx.table) || members.every((m) => isObjectSchema(m, ctx.table))) && !overlapping(own ? [own, ...members] : members, ctx.table)) return objectOf(node, ctx, depth);
      // Its own properties, and the members' properties its `required` list names (openapi-typescript's WithRequired).
      const fromMembers = members.flatMap((m) => objectProperties(m, ctx.table)).filter((p) => node.requiredNames.includes(p.name) && !node.properties.some((o) => o.name === p.name));
      const required: SchemaNode | undefined =
        own || fromMembers.length > 0 ? { ...node, composition: undefined, nullable: false, properties: [...node.properties, ...fromMembers.map((p) => ({ ...p, required: true }))] } : undefined;
      const parts = required ? [required, ...members] : members;
      return parts.map((m) => zodOf(m, ctx, depth + 1)).reduce((a, b) => `z.intersection(${a}, ${b})`);
    }
    const options = members.map((m) => zodOf(m, ctx, depth + 1));
    return options.length === 1 ? options[0]! : `z.union([${options.join(', ')}])`;
  }
  switch (node.type) {
    case 'string':
      return stringOf(node, ctx);
    case 'integer':
    case 'number':
      return numberOf(node);
    case 'boolean':
      return 'z.boolean()';
    case 'null':
      return 'z.null()';
    case 'array':
      return arrayOf(node, ctx, depth);
    case 'object':
      return objectOf(node, ctx, depth);
    default:
      if (node.properties.length > 0) return objectOf(node, ctx, depth);
      if (node.items) return arrayOf(node, ctx, depth);
      return 'z.unknown()';
  }
}

function reference(component: string, ctx: ZodContext, pointer: string): string {
  const name = ctx.constOf(component);
  if (name === undefined) {
    ctx.warn(`a $ref to ${component}, which has no schema: any value is accepted there`, pointer);
    return 'z.unknown()';
  }
  // A schema not defined yet is one in a cycle, whose const is annotated with its model type: z.lazy infers it.
  return ctx.isDefined(name) ? name : `z.lazy(() => ${name})`;
}

function literal(value: unknown, node: SchemaNode, ctx: ZodContext): string {
  if (value === null) return 'z.null()';
  if (['string', 'number', 'boolean'].includes(typeof value)) return `z.literal(${jsLiteral(value)})`;
  ctx.warn('a const that is not a string, number, boolean or null: any value is accepted there', node.pointer);
  return 'z.unknown()';
}

function enumOf(values: unknown[], node: SchemaNode, ctx: ZodContext): string {
  if (values.every((v) => typeof v === 'string')) return `z.enum([${values.map((v) => tsString(v as string)).join(', ')}])`;
  const literals = values.map((v) => literal(v, node, ctx));
  return literals.length === 1 ? literals[0]! : `z.union([${literals.join(', ')}])`;
}

function jsLiteral(value: unknown): string {
  return typeof value === 'string' ? tsString(value) : String(value);
}

function stringOf(node: SchemaNode, ctx: ZodContext): string {
  let expr = 'z.string()';
  if (node.format !== undefined) {
    if (FORMATS[node.format] !== undefined) expr = FORMATS[node.format]!;
    else if (!UNCHECKED_FORMATS.has(node.format) && !ctx.annotationFormats.includes(node.format)) ctx.warn(`format ${JSON.stringify(node.format)} is not checked by the schema: any string is accepted`, `${node.pointer}/format`);
  }
  const c = node.constraints;
  if (typeof c['minLength'] === 'number') expr += `.min(${c['minLength']})`;
  if (typeof c['maxLength'] === 'number') expr += `.max(${c['maxLength']})`;
  if (typeof c['pattern'] === 'string') {
    const pattern = javascriptPattern(c['pattern']);
    if (pattern === undefined) ctx.warn(`pattern ${JSON.stringify(c['pattern'])} does not compile as a JavaScript regular expression: it is not checked`, `${node.pointer}/pattern`);
    else expr += `.regex(new RegExp(${tsString(pattern)}))`;
  }
  return expr;
}

function numberOf(node: SchemaNode): string {
  let expr = node.type === 'integer' ? 'z.number().int()' : 'z.number()';
  const c = node.constraints;
  // 3.0: exclusiveMinimum is a boolean beside minimum; 3.1: a number of its own.
  if (typeof c['minimum'] === 'number') expr += c['exclusiveMinimum'] === true ? `.gt(${c['minimum']})` : `.min(${c['minimum']})`;
  if (typeof c['maximum'] === 'number') expr += c['exclusiveMaximum'] === true ? `.lt(${c['maximum']})` : `.max(${c['maximum']})`;
  if (typeof c['exclusiveMinimum'] === 'number') expr += `.gt(${c['exclusiveMinimum']})`;
  if (typeof c['exclusiveMaximum'] === 'number') expr += `.lt(${c['exclusiveMaximum']})`;
  if (typeof c['multipleOf'] === 'number' && c['multipleOf'] > 0) expr += `.multipleOf(${c['multipleOf']})`;
  return expr;
}

function arrayOf(node: SchemaNode, ctx: ZodContext, depth: number): string {
  let expr = `z.array(${node.items ? zodOf(node.items, ctx, depth + 1) : 'z.unknown()'})`;
  const c = node.constraints;
  if (typeof c['minItems'] === 'number') expr += `.min(${c['minItems']})`;
  if (typeof c['maxItems'] === 'number') expr += `.max(${c['maxItems']})`;
  if (c['uniqueItems'] === true) expr += `.refine((items) => new Set(items.map((item) => JSON.stringify(item))).size === items.length, 'Items must be unique')`;
  return expr;
}

function objectOf(node: SchemaNode, ctx: ZodContext, depth: number): string {
  const discriminated = ctx.root?.node === node ? ctx.root : undefined;
  const inner: ZodContext = { ...ctx, root: undefined };
  const properties = objectProperties(node, ctx.table);
  // A discriminator property the schema does not declare is one openapi-typescript adds, required.
  const added = discriminated && !properties.some((p) => p.name === discriminated.property) ? [`${isIdentifier(discriminated.property) ? discriminated.property : tsString(discriminated.property)}: ${enumOf(discriminated.values, node, ctx)}`] : [];
  const fields = properties.map((p) => {
    const key = isIdentifier(p.name) ? p.name : tsString(p.name);
    const optional = p.required ? '' : '.exactOptional()';
    if (discriminated?.property === p.name && discriminated.values.length > 0) return `${key}: ${enumOf(discriminated.values, p.schema, ctx)}${optional}`;
    // A property that refers to a schema defined further down (or to this one) is read when first used: a
    // getter, inside which every schema is defined.
    if (refersForward(p.schema, ctx)) return `get ${key}() { return ${zodOf(p.schema, { ...inner, isDefined: () => true }, depth + 1)}${optional}; }`;
    return `${key}: ${zodOf(p.schema, inner, depth + 1)}${optional}`;
  });
  const members = [...fields, ...added];
  const shape = members.length === 0 ? '{}' : `{ ${members.join(', ')} }`;
  const extra = resolveSchema(node, ctx.table).additionalProperties ?? node.additionalProperties;
  if (extra === false) return `z.strictObject(${shape})`;
  if (extra !== undefined && extra !== true) return `z.object(${shape}).catchall(${zodOf(extra, inner, depth + 1)})`;
  // No properties and no word on others: openapi-typescript's Record<string, never>, which z.object({}) infers
  // too; `unknown` when the schema does not even say it is an object (`properties: {}` alone).
  if (properties.length === 0 && extra === undefined) return node.typeDeclared || node.composition ? 'z.object({})' : 'z.unknown()';
  return `z.looseObject(${shape})`;
}

/** Whether two allOf members declare a property of the same name. */
function overlapping(members: SchemaNode[], table: SchemaTable): boolean {
  const seen = new Set<string>();
  for (const m of members) {
    for (const p of objectProperties(m, table)) {
      if (seen.has(p.name)) return true;
      seen.add(p.name);
    }
  }
  return false;
}

/** Whether a schema refers, anywhere inside it, to a schema const not defined yet. */
function refersForward(node: SchemaNode, ctx: ZodContext, depth = 0): boolean {
  if (depth > 32) return false;
  if (node.ref !== undefined) {
    const name = ctx.constOf(node.ref);
    return name !== undefined && !ctx.isDefined(name);
  }
  return (
    node.properties.some((p) => refersForward(p.schema, ctx, depth + 1)) ||
    (node.items !== undefined && refersForward(node.items, ctx, depth + 1)) ||
    (typeof node.additionalProperties === 'object' && refersForward(node.additionalProperties, ctx, depth + 1)) ||
    (node.composition?.members.some((m) => refersForward(m, ctx, depth + 1)) ?? false)
  );
}
