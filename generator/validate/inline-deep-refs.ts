/**
 * OpenAPI 3.0 §4.7.13 / 3.1 §4.8.23 (Reference Object) allow a $ref to any JSON pointer, so specs
 * such as Linode's write `$ref: '#/components/schemas/PaginationEnvelope/properties/page'`. Type
 * generators (openapi-typescript, OpenAPI Generator, Kiota) only name whole components, so a ref
 * into a component's insides is replaced here by a copy of its (already validated) target. Refs to
 * whole components stay refs, so named models stay named. A deep ref that reaches itself (a recursive
 * definition kept inside a component, as in `PushOption/definitions/pushOptionProperty`) cannot be
 * copied: its target becomes a component schema of its own instead.
 */
import { escapeToken, getAtPointer, parsePointer, setOwn } from '../json-pointer.js';
import type { OpenApiDocument } from './validate.js';

/** "#/components/<kind>/<name>" exactly: a ref that names a whole component. */
function isWholeComponentRef(segments: string[]): boolean {
  return segments.length === 3 && segments[0] === 'components';
}

export function inlineDeepRefs(document: OpenApiDocument): OpenApiDocument {
  // First pass: inline, and note the deep refs that reach themselves (a tree node whose children are tree
  // nodes): a copy of those would never end.
  const recursive = new Set<string>();
  const firstPass = inlineWith(document, new Map(), recursive);
  if (recursive.size === 0) return firstPass;

  // Second pass: each recursive target becomes a component schema of its own, and every ref to it a ref to
  // that component, so the recursion goes through a named type as it would for any recursive component.
  const existing = document.components?.['schemas'];
  const taken = new Set(existing && typeof existing === 'object' ? Object.keys(existing) : []);
  const hoisted = new Map<string, string>();
  for (const ref of [...recursive].sort()) {
    const segments = parsePointer(ref)!;
    const last = segments[segments.length - 1]!;
    const base = /^[A-Za-z_][\w.-]*$/.test(last) ? last : segments.join('_').replace(/[^\w.-]/g, '_');
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
    taken.add(name);
    hoisted.set(ref, name);
  }
  const result = inlineWith(document, hoisted, new Set());
  const components = (result.components ??= {}) as Record<string, unknown>;
  const schemas = (components['schemas'] ??= {}) as Record<string, unknown>;
  for (const [ref, name] of hoisted) {
    setOwn(schemas, name, inlineWith(getAtPointer(document, parsePointer(ref)!) as OpenApiDocument, hoisted, new Set(), document));
  }
  return result;
}

/**
 * Copies `node` with deep refs replaced by their targets (looked up in `root`), refs in `hoisted` by refs to
 * their component, and notes in `recursive` the deep refs met again while their target is being copied.
 */
function inlineWith(node: OpenApiDocument, hoisted: ReadonlyMap<string, string>, recursive: Set<string>, root: unknown = node): OpenApiDocument {
  const resolving = new Set<string>();

  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (node === null || typeof node !== 'object') return node;
    const obj = node as Record<string, unknown>;
    const ref = obj['$ref'];
    if (typeof ref === 'string') {
      const segments = parsePointer(ref);
      const component = hoisted.get(ref);
      if (component !== undefined) {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(obj)) setOwn(out, k, k === '$ref' ? `#/components/schemas/${escapeToken(component)}` : visit(v));
        return out;
      }
      if (segments && !isWholeComponentRef(segments) && resolving.has(ref)) recursive.add(ref);
      if (segments && !isWholeComponentRef(segments) && !resolving.has(ref)) {
        const target = getAtPointer(root, segments);
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

  return visit(node) as OpenApiDocument;
}
