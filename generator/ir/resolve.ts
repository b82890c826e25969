/**
 * Lookups over the bundled document and the schema table. The bundler has already checked that
 * every $ref resolves; these only follow refs to whole components (the only refs left).
 */
import { getAtPointer, parsePointer } from '../json-pointer.js';
import type { NamedSchema, PropertyNode, Response, SchemaNode } from './model.js';

/** Follows `$ref`s to whole components (parameters, responses, requestBodies...) to the object. */
export function derefComponent(document: unknown, node: unknown): { value: Record<string, unknown>; pointer?: string } {
  let current = node;
  let pointer: string | undefined;
  for (let hops = 0; hops < 32; hops++) {
    if (current === null || typeof current !== 'object') break;
    const ref = (current as Record<string, unknown>)['$ref'];
    if (typeof ref !== 'string') break;
    const segments = parsePointer(ref);
    if (!segments) break;
    pointer = ref;
    current = getAtPointer(document, segments);
  }
  const value = current !== null && typeof current === 'object' ? (current as Record<string, unknown>) : {};
  return pointer !== undefined ? { value, pointer } : { value };
}

export type SchemaTable = ReadonlyMap<string, NamedSchema>;

export function schemaTable(schemas: readonly NamedSchema[]): SchemaTable {
  return new Map(schemas.map((s) => [s.name, s]));
}

/** The node a ref points at (through chains of refs), or the node itself. */
export function resolveSchema(node: SchemaNode, table: SchemaTable): SchemaNode {
  let current = node;
  const seen = new Set<string>();
  while (current.ref !== undefined && !seen.has(current.ref)) {
    seen.add(current.ref);
    const target = table.get(current.ref);
    if (!target) break;
    current = target.schema;
  }
  return current;
}

/**
 * Whether a property is read-only: marked on the property or on the schema it refers to (OpenAPI 3.0
 * §4.7.24 readOnly: sent in responses only, never in a request).
 */
export function isReadOnly(property: PropertyNode, table: SchemaTable): boolean {
  return property.schema.readOnly === true || resolveSchema(property.schema, table).readOnly === true;
}

/**
 * The properties an object schema ends up with, through refs and allOf (whose members all apply),
 * first declaration winning, any member's `required` list adding to it.
 */
export function objectProperties(node: SchemaNode, table: SchemaTable): PropertyNode[] {
  const out = new Map<string, PropertyNode>();
  const requiredNames = new Set<string>();
  const visit = (n: SchemaNode, seen: Set<SchemaNode>) => {
    const resolved = resolveSchema(n, table);
    if (seen.has(resolved)) return;
    seen.add(resolved);
    for (const name of [...n.requiredNames, ...resolved.requiredNames]) requiredNames.add(name);
    for (const p of resolved.properties) if (!out.has(p.name)) out.set(p.name, p);
    if (resolved.composition?.kind === 'allOf') for (const member of resolved.composition.members) visit(member, seen);
  };
  visit(node, new Set());
  // A `required` list in any allOf member applies to the merged object (JSON Schema 2020-12 §10.2.1.1).
  return [...out.values()].map((p) => (requiredNames.has(p.name) && !p.required ? { ...p, required: true } : p));
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
