/**
 * Example values for documentation and READMEs, from the spec: a parameter's or schema's
 * `example`/`examples`, else its `default`, first `enum` value or `const`, else a placeholder by
 * type and format. Plain JSON values: templates print them through an escaping helper.
 */
import { setOwn } from '../../json-pointer.js';
import type { SchemaNode } from '../../ir/model.js';
import { objectProperties, resolveSchema, type SchemaTable } from '../../ir/resolve.js';

const FORMAT_PLACEHOLDERS: Record<string, string> = {
  'date-time': '2024-01-01T00:00:00Z',
  date: '2024-01-01',
  email: 'user@example.com',
  uri: 'https://example.com',
  url: 'https://example.com',
  uuid: '00000000-0000-0000-0000-000000000000',
};

export function exampleValue(node: SchemaNode, table: SchemaTable, depth = 0): unknown {
  const s = resolveSchema(node, table);
  const own = [...node.examples, ...s.examples][0];
  if (own !== undefined) return own;
  if (s.default !== undefined) return s.default;
  if (s.const !== undefined) return s.const;
  if (s.enum && s.enum.length > 0) return s.enum[0];
  if (depth > 3) return null;
  switch (s.type) {
    case 'integer':
    case 'number':
      return typeof s.constraints['minimum'] === 'number' ? s.constraints['minimum'] : 1;
    case 'boolean':
      return true;
    case 'array':
      return s.items ? [exampleValue(s.items, table, depth + 1)] : [];
    case 'object':
      return exampleObject(s, table, { writableOnly: false, requiredOnly: depth > 0 }, depth + 1);
    case 'string':
      return (s.format && FORMAT_PLACEHOLDERS[s.format]) ?? 'string';
    default:
      if (s.composition?.members[0]) return exampleValue(s.composition.members[0], table, depth + 1);
      return s.properties.length > 0 ? exampleObject(s, table, { writableOnly: false, requiredOnly: false }, depth + 1) : null;
  }
}

/** An example object: for request bodies, only the fields a caller may send (not readOnly). */
export function exampleObject(
  node: SchemaNode,
  table: SchemaTable,
  options: { writableOnly: boolean; requiredOnly: boolean },
  depth = 0,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of objectProperties(node, table)) {
    if (options.writableOnly && (p.schema.readOnly || resolveSchema(p.schema, table).readOnly)) continue;
    if (options.requiredOnly && !p.required) continue;
    setOwn(out, p.name, exampleValue(p.schema, table, depth));
  }
  return out;
}
