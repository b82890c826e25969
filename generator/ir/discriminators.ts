/** Discriminators (OpenAPI 3.0 §4.7.25): the value each schema's discriminator property takes. */
import type { ApiModel, SchemaNode } from './model.js';
import { componentSchemaName } from './schema.js';

/**
 * The values each component's discriminator property takes, as openapi-typescript types them (OpenAPI 3.0
 * §4.7.25): a mapping's keys for the schemas they map to; else, for a oneOf/anyOf of references, each
 * member's own name; else, for schemas that extend the one with the discriminator (allOf), their names.
 */
export function discriminatorValues(model: ApiModel, nodes: readonly SchemaNode[]): Map<string, { property: string; values: string[] }> {
  const out = new Map<string, { property: string; values: string[] }>();
  const add = (component: string | undefined, property: string, value: string) => {
    if (component === undefined || !model.schemas.some((s) => s.name === component)) return;
    const entry = out.get(component) ?? { property, values: [] };
    if (entry.property === property && !entry.values.includes(value)) entry.values.push(value);
    out.set(component, entry);
  };
  const target = (ref: string) => componentSchemaName(ref) ?? (ref.includes('/') ? undefined : ref);
  const visit = (node: SchemaNode, owner: string | undefined, depth = 0) => {
    if (depth > 32) return;
    const d = node.discriminator;
    if (d) {
      const mapped = Object.entries(d.mapping).map(([value, ref]) => [value, target(ref)] as const);
      for (const [value, component] of mapped) add(component, d.propertyName, value);
      if (node.composition && node.composition.kind !== 'allOf') {
        // A member no mapping names is named by its schema's name.
        for (const m of node.composition.members) if (m.ref !== undefined && !mapped.some(([, c]) => c === m.ref)) add(m.ref, d.propertyName, m.ref);
      } else if (owner !== undefined && mapped.length === 0) {
        // Every schema that extends it, through others or not, is named by its own name.
        for (const name of descendants(model, owner)) add(name, d.propertyName, name);
      }
    }
    for (const p of node.properties) visit(p.schema, undefined, depth + 1);
    if (node.items) visit(node.items, undefined, depth + 1);
    for (const m of node.composition?.members ?? []) visit(m, undefined, depth + 1);
  };
  const componentOf = new Map(model.schemas.map((s) => [s.schema, s.name]));
  for (const node of nodes) visit(node, componentOf.get(node));
  return out;
}

/** The component schemas that extend one (allOf with a reference to it), directly or through others. */
function descendants(model: ApiModel, root: string): string[] {
  const out: string[] = [];
  const queue = [root];
  for (let i = 0; i < queue.length; i++) {
    for (const s of model.schemas) {
      if (out.includes(s.name) || s.name === root) continue;
      if (s.schema.composition?.kind === 'allOf' && s.schema.composition.members.some((m) => m.ref === queue[i])) {
        out.push(s.name);
        queue.push(s.name);
      }
    }
  }
  return out;
}
