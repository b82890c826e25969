/**
 * What the StackQL registry's CI checks of a provider's service spec: the service has resources, every resource has
 * methods, every SELECT method's operation has a response schema at its openAPIDocKey and mediaType, every INSERT
 * method's operation takes a request body, and every `$ref` (operations, sqlVerbs, components) resolves in the
 * document. Returns what fails, each with its JSON pointer.
 */
import { getAtPointer, parsePointer, toPointer } from '../../json-pointer.js';

export function registryProblems(doc: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const components = (doc['components'] ?? {}) as Record<string, unknown>;
  const resources = (components['x-stackQL-resources'] ?? {}) as Record<string, Record<string, unknown>>;
  const resolve = (ref: unknown) => (typeof ref === 'string' ? parsePointer(ref) : undefined);
  if (Object.keys(resources).length === 0) problems.push('the service has no resources');
  for (const [key, resource] of Object.entries(resources)) {
    const at = ['components', 'x-stackQL-resources', key];
    const methods = (resource['methods'] ?? {}) as Record<string, Record<string, unknown>>;
    if (Object.keys(methods).length === 0) problems.push(`${toPointer(at)}: resource ${key} has no methods`);
    const operations = new Map<string, Record<string, unknown>>();
    for (const [name, method] of Object.entries(methods)) {
      const ref = (method['operation'] as { $ref?: unknown } | undefined)?.$ref;
      const segs = resolve(ref);
      const operation = segs !== undefined ? getAtPointer(doc, segs) : undefined;
      if (operation === undefined || operation === null || typeof operation !== 'object') problems.push(`${toPointer([...at, 'methods', name, 'operation', '$ref'])}: ${JSON.stringify(ref)} does not resolve`);
      else operations.set(name, operation as Record<string, unknown>);
    }
    const verbs = (resource['sqlVerbs'] ?? {}) as Record<string, unknown>;
    for (const [verb, list] of Object.entries(verbs)) {
      for (const [i, item] of (Array.isArray(list) ? list : []).entries()) {
        const ref = (item as { $ref?: unknown } | null)?.$ref;
        const segs = resolve(ref);
        const methodName = segs?.[segs.length - 1];
        if (segs === undefined || getAtPointer(doc, segs) === undefined || methodName === undefined) {
          problems.push(`${toPointer([...at, 'sqlVerbs', verb, i, '$ref'])}: ${JSON.stringify(ref)} does not resolve`);
          continue;
        }
        const operation = operations.get(methodName);
        const method = methods[methodName]!;
        if (verb === 'select' && operation !== undefined) {
          const response = method['response'] as { openAPIDocKey?: string; mediaType?: string } | undefined;
          const content = (operation['responses'] as Record<string, { content?: Record<string, { schema?: unknown }> }> | undefined)?.[response?.openAPIDocKey ?? '200']?.content;
          if (content?.[response?.mediaType ?? 'application/json']?.schema === undefined) problems.push(`${toPointer([...at, 'methods', methodName])}: SELECT method ${methodName} has no response schema`);
        }
        if (verb === 'insert' && operation !== undefined && operation['requestBody'] === undefined) problems.push(`${toPointer([...at, 'methods', methodName])}: INSERT method ${methodName} takes no request body`);
      }
    }
  }
  // Every other $ref in the document.
  const walk = (node: unknown, at: (string | number)[]) => {
    if (Array.isArray(node)) node.forEach((n, i) => walk(n, [...at, i]));
    else if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
        if (k === '$ref' && typeof v === 'string') {
          const segs = resolve(v);
          if (segs === undefined || getAtPointer(doc, segs) === undefined) problems.push(`${toPointer(at)}: $ref ${JSON.stringify(v)} does not resolve`);
        } else if (!(at.length === 1 && at[0] === 'components' && k === 'x-stackQL-resources')) walk(v, [...at, k]);
      }
    }
  };
  walk(doc, []);
  return problems;
}
