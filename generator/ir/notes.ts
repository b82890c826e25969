/** Schemas that say nothing but words. */
import type { SchemaNode } from './model.js';

/** A schema that only describes (a description, a title, examples): it constrains nothing. */
export function isNote(node: SchemaNode): boolean {
  return (
    node.ref === undefined && node.type === undefined && node.properties.length === 0 && node.items === undefined && node.composition === undefined &&
    node.enum === undefined && node.const === undefined && node.additionalProperties === undefined && Object.keys(node.constraints).length === 0 && !node.nullable
  );
}
