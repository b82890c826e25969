/**
 * Schema Object (OpenAPI 3.0 §4.7.24, 3.1 §4.8.24): a `$ref` in a schema must point at a schema. Some
 * published specs point one at another kind of component (rev.ai: `schema: {$ref:
 * '#/components/responses/CaptionSrt'}`), which type generators cannot resolve. Such a ref is replaced by
 * the empty schema (any value), with a warning naming where it is; the rest of the spec is generated.
 *
 * Runs after inline-deep-refs.ts, so a valid schema ref left here names a whole `#/components/schemas/*` entry.
 */
import type { Warning } from '../errors.js';
import { parsePointer, setOwn, toPointer } from '../json-pointer.js';
import type { OpenApiDocument } from './validate.js';

type Json = Record<string, unknown>;
type Path = (string | number)[];

/** Keywords whose value is a schema, a list of schemas, or a map of names to schemas. */
const ONE_SCHEMA = new Set(['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties', 'additionalItems', 'contentSchema']);
const SCHEMA_LIST = new Set(['allOf', 'oneOf', 'anyOf', 'prefixItems']);
const SCHEMA_MAP = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
/** Values that are data, not OpenAPI structure: never walked. */
const DATA = new Set(['example', 'examples', 'default', 'enum', 'const']);

export function checkSchemaRefs(document: OpenApiDocument): { document: OpenApiDocument; warnings: Warning[] } {
  const warnings: Warning[] = [];

  const schema = (node: unknown, path: Path): unknown => {
    if (Array.isArray(node) || node === null || typeof node !== 'object') return node;
    const obj = node as Json;
    const ref = obj['$ref'];
    if (typeof ref === 'string') {
      const segments = parsePointer(ref);
      if (segments !== undefined && !(segments.length === 3 && segments[0] === 'components' && segments[1] === 'schemas')) {
        const kind = segments[0] === 'components' && segments[1] !== undefined ? `a ${singular(segments[1])}` : 'something';
        warnings.push({
          message: `schema $ref "${ref}" points at ${kind}, not a schema: treated as any value. Point it at a schema under #/components/schemas`,
          pointer: toPointer([...path, '$ref']),
        });
        const { $ref: _dropped, ...rest } = obj;
        return schema(rest, path);
      }
    }
    const out: Json = {};
    for (const [key, value] of Object.entries(obj)) {
      let copy = value;
      if (key.startsWith('x-') || DATA.has(key)) copy = value;
      else if (ONE_SCHEMA.has(key)) copy = Array.isArray(value) ? value.map((v, i) => schema(v, [...path, key, i])) : schema(value, [...path, key]);
      else if (SCHEMA_LIST.has(key) && Array.isArray(value)) copy = value.map((v, i) => schema(v, [...path, key, i]));
      else if (SCHEMA_MAP.has(key) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
        const map: Json = {};
        for (const [name, sub] of Object.entries(value as Json)) setOwn(map, name, schema(sub, [...path, key, name]));
        copy = map;
      }
      setOwn(out, key, copy);
    }
    return out;
  };

  // Everything outside schemas: a `schema` member (parameter, media type, header) starts one.
  const structure = (node: unknown, path: Path): unknown => {
    if (Array.isArray(node)) return node.map((v, i) => structure(v, [...path, i]));
    if (node === null || typeof node !== 'object') return node;
    const out: Json = {};
    for (const [key, value] of Object.entries(node as Json)) {
      const at = [...path, key];
      let copy: unknown;
      if (key.startsWith('x-') || DATA.has(key)) copy = value;
      else if (key === 'schema') copy = schema(value, at);
      else if (path.length === 2 && path[0] === 'components' && path[1] === 'schemas') copy = schema(value, at);
      else copy = structure(value, at);
      setOwn(out, key, copy);
    }
    return out;
  };

  return { document: structure(document, []) as OpenApiDocument, warnings };
}

function singular(kind: string): string {
  const names: Record<string, string> = {
    responses: 'response',
    parameters: 'parameter',
    requestBodies: 'request body',
    headers: 'header',
    examples: 'example',
    securitySchemes: 'security scheme',
    links: 'link',
    callbacks: 'callback',
    pathItems: 'path item',
  };
  return names[kind] ?? kind;
}
