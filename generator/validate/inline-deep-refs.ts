/**
 * OpenAPI 3.0 §4.7.13 / 3.1 §4.8.23 (Reference Object) allow a $ref to any JSON pointer, so specs
 * such as Linode's write `$ref: '#/components/schemas/PaginationEnvelope/properties/page'`. Type
 * generators (openapi-typescript, OpenAPI Generator, Kiota) only name whole components, so a ref
 * into a component's insides is replaced here by a copy of its (already validated) target. Refs to
 * whole components stay refs, so named models stay named. A deep ref that reaches itself (a recursive
 * definition kept inside a component, as in `PushOption/definitions/pushOptionProperty`) cannot be
 * copied: its target becomes a component schema of its own instead.
 */
import { escapeToken, getAtPointer, parsePointer, setOwn, toPointer } from '../json-pointer.js';
import type { OpenApiDocument } from './document.js';

/** "#/components/<kind>/<name>" exactly: a ref that names a whole component. */
function isWholeComponentRef(segments: string[]): boolean {
  return segments.length === 3 && segments[0] === 'components';
}

export function inlineDeepRefs(document: OpenApiDocument): OpenApiDocument {
  // The deep refs that reach themselves (a tree node whose children are tree nodes): a copy of those would
  // never end. Found on the graph of deep refs, in linear time: exploring every chain of refs instead is
  // exponential on specs whose deep refs point at each other (Azure's network specs).
  const recursive = recursiveDeepRefs(document);
  if (recursive.size === 0) return inlineWith(document, document, new Map(), []);

  // Each recursive target becomes a component schema of its own, and every ref to it (and the place it was
  // written) a ref to that component, so the recursion goes through a named type as for any recursive component.
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
    hoisted.set(toPointer(segments), name);
  }
  const result = inlineWith(document, document, hoisted, []);
  const components = (result.components ??= {}) as Record<string, unknown>;
  const schemas = (components['schemas'] ??= {}) as Record<string, unknown>;
  for (const [pointer, name] of hoisted) {
    const segments = parsePointer(pointer)!;
    setOwn(schemas, name, inlineWith(getAtPointer(document, segments), document, hoisted, segments, true));
  }
  return result;
}

/**
 * Copies `node` (found at `at` in `root`) with deep refs replaced by copies of their targets, and hoisted
 * targets, wherever they are met, by refs to their component (except `node` itself when `isHoistedRoot`).
 */
function inlineWith<T>(node: T, root: unknown, hoisted: ReadonlyMap<string, string>, at: string[], isHoistedRoot = false): T {
  const resolving = new Set<string>();
  const componentRef = (name: string) => `#/components/schemas/${escapeToken(name)}`;

  // Where a node is matters only to find hoisted targets: without any, no path is built (the usual case).
  const under = hoisted.size > 0 ? (path: string[], key: string) => [...path, key] : (path: string[]) => path;

  const visit = (node: unknown, path: string[], top: boolean): unknown => {
    if (Array.isArray(node)) return node.map((item, i) => visit(item, under(path, String(i)), false));
    if (node === null || typeof node !== 'object') return node;
    const obj = node as Record<string, unknown>;
    if (!top && hoisted.size > 0) {
      const here = hoisted.get(toPointer(path));
      if (here !== undefined) return { $ref: componentRef(here) };
    }
    const ref = obj['$ref'];
    if (typeof ref === 'string') {
      const segments = parsePointer(ref);
      const component = segments ? hoisted.get(toPointer(segments)) : undefined;
      if (component !== undefined) {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(obj)) setOwn(out, k, k === '$ref' ? componentRef(component) : visit(v, under(path, k), false));
        return out;
      }
      if (segments && !isWholeComponentRef(segments) && !resolving.has(ref)) {
        const target = getAtPointer(root, segments);
        if (target !== undefined) {
          resolving.add(ref);
          // The copy is walked as the target, where it is: a hoisted schema inside it is found by its place.
          const copy = visit(target, segments, true) as Record<string, unknown>;
          resolving.delete(ref);
          // Sibling keywords of a $ref (3.1 allows description/summary) win over the target's.
          const { $ref: _ignored, ...siblings } = obj;
          const merged: Record<string, unknown> = {};
          for (const [k, v] of [...Object.entries(copy), ...Object.entries(visit(siblings, path, true) as Record<string, unknown>)]) setOwn(merged, k, v);
          return merged;
        }
      }
    }
    const out: Record<string, unknown> = {};
    // Vendor extensions are opaque: their $refs (such as x-stackQL-resources pointing at
    // operations) are links for whoever reads the extension, not schemas to inline.
    for (const [key, value] of Object.entries(obj)) setOwn(out, key, key.startsWith('x-') ? value : visit(value, under(path, key), false));
    return out;
  };

  return visit(node, at, isHoistedRoot) as T;
}

/** The deep refs found under `node`, without following any ref. */
function deepRefsIn(node: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) deepRefsIn(item, found);
  } else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-')) continue;
      if (key === '$ref' && typeof value === 'string') {
        const segments = parsePointer(value);
        if (segments && !isWholeComponentRef(segments)) found.add(value);
      } else {
        deepRefsIn(value, found);
      }
    }
  }
  return found;
}

/** Deep refs on a cycle of deep refs (Tarjan's strongly connected components, iteratively). */
function recursiveDeepRefs(document: OpenApiDocument): Set<string> {
  const edges = new Map<string, string[]>();
  const pending = [...deepRefsIn(document, new Set())];
  while (pending.length > 0) {
    const ref = pending.pop()!;
    if (edges.has(ref)) continue;
    const target = getAtPointer(document, parsePointer(ref)!);
    const next = [...deepRefsIn(target, new Set())];
    edges.set(ref, next);
    pending.push(...next.filter((n) => !edges.has(n)));
  }

  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const recursive = new Set<string>();
  let counter = 0;
  for (const start of [...edges.keys()].sort()) {
    if (index.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const successors = edges.get(frame.node) ?? [];
      if (frame.next < successors.length) {
        const succ = successors[frame.next++]!;
        if (!index.has(succ)) {
          index.set(succ, counter);
          low.set(succ, counter++);
          stack.push(succ);
          onStack.add(succ);
          work.push({ node: succ, next: 0 });
        } else if (onStack.has(succ)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(succ)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const selfLoop = component.length === 1 && successors.includes(frame.node);
        if (component.length > 1 || selfLoop) for (const m of component) recursive.add(m);
      }
    }
  }
  return recursive;
}
