/**
 * Discriminator Object (OpenAPI 3.0 §4.7.25): the value of `propertyName` in a payload names the
 * member schema, through `mapping` or, without one, the member's component name. Type generators
 * act on it globally: openapi-typescript rewrites the member's property to that literal everywhere
 * the member is used. A discriminator that contradicts its members (Linode's tags endpoint puts
 * `propertyName: type` over Domain, whose own `type` is the enum master/slave) would corrupt those
 * models, so it is dropped, with a warning naming it.
 */
import type { Warning } from '../errors.js';
import { getAtPointer, parsePointer, setOwn, toPointer } from '../json-pointer.js';

type Json = Record<string, unknown>;

export function dropContradictoryDiscriminators(document: Json): { document: Json; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const visit = (node: unknown, path: (string | number)[]): unknown => {
    if (Array.isArray(node)) return node.map((v, i) => visit(v, [...path, i]));
    if (node === null || typeof node !== 'object') return node;
    const obj = node as Json;
    const out: Json = {};
    for (const [key, value] of Object.entries(obj)) setOwn(out, key, key.startsWith('x-') ? value : visit(value, [...path, key]));
    const discriminator = obj['discriminator'] as Json | undefined;
    // A mapping entry that names no schema of this document (a file the spec was cut from, a typo) cannot
    // type anything, and tools that read the mapping would try to load it.
    const mapping = discriminator?.['mapping'];
    if (mapping !== null && typeof mapping === 'object' && !Array.isArray(mapping)) {
      const kept: Json = {};
      for (const [value, target] of Object.entries(mapping as Json)) {
        if (typeof target === 'string' && namesSchema(document, target)) setOwn(kept, value, target);
        else warnings.push({ message: `discriminator mapping "${value}" -> ${JSON.stringify(target)} names no schema of this document: ignored`, pointer: toPointer([...path, 'discriminator', 'mapping', value]) });
      }
      (out['discriminator'] as Json)['mapping'] = kept;
    }
    if (discriminator && typeof discriminator['propertyName'] === 'string') {
      const contradiction = findContradiction(document, obj, discriminator);
      if (contradiction) {
        delete out['discriminator'];
        warnings.push({
          message: `discriminator on "${discriminator['propertyName']}" ignored: ${contradiction}`,
          pointer: toPointer([...path, 'discriminator']),
        });
      }
    }
    return out;
  };
  return { document: visit(document, []) as Json, warnings };
}

function findContradiction(document: Json, schema: Json, discriminator: Json): string | undefined {
  const property = discriminator['propertyName'] as string;
  const members = [...(Array.isArray(schema['oneOf']) ? schema['oneOf'] : []), ...(Array.isArray(schema['anyOf']) ? schema['anyOf'] : [])] as Json[];
  const mapping = (discriminator['mapping'] ?? {}) as Record<string, string>;
  for (const member of members) {
    const ref = member['$ref'];
    if (typeof ref !== 'string') continue;
    const values = Object.entries(mapping).filter(([, target]) => target === ref).map(([value]) => value);
    if (values.length === 0) values.push(ref.split('/').pop()!);
    const target = getAtPointer(document, parsePointer(ref) ?? []) as Json | undefined;
    const prop = (target?.['properties'] as Json | undefined)?.[property] as Json | undefined;
    if (!prop) continue;
    const allowed = Array.isArray(prop['enum']) ? (prop['enum'] as unknown[]) : 'const' in prop ? [prop['const']] : undefined;
    if (allowed && !values.every((v) => allowed.includes(v))) {
      return `${ref} has "${property}" limited to ${JSON.stringify(allowed)}, which cannot hold ${JSON.stringify(values)}`;
    }
  }
  return undefined;
}

/** A mapping value is a local ref to a schema, or (OpenAPI 3.0 §4.7.25) a component schema's name. */
function namesSchema(document: Json, target: string): boolean {
  const segments = target.startsWith('#') ? parsePointer(target) : ['components', 'schemas', target];
  return segments !== undefined && getAtPointer(document, segments) !== undefined;
}
