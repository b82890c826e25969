/**
 * The mocks target's planner: a data factory per model of the client package (`createPersonalAccessToken`),
 * named in the client package's value scope, and each operation as the mock API serves it: its MSW path,
 * what it does to which collection, the item's id, its success status, and which factories make its items,
 * its answer and its error body. The module is the package's `./mocks` subpath; its runtime is copied beside it.
 */
import type { ApiModel, Operation, Response, SchemaNode } from '../../ir/model.js';
import { objectProperties, resolveSchema, schemaTable } from '../../ir/resolve.js';
import type { NameRegistry } from '../../names/registry.js';
import type { ClientPlan, PlannedModel } from '../plans.js';

export interface MocksPlan {
  file: string;
  source: string;
  /** The runtime module, copied from templates/mocks/, and its template. */
  runtimeFile: string;
  runtimeTemplate: string;
  baseUrl: string;
  factories: PlannedFactory[];
  operations: PlannedMockOperation[];
  /** The exports (the mock API maker, the default instance, its handlers and handlers by operation) and the module's locals. */
  names: { createMockApi: string; handlers: string; byOperation: string; api: string; serve: string; operations: string; nth: string };
}

interface PlannedFactory {
  name: string;
  typeName: string;
  node: SchemaNode;
}

/** What an operation answers with: a factory's value, or a value made from a schema with no factory. */
export type MockBody = { factory: string } | { node: SchemaNode } | undefined;

interface PlannedMockOperation {
  name: string;
  method: string;
  path: string;
  kind: Operation['kind'];
  collection?: string;
  idParam?: string;
  idField?: string;
  /** Whether items may not vary their id (it is an enum or a const): each then keeps the factory's. */
  fixedId: boolean;
  status: number;
  item?: string;
  response: MockBody;
  error: MockBody;
}

const RUNTIME = 'mocks/mocks-runtime.ts';

export function planMocks(model: ApiModel, client: ClientPlan, names: NameRegistry): MocksPlan {
  const values = names.scope('client/values');
  const table = schemaTable(model.schemas);
  const aliases = client.models.filter((m): m is Extract<PlannedModel, { kind: 'alias' }> => m.kind === 'alias');
  const factories = aliases.map((m) => ({ name: values.claim(`create${m.typeName}`), typeName: m.typeName, node: m.schema }));
  const factoryOf = new Map(factories.map((f) => [f.typeName, f.name]));
  const componentFactory = new Map(aliases.filter((m) => model.schemas.some((s) => s.name === m.schemaKey && s.schema === m.schema)).map((m) => [m.schemaKey, factoryOf.get(m.typeName)!]));
  const byId = new Map(model.operations.map((o) => [o.operationId, o]));
  const nodeOf = new Map(aliases.map((m) => [m.typeName, m.schema]));

  // The item type of each collection, from its list: an operation on the collection's path that answers
  // another type (a thumbnail, a sub-resource) is served as an action, not from the collection.
  const listItem = new Map<string, string>();
  for (const op of client.services.flatMap((s) => s.resources.flatMap((r) => r.operations))) {
    const ir = byId.get(op.operationId)!;
    if (ir.kind === 'list' && op.pagination) listItem.set(ir.collectionPath, op.pagination.itemType);
  }

  // The id field of each collection's items, from the operations that name an item: every operation of the
  // collection (its list and create too) gives its items that field.
  const collectionId = new Map<string, string>();
  for (const op of client.services.flatMap((s) => s.resources.flatMap((r) => r.operations))) {
    const ir = byId.get(op.operationId)!;
    const param = ['get', 'update', 'replace', 'delete'].includes(ir.kind) ? ir.parameters.filter((p) => p.in === 'path' && !p.isApiVersion).at(-1)?.name : undefined;
    const type = op.responseType !== 'void' ? op.responseType : undefined;
    const field = param !== undefined ? idField(type !== undefined ? nodeOf.get(type) : undefined, param, table) : undefined;
    if (field !== undefined && !collectionId.has(ir.collectionPath)) collectionId.set(ir.collectionPath, field);
  }

  const operations: PlannedMockOperation[] = [];
  for (const service of client.services) {
    for (const resource of service.resources) {
      for (const op of resource.operations) {
        const ir = byId.get(op.operationId)!;
        const itemType = op.pagination?.itemType ?? (op.responseType !== 'void' ? op.responseType : undefined);
        const onItem = ['get', 'update', 'replace', 'delete'].includes(ir.kind);
        const idParam = onItem ? ir.parameters.filter((p) => p.in === 'path' && !p.isApiVersion).at(-1)?.name : undefined;
        const itemNode = itemType !== undefined ? nodeOf.get(itemType) : undefined;
        const collectionItem = listItem.get(ir.collectionPath);
        // Items are objects: an answer of another shape (an image's bytes) is not an item of a collection.
        const notAnItem = itemNode !== undefined && resolveSchema(itemNode, table).type !== undefined && resolveSchema(itemNode, table).type !== 'object';
        const foreign = ir.kind !== 'list' && ir.kind !== 'delete' && ir.kind !== 'action' && ((collectionItem !== undefined && itemType !== collectionItem) || notAnItem);
        const kind = foreign ? 'action' : ir.kind;
        const planned: PlannedMockOperation = {
          name: op.functionName,
          method: ir.method,
          path: ir.path.replace(/\{([^}]+)\}/g, ':$1'),
          kind,
          status: statusOf(ir.successResponse),
          fixedId: false,
          response: op.responseType !== 'void' && factoryOf.has(op.responseType) ? { factory: factoryOf.get(op.responseType)! } : undefined,
          error: errorBody(ir, componentFactory),
        };
        if (kind !== 'action') planned.collection = ir.collectionPath;
        if (itemType !== undefined && factoryOf.has(itemType) && kind !== 'action' && kind !== 'delete') planned.item = factoryOf.get(itemType)!;
        if (idParam !== undefined) planned.idParam = idParam;
        const field = collectionId.get(ir.collectionPath) ?? idField(itemNode, idParam, table);
        if (field !== undefined) planned.idField = field;
        const idSchema = itemNode && field !== undefined ? objectProperties(itemNode, table).find((p) => p.name === field)?.schema : undefined;
        const resolvedId = idSchema ? resolveSchema(idSchema, table) : undefined;
        planned.fixedId = resolvedId !== undefined && (resolvedId.enum !== undefined || resolvedId.const !== undefined);
        operations.push(planned);
      }
    }
  }

  const source = 'src/mocks.ts';
  const file = names.claimFile(`${client.dir}/${source}`, 'mocks');
  const runtimeFile = names.claimFile(`${client.dir}/src/mocks-runtime.ts`, 'mocks');
  names.claimEntry('client', { subpath: './mocks', source, owner: 'mocks', peerDependencies: { msw: '^2 || ^3' }, devDependencies: { msw: '2.9.0' } });
  return {
    file,
    source,
    runtimeFile,
    runtimeTemplate: RUNTIME,
    baseUrl: client.baseUrl,
    factories,
    operations,
    names: {
      createMockApi: values.claim('createMockApi'),
      handlers: values.claim('handlers'),
      byOperation: values.claim('handlersByOperation'),
      api: values.claim('mockApi'),
      // The module's own bindings share its scope with the exports.
      serve: values.claim('serveOperations'),
      operations: values.claim('mockOperations'),
      nth: values.claim('nthItem'),
    },
  };
}

/** `200` for `200` and `2XX`; 200 when the spec gives no success response. */
function statusOf(response: Response | undefined): number {
  const n = Number.parseInt(response?.status ?? '200', 10);
  return Number.isFinite(n) && n >= 200 && n < 300 ? n : 200;
}

/** The body of the operation's error response (404, else the first 4xx, else default), as a factory or a schema. */
function errorBody(op: Operation, componentFactory: ReadonlyMap<string, string>): MockBody {
  const response = op.responses.find((r) => r.status === '404') ?? op.responses.find((r) => /^4/.test(r.status)) ?? op.responses.find((r) => r.status === 'default');
  if (!response?.schema) return undefined;
  const ref = response.schema.ref;
  return ref !== undefined && componentFactory.has(ref) ? { factory: componentFactory.get(ref)! } : { node: response.schema };
}

/** The item's field that the id path parameter names: `id` when the item has one, else the parameter's own name. */
function idField(item: SchemaNode | undefined, param: string | undefined, table: ReturnType<typeof schemaTable>): string | undefined {
  if (item === undefined) return param === undefined ? undefined : 'id';
  const props = objectProperties(item, table).map((p) => p.name);
  if (props.includes('id')) return 'id';
  if (param !== undefined && props.includes(param)) return param;
  return param === undefined ? undefined : 'id';
}
