/**
 * OpenAPI 3.0 §4.7.13 / 3.1 §4.8.23 (Reference Object) allow a $ref to any JSON pointer, so specs
 * such as Linode's write `$ref: '#/components/schemas/PaginationEnvelope/properties/page'`. Type
 * generators (openapi-typescript, OpenAPI Generator, Kiota) only name whole components, so a ref
 * into a component's insides is replaced here by a copy of its (already validated) target. Refs to
 * whole components stay refs, so named models stay named.
 */
import { getAtPointer, parsePointer, setOwn } from '../json-pointer.js';
import type { OpenApiDocument } from './validate.js';

/** "#/components/<kind>/<name>" exactly: a ref that names a whole component. */
function isWholeComponentRef(segments: string[]): boolean {
  return segments.length === 3 && segments[0] === 'components';
}

export function inlineDeepRefs(document: OpenApiDocument): OpenApiDocument {
  const resolving = new Set<string>();

  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (node === null || typeof node !== 'object') return node;
    const obj = node as Record<string, unknown>;
    const ref = obj['$ref'];
    if (typeof ref === 'string') {
      const segments = parsePointer(ref);
      if (segments && !isWholeComponentRef(segments) && !resolving.has(ref)) {
        const target = getAtPointer(document, segments);
        if (target !== undefined) {
          resolving.add(ref);
          const copy = visit(target) as Record<string, unknown>;
          resolving.delete(ref);
          // Sibling keywords of a $ref (3.1 allows description/summary) win over the target's.
          const { $ref: _ignored, ...siblings } = obj;
          const merged: Record<string, unknown> = {};
          for (const [k, v] of [...Object.entries(copy), ...Object.entries(visit(siblings) as Record<string, unknown>)]) setOwn(merged, k, v);
          return merged;
        }
      }
    }
    const out: Record<string, unknown> = {};
    // Vendor extensions are opaque: their $refs (such as x-stackQL-resources pointing at
    // operations) are links for whoever reads the extension, not schemas to inline.
    for (const [key, value] of Object.entries(obj)) setOwn(out, key, key.startsWith('x-') ? value : visit(value));
    return out;
  };

  return visit(document) as OpenApiDocument;
}
