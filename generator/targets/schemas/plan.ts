/**
 * The schemas target's planner: one Zod schema per model of the client package (`PersonalAccessTokenSchema`),
 * per request body as the client sends it (`PersonalAccessTokenUpdateBodySchema`, without read-only fields)
 * and per operation's query parameters, in an order where each comes after the schemas it uses directly;
 * and the map of each operation's request and response schemas the client validates with. Every name is
 * claimed in the client package's value scope, so it can never clash with the client's exports; the module
 * is the package's `./schemas` subpath.
 */
import type { NamedSchema, SchemaNode } from '../../ir/model.js';
import type { NameRegistry } from '../../names/registry.js';
import type { ClientPlan, PlannedModel } from '../plans.js';

export interface SchemasPlan {
  /** The module, in the output folder, and its path inside the client package. */
  file: string;
  source: string;
  /** In the order they are written: each after the ones it refers to directly. */
  schemas: PlannedSchema[];
  /** The export of operation schemas, by operationId. */
  operationsConst: string;
  /** The schema const of each component schema, by its name in components.schemas. */
  componentConsts: Record<string, string>;
  operations: PlannedOperationSchemas[];
}

type PlannedSchema =
  /**
   * `recursive`: the schema refers to itself, through others or not: its const is annotated with its model
   * type (`z.ZodType<Model, Model>`), as TypeScript cannot infer the type of a schema that contains itself.
   */
  | { kind: 'schema'; constName: string; typeName: string; description?: string; node: SchemaNode; recursive: boolean }
  | { kind: 'omit'; constName: string; typeName: string; base: string; omit: string[]; description?: string };

interface PlannedOperationSchemas {
  operationId: string;
  /** Query parameters by their names on the wire, with the schema of each. */
  query: { wireName: string; node: SchemaNode; required: boolean }[];
  body?: string;
  response?: string;
}

const SCHEMAS_SUBPATH = './schemas';

export function planSchemas(client: ClientPlan, schemas: readonly NamedSchema[], names: NameRegistry): SchemasPlan {
  const values = names.scope('client/values');
  const constOf = new Map<string, string>();
  const models = client.models.filter((m): m is Extract<PlannedModel, { kind: 'alias' | 'omit' }> => m.kind === 'alias' || m.kind === 'omit');
  for (const m of models) constOf.set(m.typeName, values.claim(`${m.typeName}Schema`));

  // Each schema after the ones it refers to, where the references allow (a cycle is read lazily).
  const componentType = new Map(models.filter((m) => m.kind === 'alias' && schemas.some((s) => s.name === m.schemaKey)).map((m) => [(m as { schemaKey: string }).schemaKey, m.typeName]));
  const byType = new Map(models.map((m) => [m.typeName, m]));
  const ordered: PlannedSchema[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const depsOf = (typeName: string): string[] => {
    const m = byType.get(typeName)!;
    return (m.kind === 'omit' ? [m.base] : refsOf(m.schema).map((ref) => componentType.get(ref)).filter((t): t is string => t !== undefined)).filter((t) => byType.has(t));
  };
  const recursive = recursiveOnes([...byType.keys()], depsOf);
  const visit = (typeName: string) => {
    if (state.has(typeName)) return;
    state.set(typeName, 'open');
    const m = byType.get(typeName)!;
    for (const dep of depsOf(typeName)) visit(dep);
    state.set(typeName, 'done');
    ordered.push(
      m.kind === 'alias'
        ? { kind: 'schema', constName: constOf.get(typeName)!, typeName, ...(m.description !== undefined ? { description: m.description } : {}), node: m.schema, recursive: recursive.has(typeName) }
        : { kind: 'omit', constName: constOf.get(typeName)!, typeName, base: constOf.get(m.base)!, omit: m.omit, ...(m.description !== undefined ? { description: m.description } : {}) },
    );
  };
  for (const m of models) visit(m.typeName);

  const operations: PlannedOperationSchemas[] = [];
  for (const service of client.services) {
    for (const resource of service.resources) {
      for (const op of resource.operations) {
        const queryModel = op.queryType !== undefined ? byType.get(op.queryType) : undefined;
        const queryNode = queryModel?.kind === 'alias' ? queryModel.schema : undefined;
        const query = op.queryParams.flatMap((q) => {
          const prop = queryNode?.properties.find((p) => p.name === q.property);
          return prop ? [{ wireName: q.wireName, node: prop.schema, required: prop.required }] : [];
        });
        const planned: PlannedOperationSchemas = { operationId: op.operationId, query };
        if (op.bodyType !== undefined && constOf.has(op.bodyType)) planned.body = constOf.get(op.bodyType)!;
        if (op.responseType !== 'void' && constOf.has(op.responseType)) planned.response = constOf.get(op.responseType)!;
        operations.push(planned);
      }
    }
  }

  const source = 'src/schemas.ts';
  const file = names.claimFile(`${client.dir}/${source}`, 'schemas');
  names.claimEntry('client', { subpath: SCHEMAS_SUBPATH, source, owner: 'schemas', peerDependencies: { zod: '^4' }, devDependencies: { zod: '4.6.7' } });
  const componentConsts = Object.fromEntries([...componentType].map(([component, typeName]) => [component, constOf.get(typeName)!]));
  return { file, source, schemas: ordered, operationsConst: values.claim('operationSchemas'), componentConsts, operations };
}

/** The nodes that reach themselves through their dependencies (Tarjan's strongly connected components). */
function recursiveOnes(nodes: string[], depsOf: (n: string) => string[]): Set<string> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out = new Set<string>();
  let next = 0;
  const connect = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of depsOf(v)) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const members: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        members.push(w);
      } while (w !== v);
      if (members.length > 1 || depsOf(v).includes(v)) for (const m of members) out.add(m);
    }
  };
  for (const v of nodes) if (!index.has(v)) connect(v);
  return out;
}

/** The component schemas a node refers to, anywhere inside it. */
function refsOf(node: SchemaNode, out: string[] = []): string[] {
  if (node.ref !== undefined) out.push(node.ref);
  for (const p of node.properties) refsOf(p.schema, out);
  if (node.items) refsOf(node.items, out);
  if (node.additionalProperties && typeof node.additionalProperties === 'object') refsOf(node.additionalProperties, out);
  for (const m of node.composition?.members ?? []) refsOf(m, out);
  return out;
}
