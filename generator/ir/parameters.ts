/**
 * Parameter Object (OpenAPI 3.0 §4.7.12, 3.1 §4.8.12) and its merging rule (§4.7.9 Path Item,
 * §4.7.10 Operation): parameters declared on the path item apply to every operation under it; an
 * operation's parameter with the same name and location overrides it. (The StackQL docgen ignored
 * the path-item level, which is how `tokenId` went missing from its pages.)
 */
import { toPointer } from '../json-pointer.js';
import type { Parameter, ParameterLocation } from './model.js';
import { derefComponent } from './resolve.js';
import { normalizeSchema } from './schema.js';

const LOCATIONS: ParameterLocation[] = ['path', 'query', 'header', 'cookie'];

export function mergeParameters(
  document: unknown,
  path: string,
  method: string,
  pathItemParams: unknown,
  operationParams: unknown,
): Parameter[] {
  const merged = new Map<string, Parameter>();
  const collect = (list: unknown, declaredAt: Parameter['declaredAt'], base: (string | number)[]) => {
    if (!Array.isArray(list)) return;
    list.forEach((raw, index) => {
      const { value, pointer: refPointer } = derefComponent(document, raw);
      const name = value['name'];
      const location = value['in'];
      if (typeof name !== 'string' || !LOCATIONS.includes(location as ParameterLocation)) return;
      const pointer = refPointer ?? toPointer([...base, index]);
      const param: Parameter = {
        name,
        in: location as ParameterLocation,
        // §4.7.12: path parameters are always required.
        required: location === 'path' || value['required'] === true,
        deprecated: value['deprecated'] === true,
        schema: normalizeSchema(value['schema'] ?? contentSchema(value), `${pointer}/schema`),
        examples: [],
        declaredAt,
        pointer,
        isApiVersion: false,
      };
      if (typeof value['description'] === 'string') param.description = value['description'];
      if ('example' in value) param.examples.push(value['example']);
      param.examples.push(...param.schema.examples);
      merged.set(`${location}:${name}`, param);
    });
  };
  collect(pathItemParams, 'path-item', ['paths', path, 'parameters']);
  collect(operationParams, 'operation', ['paths', path, method, 'parameters']);

  const order = pathParameterOrder(path);
  // A `{name}` in the path that no parameter declares (a spec error the validator warns about)
  // still has to be filled in: it becomes a required string parameter.
  for (const name of order.keys()) {
    if (!merged.has(`path:${name}`)) {
      const pointer = toPointer(['paths', path]);
      merged.set(`path:${name}`, {
        name, in: 'path', required: true, deprecated: false, schema: normalizeSchema({ type: 'string' }, pointer), examples: [], declaredAt: 'path-item', pointer, isApiVersion: false,
      });
    }
  }
  return [...merged.values()].sort((a, b) => {
    const la = LOCATIONS.indexOf(a.in);
    const lb = LOCATIONS.indexOf(b.in);
    if (la !== lb) return la - lb;
    if (a.in === 'path') return (order.get(a.name) ?? 99) - (order.get(b.name) ?? 99);
    return 0; // other locations keep declaration order
  });
}

/** A parameter may carry `content` instead of `schema` (§4.7.12.3); its one media type's schema counts. */
function contentSchema(value: Record<string, unknown>): unknown {
  const content = value['content'];
  if (content === null || typeof content !== 'object') return undefined;
  const first = Object.values(content as Record<string, unknown>)[0];
  return first !== null && typeof first === 'object' ? (first as Record<string, unknown>)['schema'] : undefined;
}

/** Position of each `{name}` in the path template. */
function pathParameterOrder(path: string): Map<string, number> {
  const order = new Map<string, number>();
  for (const m of path.matchAll(/\{([^}]+)\}/g)) order.set(m[1]!, order.size);
  return order;
}
