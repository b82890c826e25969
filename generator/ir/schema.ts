/**
 * Schema Object (OpenAPI 3.0 §4.7.24, 3.1 §4.8.24 / JSON Schema 2020-12) to SchemaNode.
 * Settles the differences between versions once: `nullable: true` (3.0) and `type: [T, "null"]`
 * (3.1) both become `nullable`; `example` (3.0) and `examples` (3.1) both become `examples`.
 * Refs to whole components stay references by name, so cycles cannot recurse.
 */
import { escapeToken, parsePointer } from '../json-pointer.js';
import type { SchemaNode, SchemaType } from './model.js';

const SCHEMA_TYPES = new Set<SchemaType>(['object', 'array', 'string', 'integer', 'number', 'boolean', 'null']);
const CONSTRAINT_KEYS = [
  'minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'multipleOf', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties',
] as const;

/** "#/components/schemas/Name" -> "Name" */
export function componentSchemaName(ref: string): string | undefined {
  const segments = parsePointer(ref);
  return segments?.length === 3 && segments[0] === 'components' && segments[1] === 'schemas' ? segments[2] : undefined;
}

export function normalizeSchema(raw: unknown, pointer: string): SchemaNode {
  const s = (raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const node: SchemaNode = {
    pointer,
    nullable: s['nullable'] === true,
    typeDeclared: s['type'] !== undefined,
    readOnly: s['readOnly'] === true,
    writeOnly: s['writeOnly'] === true,
    deprecated: s['deprecated'] === true,
    examples: [],
    properties: [],
    requiredNames: Array.isArray(s['required']) ? (s['required'] as unknown[]).map(String) : [],
    constraints: {},
    extensions: {},
  };

  const ref = s['$ref'];
  if (typeof ref === 'string') {
    const name = componentSchemaName(ref);
    if (name !== undefined) node.ref = name;
  }

  const type = s['type'];
  if (typeof type === 'string' && SCHEMA_TYPES.has(type as SchemaType)) {
    node.type = type as SchemaType;
  } else if (Array.isArray(type)) {
    // 3.1: ["string", "null"] is a nullable string; several non-null types keep the first.
    const nonNull = type.filter((t): t is SchemaType => t !== 'null' && SCHEMA_TYPES.has(t as SchemaType));
    if (type.includes('null')) node.nullable = true;
    node.type = nonNull[0] ?? (type.includes('null') ? 'null' : undefined);
  }

  if (typeof s['format'] === 'string') node.format = s['format'];
  if (typeof s['title'] === 'string') node.title = s['title'];
  if (typeof s['description'] === 'string') node.description = s['description'];
  if ('example' in s) node.examples.push(s['example']);
  if (Array.isArray(s['examples'])) node.examples.push(...(s['examples'] as unknown[]));
  if ('default' in s) node.default = s['default'];
  if ('const' in s) node.const = s['const'];
  if (Array.isArray(s['enum'])) {
    node.enum = (s['enum'] as unknown[]).filter((v) => v !== null);
    if ((s['enum'] as unknown[]).includes(null)) node.nullable = true;
  }

  for (const key of CONSTRAINT_KEYS) {
    const v = s[key];
    if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') node.constraints[key] = v;
  }

  if (s['items'] !== undefined && typeof s['items'] === 'object') {
    node.items = normalizeSchema(s['items'], `${pointer}/items`);
    node.type ??= 'array';
  }

  const props = s['properties'];
  if (props !== null && typeof props === 'object') {
    const required = new Set(node.requiredNames);
    for (const [name, value] of Object.entries(props as Record<string, unknown>)) {
      node.properties.push({
        name,
        required: required.has(name),
        schema: normalizeSchema(value, `${pointer}/properties/${escapeToken(name)}`),
      });
    }
    node.type ??= 'object';
  }

  const ap = s['additionalProperties'];
  if (typeof ap === 'boolean') node.additionalProperties = ap;
  else if (ap !== null && typeof ap === 'object') node.additionalProperties = normalizeSchema(ap, `${pointer}/additionalProperties`);

  for (const kind of ['allOf', 'oneOf', 'anyOf'] as const) {
    const members = s[kind];
    if (Array.isArray(members) && members.length > 0 && !node.composition) {
      node.composition = { kind, members: members.map((m, i) => normalizeSchema(m, `${pointer}/${kind}/${i}`)) };
    }
  }

  const discriminator = s['discriminator'] as Record<string, unknown> | undefined;
  if (discriminator && typeof discriminator['propertyName'] === 'string') {
    const mapping = discriminator['mapping'] !== null && typeof discriminator['mapping'] === 'object' ? (discriminator['mapping'] as Record<string, unknown>) : {};
    node.discriminator = { propertyName: discriminator['propertyName'], mapping: Object.fromEntries(Object.entries(mapping).filter((e): e is [string, string] => typeof e[1] === 'string')) };
  }

  for (const [key, value] of Object.entries(s)) if (key.startsWith('x-')) node.extensions[key] = value;
  return node;
}
