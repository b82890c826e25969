/**
 * A value for a schema that its Zod schema accepts: the spec's example where it gives one that fits the
 * schema's own keywords (Linode's spec has examples that do not: a null where nothing is nullable), else
 * one made to fit: the format's canonical value, a string padded to minLength, a number inside its bounds,
 * the first enum value, the discriminator's value, every required property (and the optional ones the spec
 * has examples for). Deterministic: no clock, no randomness.
 */
import type { SchemaNode } from '../../ir/model.js';
import { objectProperties, resolveSchema, type SchemaTable } from '../../ir/resolve.js';
import { setOwn } from '../../json-pointer.js';
import { isNote } from '../../ir/notes.js';
import { javascriptRegExp } from '../../ir/patterns.js';

export interface ValueContext {
  table: SchemaTable;
  /** Discriminator values by component name, so a member's discriminator property holds its own value. */
  discriminators: ReadonlyMap<string, { property: string; values: string[] }>;
  /** The component a node is the root of, if any. */
  componentOf: ReadonlyMap<SchemaNode, string>;
  warn(message: string, pointer: string): void;
}

const FORMAT_VALUES: Record<string, string> = {
  'date-time': '2024-01-01T00:00:00',
  date: '2024-01-01',
  email: 'user@example.com',
  uri: 'https://example.com',
  url: 'https://example.com',
  uuid: '00000000-0000-4000-8000-000000000000',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
};
const STRING_CANDIDATES = ['example', 'example-1', 'a', 'abc', 'x1', 'A', '1', 'example.com', 'a_b'];

export function mockValue(node: SchemaNode, ctx: ValueContext, depth = 0): unknown {
  const s = resolveSchema(node, ctx.table);
  const fitting = [...node.examples, ...(s === node ? [] : s.examples)].find((e) => fits(s, e, ctx));
  if (fitting !== undefined) return fitting;
  if (s.const !== undefined) return s.const;
  if (s.enum && s.enum.length > 0) return s.enum[0];
  if (s.default !== undefined && fits(s, s.default, ctx)) return s.default;
  if (depth > 12) return s.nullable ? null : undefined;
  if (s.composition && s.composition.kind !== 'allOf') {
    // The first member: a oneOf's members exclude each other, and one member is one valid value.
    return mockValue(s.composition.members[0]!, ctx, depth + 1);
  }
  // An allOf of one schema and notes (as AWS specs write every property): that schema's value.
  const discriminatedHere = ctx.componentOf.has(s) && ctx.discriminators.has(ctx.componentOf.get(s)!);
  const meaningful = s.composition?.kind === 'allOf' && s.properties.length === 0 && s.requiredNames.length === 0 && !discriminatedHere ? s.composition.members.filter((m) => !isNote(m)) : [];
  if (meaningful.length === 1) return mockValue(meaningful[0]!, ctx, depth + 1);
  if (s.composition?.kind === 'allOf' && !isObjectLike(s, ctx.table)) {
    // An allOf of a scalar and notes (`allOf: [{ $ref: String }, { description }]`, as AWS specs write it): the scalar's value.
    const scalar = s.composition.members.find((m) => { const t = resolveSchema(m, ctx.table).type; return t !== undefined && t !== 'object'; });
    return scalar ? mockValue(scalar, ctx, depth + 1) : null;
  }
  if (isObjectLike(s, ctx.table)) return objectValue(s, ctx, depth);
  switch (s.type) {
    case 'string':
      return stringValue(s, ctx);
    case 'integer':
    case 'number':
      return numberValue(s);
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array': {
      const min = typeof s.constraints['minItems'] === 'number' ? s.constraints['minItems'] : 1;
      const item = s.items ? mockValue(s.items, ctx, depth + 1) : 'item';
      // Unique items where the schema asks for them: numbers counted up, strings numbered.
      return Array.from({ length: Math.max(1, min) }, (_, i) => (i === 0 ? item : typeof item === 'number' ? item + i : typeof item === 'string' ? `${item}${i}` : item));
    }
    default:
      return s.nullable ? null : {};
  }
}

/** Whether a schema is an object (its own type, properties, or an allOf of objects): a value of it is an object. */
export function isObjectLike(node: SchemaNode, table: SchemaTable, depth = 0): boolean {
  const s = resolveSchema(node, table);
  if (s.type !== undefined) return s.type === 'object';
  if (s.properties.length > 0) return true;
  if (s.composition?.kind === 'allOf' && depth < 16) {
    const typed = s.composition.members.filter((m) => resolveSchema(m, table).type !== undefined || resolveSchema(m, table).properties.length > 0 || resolveSchema(m, table).composition);
    return typed.length > 0 && typed.every((m) => isObjectLike(m, table, depth + 1));
  }
  return false;
}

function objectValue(s: SchemaNode, ctx: ValueContext, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // Where allOf members (or the schema's own properties) declare a property twice, the declaration that says
  // most (a type, a reference, items) is the one a value must satisfy: the others are weaker constraints.
  const declarations = new Map<string, SchemaNode[]>();
  const parts = s.composition?.kind === 'allOf' ? [{ ...s, composition: undefined }, ...s.composition.members] : [s];
  for (const part of parts) for (const p of objectProperties(part, ctx.table)) declarations.set(p.name, [...(declarations.get(p.name) ?? []), p.schema]);
  const strongest = (name: string, fallback: SchemaNode) =>
    (declarations.get(name) ?? []).find((d) => d.ref !== undefined || d.type !== undefined || d.items !== undefined) ?? fallback;
  const component = ctx.componentOf.get(s);
  const discriminated = component !== undefined ? ctx.discriminators.get(component) : undefined;
  for (const p of objectProperties(s, ctx.table)) {
    if (discriminated?.property === p.name && discriminated.values[0] !== undefined) {
      setOwn(out, p.name, discriminated.values[0]);
      continue;
    }
    // Below the top, optional properties only where the spec shows a value: a mock looks like the API's
    // answers, not a maze (and a recursive schema ends).
    const resolved = resolveSchema(p.schema, ctx.table);
    const saysWhat = resolved.type !== undefined || resolved.properties.length > 0 || resolved.composition !== undefined || resolved.enum !== undefined || resolved.const !== undefined;
    if (!p.required && (depth > 0 || !saysWhat) && p.schema.examples.length === 0 && resolved.examples.length === 0) continue;
    const value = mockValue(strongest(p.name, p.schema), ctx, depth + 1);
    if (value !== undefined) setOwn(out, p.name, value);
  }
  if (discriminated && !Object.hasOwn(out, discriminated.property) && discriminated.values[0] !== undefined) setOwn(out, discriminated.property, discriminated.values[0]);
  return out;
}

function stringValue(s: SchemaNode, ctx: ValueContext): string {
  const min = typeof s.constraints['minLength'] === 'number' ? s.constraints['minLength'] : 0;
  const max = typeof s.constraints['maxLength'] === 'number' ? s.constraints['maxLength'] : Infinity;
  const pattern = typeof s.constraints['pattern'] === 'string' ? javascriptRegExp(s.constraints['pattern']) : undefined;
  const base = (s.format !== undefined ? FORMAT_VALUES[s.format] : undefined) ?? 'example';
  const sized = (v: string) => (v.length < min ? v + 'x'.repeat(min - v.length) : v.length > max ? v.slice(0, Math.max(max, 0)) : v);
  if (pattern === undefined) return sized(base);
  // Candidates: the format's value, a few plain words, each between slashes (a pattern written with its
  // delimiters), and the pattern's own text (a pattern that is really a literal, or prose).
  const literal = String(s.constraints['pattern']).replace(/^\^|\$$/g, '').replace(/\\(.)/g, '$1');
  const candidates = [base, ...STRING_CANDIDATES, ...STRING_CANDIDATES.map((c) => `/${c}/`), literal];
  const match = candidates.map(sized).find((c) => pattern.test(c));
  if (match !== undefined) return match;
  ctx.warn(`mocks: no value found that matches the pattern ${JSON.stringify(s.constraints['pattern'])}: the factory's value may not pass the schema`, s.pointer);
  return sized(base);
}

function numberValue(s: SchemaNode): number {
  const c = s.constraints;
  const low = typeof c['exclusiveMinimum'] === 'number' ? c['exclusiveMinimum'] + 1 : typeof c['minimum'] === 'number' ? c['minimum'] + (c['exclusiveMinimum'] === true ? 1 : 0) : 1;
  const high = typeof c['exclusiveMaximum'] === 'number' ? c['exclusiveMaximum'] - 1 : typeof c['maximum'] === 'number' ? c['maximum'] - (c['exclusiveMaximum'] === true ? 1 : 0) : Infinity;
  let value = Math.min(Math.max(low, 1), high);
  if (s.type === 'integer') value = Math.ceil(value);
  const step = c['multipleOf'];
  if (typeof step === 'number' && step > 0) value = Math.ceil(value / step) * step;
  return value;
}

/** Whether an example fits the schema's own keywords (type, nullable, enum, length, pattern, bounds, formats). */
function fits(s: SchemaNode, value: unknown, ctx: ValueContext, depth = 0): boolean {
  if (depth > 12) return true;
  if (value === null) return s.nullable || s.type === 'null';
  if (s.ref !== undefined) return fits(resolveSchema(s, ctx.table), value, ctx, depth + 1);
  if (s.enum && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) return false;
  if (s.composition && s.composition.kind !== 'allOf') return s.composition.members.some((m) => fits(m, value, ctx, depth + 1));
  switch (s.type) {
    case 'string': {
      if (typeof value !== 'string') return false;
      const c = s.constraints;
      if (typeof c['minLength'] === 'number' && value.length < c['minLength']) return false;
      if (typeof c['maxLength'] === 'number' && value.length > c['maxLength']) return false;
      const pattern = typeof c['pattern'] === 'string' ? javascriptRegExp(c['pattern']) : undefined;
      if (pattern && !pattern.test(value)) return false;
      if (s.format === 'uuid' && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return false;
      if ((s.format === 'uri' || s.format === 'url') && !URL.canParse(value)) return false;
      if (s.format === 'date-time' && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.test(value)) return false;
      if (s.format === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
      if (s.format === 'email' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) return false;
      return true;
    }
    case 'integer':
      return Number.isInteger(value) && inBounds(s, value as number);
    case 'number':
      return typeof value === 'number' && inBounds(s, value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value) && (!s.items || value.every((v) => fits(s.items!, v, ctx, depth + 1)));
    case 'object':
      if (typeof value !== 'object' || Array.isArray(value)) return false;
      // No properties and no word on others: the model type is Record<string, never>, which only {} is.
      if (s.properties.length === 0 && s.additionalProperties === undefined && !s.composition && Object.keys(value).length > 0) return false;
      {
        const props = objectProperties(s, ctx.table);
        const record = value as Record<string, unknown>;
        if (!props.every((p) => (Object.hasOwn(record, p.name) ? fits(p.schema, record[p.name], ctx, depth + 1) : !p.required))) return false;
        // Keys the schema does not declare: checked against additionalProperties' schema; refused unless it
        // allows them, as the model type (openapi-typescript's, closed unless additionalProperties says) does.
        const extra = s.additionalProperties;
        const undeclared = Object.keys(record).filter((k) => !props.some((p) => p.name === k));
        if (extra !== undefined && extra !== true && extra !== false) return undeclared.every((k) => fits(extra, record[k], ctx, depth + 1));
        return undeclared.length === 0 || extra === true;
      }
    default:
      return true;
  }
}

function inBounds(s: SchemaNode, v: number): boolean {
  const c = s.constraints;
  if (typeof c['minimum'] === 'number' && (c['exclusiveMinimum'] === true ? v <= c['minimum'] : v < c['minimum'])) return false;
  if (typeof c['maximum'] === 'number' && (c['exclusiveMaximum'] === true ? v >= c['maximum'] : v > c['maximum'])) return false;
  if (typeof c['exclusiveMinimum'] === 'number' && v <= c['exclusiveMinimum']) return false;
  if (typeof c['exclusiveMaximum'] === 'number' && v >= c['exclusiveMaximum']) return false;
  return true;
}
