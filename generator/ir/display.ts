/**
 * A schema's display type, as pages show it to a reader: `string (date-time)`, `array<object>`,
 * `string | integer`, `any`. Every target that shows a schema's type in prose reads it from here.
 */
import type { SchemaNode } from './model.js';
import { resolveSchema, type SchemaTable } from './resolve.js';

/** The JSON type a schema stands for, through refs and oneOf/anyOf members (`string | integer`); `any` when nothing says. */
export function baseType(node: SchemaNode, table: SchemaTable, seen = new Set<SchemaNode>()): string {
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
