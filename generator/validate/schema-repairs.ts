/**
 * What published specs get wrong inside schemas, repaired with a warning naming the place, so the rest of the
 * spec is generated:
 *
 * - Schema Object (OpenAPI 3.0 §4.7.24, 3.1 §4.8.24): a `$ref` in a schema must point at a schema. Some specs
 *   point one at another kind of component (rev.ai: `schema: {$ref: '#/components/responses/CaptionSrt'}`),
 *   which type generators cannot resolve: it becomes the empty schema (any value).
 * - `type: 'null'` beside a `oneOf`/`anyOf` of non-null schemas (vercel) allows no value at all; its author
 *   meant "one of these, or null", and openapi-typescript's `null & (...)` for it is an error when a member
 *   refers back to the schema: it becomes `oneOf: [...members, {type: 'null'}]`.
 * - A component schema that is not an object and contains itself without an object in between (vercel's
 *   `EdgeConfigItemValue`: a string, a number... or an array of EdgeConfigItemValue) has no TypeScript type in
 *   openapi-typescript's `components["schemas"][name]` form (TS2502, circular): the inner ref becomes the empty
 *   schema (any value).
 *
 * Runs after inline-deep-refs.ts, so a valid schema ref left here names a whole `#/components/schemas/*` entry.
 */
import type { Warning } from '../errors.js';
import { escapeToken, parsePointer, setOwn, toPointer } from '../json-pointer.js';
import type { OpenApiDocument } from './document.js';

type Json = Record<string, unknown>;
type Path = (string | number)[];

/** Keywords whose value is a schema, a list of schemas, or a map of names to schemas. */
const ONE_SCHEMA = new Set(['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties', 'additionalItems', 'contentSchema']);
const SCHEMA_LIST = new Set(['allOf', 'oneOf', 'anyOf', 'prefixItems']);
const SCHEMA_MAP = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
/** Values that are data, not OpenAPI structure: never walked. */
const DATA = new Set(['example', 'examples', 'default', 'enum', 'const']);

export function repairSchemas(document: OpenApiDocument): { document: OpenApiDocument; warnings: Warning[] } {
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
    const union = Array.isArray(obj['oneOf']) ? 'oneOf' : Array.isArray(obj['anyOf']) ? 'anyOf' : undefined;
    const nullAndUnion = obj['type'] === 'null' && union !== undefined && !(obj[union] as unknown[]).some(allowsNull);
    if (nullAndUnion) {
      warnings.push({
        message: `type "null" beside ${union} allows no value: read as ${union} of its schemas or null. Write the null type as one more ${union} member`,
        pointer: toPointer([...path, 'type']),
      });
    }
    for (const [key, value] of Object.entries(obj)) {
      if (nullAndUnion && key === 'type') continue;
      let copy = value;
      if (key.startsWith('x-') || DATA.has(key)) copy = value;
      else if (ONE_SCHEMA.has(key)) copy = Array.isArray(value) ? value.map((v, i) => schema(v, [...path, key, i])) : schema(value, [...path, key]);
      else if (SCHEMA_LIST.has(key) && Array.isArray(value)) copy = value.map((v, i) => schema(v, [...path, key, i]));
      else if (SCHEMA_MAP.has(key) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
        const map: Json = {};
        for (const [name, sub] of Object.entries(value as Json)) setOwn(map, name, schema(sub, [...path, key, name]));
        copy = map;
      }
      if (nullAndUnion && key === union) copy = [...(copy as unknown[]), { type: 'null' }];
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

  const repaired = structure(document, []) as OpenApiDocument;
  const schemas = repaired.components?.['schemas'];
  if (schemas !== null && typeof schemas === 'object') {
    for (const [name, value] of Object.entries(schemas)) {
      breakDirectSelfReference(value, `#/components/schemas/${escapeToken(name)}`, ['components', 'schemas', name], warnings);
    }
  }
  return { document: repaired, warnings };
}

/** Keywords a type is built from without an object type in between (an object's members are resolved lazily). */
const DIRECT = new Set(['items', 'prefixItems', 'oneOf', 'anyOf', 'allOf', 'not']);

function breakDirectSelfReference(node: unknown, self: string, path: Path, warnings: Warning[]): void {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
  const obj = node as Json;
  for (const [key, value] of Object.entries(obj)) {
    if (!DIRECT.has(key)) continue;
    const members = Array.isArray(value) ? value.map((v, i) => [v, [...path, key, i]] as const) : [[value, [...path, key]] as const];
    for (const [member, at] of members) {
      if (member !== null && typeof member === 'object' && (member as Json)['$ref'] === self) {
        // The document is this module's own copy: the member can lose its ref in place.
        delete (member as Json)['$ref'];
        warnings.push({
          message: `${self} contains itself with no object in between, which has no TypeScript type: the inner one is typed as any value`,
          pointer: toPointer([...at, '$ref']),
        });
      } else {
        breakDirectSelfReference(member, self, [...at], warnings);
      }
    }
  }
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

/** Whether a union member already takes null (then `type: 'null'` beside the union is no contradiction). */
function allowsNull(member: unknown): boolean {
  if (member === null || typeof member !== 'object') return true;
  const m = member as Json;
  if (typeof m['$ref'] === 'string') return true; // unknown here: leave the schema alone
  const type = m['type'];
  return type === undefined || type === 'null' || (Array.isArray(type) && type.includes('null')) || m['nullable'] === true;
}
