/**
 * The StackQL mapping a provider author would make by hand, derived from the spec alone: for every operation its
 * service, resource, method name and SQL verb, and the objectKey of lists (what provider-utils' CSV asks a
 * person to fill in). The rules, each general (nothing here knows an API's words):
 *
 * - service: the first path segment after any version (`split: 'path'`), or the operation's first tag
 *   (`split: 'tag'`); then the config's renames (`network_transfer` -> `networking`).
 * - resource: the tag, when the tag's operations (actions aside) act on one collection, minus the service's own
 *   words (`Linode instances` in service `linode` -> `instances`), snake_cased with capitalized words split and
 *   acronyms and brand words kept whole (`NodeBalancers` -> `node_balancers`, `OAuth clients` -> `oauth_clients`,
 *   `PostgreSQL` -> `postgresql`). Where the tag spans several collections (or there is none), the collection path
 *   names it: its literal segments after the service, items singular (`/invoices/{id}/items` -> `invoice_items`),
 *   from the segment the tag names when that alone tells the tag's collections apart (`Linode interfaces` on
 *   `/instances/{id}/interfaces/{id}/firewalls` -> `interface_firewalls`). Two collections that come to one name
 *   in a service: the shallower keeps it, the deeper one is prefixed with its parent.
 * - verb: GET `select`, PUT `replace`, PATCH `update`, DELETE `delete`; a POST to a collection is `insert` when
 *   it creates an item of that collection (what it returns is the collection's item), otherwise `exec`, as is
 *   every action (`/instances/{id}/reboot`).
 * - method name: the snake_cased operationId (`operation-id`), or the registry's short names (`short`): `list`
 *   and `get` for collection and item reads, `create`, `update`, `delete`, and for the rest the action's own words
 *   (the operationId without its HTTP verb, the resource's and service's words and the resource's initials:
 *   `post-reset-client-secret` on `oauth_clients` -> `reset_secret`, `post-tfa-disable` on
 *   `two_factor_authentication` -> `disable`).
 * - objectKey: `$.<items>` of a paginated list.
 * Pure: the model and the options in, plain data out.
 */
import pluralize from 'pluralize';
import type { ApiModel, Operation, SchemaNode } from '../ir/model.js';
import { objectProperties, resolveSchema, schemaTable, type SchemaTable } from '../ir/resolve.js';
import { snakeCase, words } from '../names/naming.js';
import type { MappedMethod, MappedResource, MethodNames, SqlVerbOrExec } from './types.js';

export interface DeriveOptions {
  split: 'path' | 'tag';
  methodNames: MethodNames;
  /** Service renames: derived name -> name in the provider. */
  serviceNames: Record<string, string>;
}

/** An operation's place in the derived mapping. */
export interface DerivedRow {
  operation: Operation;
  service: string;
  /** The service as the spec names it, before the config's renames (its words are not an action's). */
  ownService?: string;
  resource: string;
  method: string;
  verb: SqlVerbOrExec;
  objectKey?: string;
}

const VERSION_SEGMENT = /^v\d+(?:\.\d+)*(?:alpha|beta)?\d*$/i;
const isParam = (s: string) => /^\{[^}]+\}$/.test(s);
const splitPath = (p: string) => p.split('/').filter((s) => s.length > 0);

/**
 * Words as a person snake_cases a name: split at separators and where a capitalized word starts after a lower
 * case letter or digit (`NodeBalancers`); an acronym or an upper-case run stays whole (`OAuth`, `MySQL`, `IPv6`).
 */
export function nameWords(input: string): string[] {
  return input
    .replace(/([a-z0-9])([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}

const singularOf = (w: string) => pluralize.singular(w);
const sameWord = (a: string, b: string) => a === b || singularOf(a) === singularOf(b);

/** The path segments after any version segment or version parameter. */
function unversioned(path: string, apiVersionParam?: string): string[] {
  const segments = splitPath(path);
  const first = segments[0];
  return first !== undefined && (VERSION_SEGMENT.test(first) || (apiVersionParam !== undefined && first === `{${apiVersionParam}}`)) ? segments.slice(1) : segments;
}

export function deriveRows(model: ApiModel, options: DeriveOptions): DerivedRow[] {
  const apiVersionParam = model.operations.flatMap((o) => o.parameters).find((p) => p.isApiVersion)?.name;
  const ops = model.operations;
  const table = schemaTable(model.schemas);
  const verbs = ops.map((op) => verbOf(op, ops, table));
  // Own keys only: a service named `constructor` is not the object's.
  const rename = (name: string) => (Object.hasOwn(options.serviceNames, name) ? options.serviceNames[name]! : name);
  const serviceOf = (op: Operation) => (options.split === 'tag' && op.tags[0] !== undefined ? nameWords(op.tags[0]).join('_') || 'default' : snakeCase(op.service) || 'default');
  // The spec's own service names (their words are dropped from tags), and the provider's after the renames.
  const ownServices = ops.map(serviceOf);
  const services = ownServices.map(rename);

  // A path whose operations only read or write something that has no rows (an image, a free-form object) is
  // part of the resource above it: `/oauth-clients/{id}/thumbnail` is the OAuth client's.
  const byPath = new Map<string, number[]>();
  ops.forEach((op, i) => byPath.set(op.path, [...(byPath.get(op.path) ?? []), i]));
  const partOf = ops.map((op) => {
    const segments = splitPath(op.path);
    const onPath = byPath.get(op.path)!;
    if (segments.length < 2 || isParam(segments[segments.length - 1]!) || !onPath.every((j) => verbs[j] === 'exec' && ops[j]!.kind !== 'action' && rowless(ops[j]!, table))) return undefined;
    return byPath.get('/' + segments.slice(0, -1).join('/'))?.[0];
  });
  // An action on a path that is itself only actions (`/payments/paypal/execute` on `/payments/paypal`) acts on
  // what that path acts on.
  const onlyActions = (p: string) => byPath.get(p)?.every((j) => ops[j]!.kind === 'action') === true;
  const collections = ops.map((op, i) => {
    let collection = partOf[i] !== undefined ? ops[partOf[i]!]!.collectionPath : op.collectionPath;
    for (let hops = 0; hops < 8 && op.kind === 'action' && collection !== op.path && onlyActions(collection); hops++) collection = ops[byPath.get(collection)![0]!]!.collectionPath;
    return collection;
  });

  /** The collection's literal segments inside its service (the service's own segment dropped when split by path). */
  const literalsOf = (i: number) => {
    const segments = unversioned(collections[i]!, apiVersionParam);
    const inside = options.split === 'path' ? segments.slice(1) : segments;
    const literal: { word: string; item: boolean }[] = [];
    inside.forEach((s, k) => {
      if (!isParam(s)) literal.push({ word: nameWords(s).join('_'), item: inside[k + 1] !== undefined && isParam(inside[k + 1]!) });
    });
    return literal;
  };
  // Collections whose literal segments are the same (`/stats` and `/stats/{year}` under one item) are one.
  const family = (i: number) => `${services[i]}\u0000${literalsOf(i).map((l) => l.word).join('/')}`;
  const families = ops.map((_, i) => family(i));

  // Each tag's collections in its service, actions aside (an action acts on a collection another operation names).
  const tagKey = (i: number) => (ops[i]!.tags[0] !== undefined ? `${services[i]}\u0000${ops[i]!.tags[0]!.toLowerCase()}` : undefined);
  const tagCollections = new Map<string, Set<string>>();
  const tagAll = new Map<string, Set<string>>();
  ops.forEach((op, i) => {
    const key = tagKey(i);
    if (key === undefined) return;
    tagAll.set(key, (tagAll.get(key) ?? new Set()).add(families[i]!));
    if (op.kind !== 'action') tagCollections.set(key, (tagCollections.get(key) ?? new Set()).add(families[i]!));
  });
  const collectionsOfTag = (key: string) => tagCollections.get(key) ?? tagAll.get(key)!;
  const namesOneCollection = (i: number) => tagKey(i) !== undefined && collectionsOfTag(tagKey(i)!).size === 1;
  /** The tag's words, without the service's words it starts with (`Linode instances` in `linode`). */
  const tagWords = (i: number) => {
    const service = nameWords(ownServices[i]!);
    const tag = nameWords(ops[i]!.tags[0] ?? '');
    let k = 0;
    while (k < service.length && k < tag.length - 0 && sameWord(service[k]!, tag[k]!)) k++;
    return k === service.length ? tag.slice(k) : tag;
  };

  // Split by tag, a service's collections may share leading segments (`/shops/...`): its resources are named
  // from where they differ.
  const sharedPrefix = new Map<string, number>();
  if (options.split === 'tag') {
    const byService = new Map<string, string[][]>();
    ops.forEach((_, i) => byService.set(services[i]!, [...(byService.get(services[i]!) ?? []), literalsOf(i).map((l) => l.word)]));
    for (const [service, lists] of byService) {
      let n = 0;
      while (lists.every((l) => l.length > n + 1 && l[n] === lists[0]![n])) n++;
      sharedPrefix.set(service, n);
    }
  }
  const pathName = (literal: { word: string }[], from: number, service: string) => {
    const part = literal.slice(Math.max(from, sharedPrefix.get(service) ?? 0));
    if (part.length === 0) return service;
    return part.map((l, k) => (k < part.length - 1 ? singularOf(l.word) : l.word)).join('_');
  };
  const anchorOf = (i: number, literal: { word: string }[]) => {
    const first = tagWords(i)[0];
    return first === undefined ? -1 : literal.findIndex((l) => sameWord(l.word.split('_')[0]!, first));
  };

  const resourceNames = ops.map((_, i) => {
    const key = tagKey(i);
    const service = services[i]!;
    if (namesOneCollection(i)) {
      const fromTag = tagWords(i).join('_');
      if (fromTag !== '') return fromTag;
    }
    const literal = literalsOf(i);
    const anchor = anchorOf(i, literal);
    if (anchor >= 0 && key !== undefined) {
      // The name from the tag's segment, if it tells this collection from the tag's others.
      const name = pathName(literal, anchor, service);
      const clash = ops.some((_, j) => {
        if (tagKey(j) !== key || families[j] === families[i]) return false;
        const l = literalsOf(j);
        const a = anchorOf(j, l);
        return a >= 0 && pathName(l, a, service) === name;
      });
      if (!clash) return name;
    }
    return pathName(literal, 0, service);
  });

  // One name, several collections in a service: the shallowest keeps it, the others take their parent's word.
  // (Two tags of one collection, `Account settings` and `Settings`, are one resource.)
  const originOf = (i: number) => (namesOneCollection(i) ? [...collectionsOfTag(tagKey(i)!)][0]! : families[i]!);
  const owners = new Map<string, Map<string, number>>();
  ops.forEach((_, i) => {
    const k = `${services[i]}\u0000${resourceNames[i]}`;
    const m = owners.get(k) ?? new Map<string, number>();
    m.set(originOf(i), Math.min(m.get(originOf(i)) ?? Infinity, literalsOf(i).length));
    owners.set(k, m);
  });
  const finalNames = ops.map((_, i) => {
    const name = resourceNames[i]!;
    const origins = owners.get(`${services[i]}\u0000${name}`)!;
    if (origins.size < 2) return name;
    const ranked = [...origins].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
    if (ranked[0]![0] === originOf(i)) return name;
    const literal = literalsOf(i);
    const first = name.split('_')[0]!;
    const at = literal.findIndex((l) => sameWord(l.word.split('_')[0]!, first));
    const parent = at > 0 ? literal[at - 1]!.word : literal.length > 1 ? literal[literal.length - 2]!.word : services[i]!;
    return `${singularOf(parent)}_${name}`;
  });

  const rows: DerivedRow[] = ops.map((op, i) => {
    const resource = partOf[i] !== undefined ? finalNames[partOf[i]!]! : finalNames[i]!;
    const row: DerivedRow = { operation: op, service: services[i]!, ownService: ownServices[i]!, resource, method: '', verb: verbs[i]! };
    if (op.pagination) row.objectKey = `$.${op.pagination.itemsProperty}`;
    return row;
  });
  nameMethods(rows, options.methodNames, model.info.shortName);
  return rows;
}

/** Whether what an operation reads or writes has no rows: not JSON, no schema, or an object without declared fields. */
function rowless(op: Operation, table: SchemaTable): boolean {
  const media = op.method === 'get' ? op.successResponse?.mediaType : (op.requestBody?.mediaType ?? op.successResponse?.mediaType);
  if (media !== undefined && !/json/i.test(media)) return true;
  const schema = op.method === 'get' ? op.successResponse?.schema : (op.requestBody?.schema ?? op.successResponse?.schema);
  // A read with no response schema has no columns to select (the registry's CI rejects such a SELECT).
  if (schema === undefined) return op.method === 'get';
  const resolved = resolveSchema(schema, table);
  return resolved.type !== 'array' && resolved.composition === undefined && objectProperties(resolved, table).length === 0;
}

/** The SQL verb of an operation (see the module comment). */
function verbOf(op: Operation, ops: readonly Operation[], table: SchemaTable): SqlVerbOrExec {
  if ((op.kind === 'get' || op.kind === 'replace' || op.kind === 'update') && rowless(op, table)) return 'exec';
  switch (op.kind) {
    case 'get':
    case 'list':
      return 'select';
    case 'replace':
      return 'replace';
    case 'update':
      return 'update';
    case 'delete':
      return 'delete';
    case 'create':
      return createsItem(op, ops, table) ? 'insert' : 'exec';
    default:
      return 'exec';
  }
}

/**
 * Whether a POST to a collection makes one of its items: what it returns, or what it sends, has the item's fields
 * (half of them at least), the item as the collection's GETs show it. A POST that neither returns nor sends an
 * item is an action (enrol, acknowledge), and so is a POST to a path that has neither items nor a paginated list.
 */
function createsItem(op: Operation, ops: readonly Operation[], table: SchemaTable): boolean {
  // An INSERT without a request body is one the registry's CI rejects: such a POST is an action.
  if (op.requestBody === undefined) return false;
  // No item path and no paginated list: not a collection, whatever the path's GET returns.
  const item = itemSchema(op, ops);
  if (item === undefined) return false;
  const fields = (schema: SchemaNode | undefined) => new Set(schema === undefined ? [] : objectProperties(schema, table).map((p) => p.name));
  const returned = fields(op.successResponse?.schema);
  const sent = fields(op.requestBody?.schema);
  const itemNames = [...fields(item)];
  // An item whose fields are not declared (a oneOf of shapes): a POST with a body that returns something creates.
  if (itemNames.length === 0) return op.successResponse?.schema !== undefined;
  const covers = (names: Set<string>) => itemNames.filter((n) => names.has(n)).length * 2 >= itemNames.length;
  return covers(returned) || covers(sent);
}

function itemSchema(op: Operation, ops: readonly Operation[]): SchemaNode | undefined {
  const siblings = ops.filter((o) => o.collectionPath === op.collectionPath && o !== op);
  const item = siblings.find((o) => o.kind === 'get' && o.path !== op.collectionPath)?.successResponse?.schema;
  return item ?? siblings.find((o) => o.kind === 'list' && o.pagination)?.pagination?.item;
}

const HTTP_WORDS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);
const VERB_PREFIX: Partial<Record<Operation['method'], string>> = { get: 'get', put: 'update', patch: 'update', delete: 'delete' };

/** Method names, unique in each resource; a short name that two methods would share falls back to the operationId's. */
function nameMethods(rows: DerivedRow[], mode: MethodNames, apiName: string | undefined): void {
  const byResource = new Map<string, DerivedRow[]>();
  for (const row of rows) {
    const k = `${row.service}\u0000${row.resource}`;
    byResource.set(k, [...(byResource.get(k) ?? []), row]);
  }
  for (const group of byResource.values()) {
    const full = (row: DerivedRow) => snakeCase(row.operation.operationId) || 'method';
    const wanted = group.map((row) => (mode === 'short' ? shortName(row, apiName) : full(row)));
    const counts = new Map<string, number>();
    for (const w of wanted) counts.set(w, (counts.get(w) ?? 0) + 1);
    const taken = new Set<string>();
    group.forEach((row, i) => {
      let name = counts.get(wanted[i]!)! > 1 ? full(row) : wanted[i]!;
      for (let n = 2; taken.has(name); n++) name = `${full(row)}_${n}`;
      taken.add(name);
      row.method = name;
    });
  }
}

function endsWith(whole: readonly string[], part: readonly string[]): boolean {
  return part.every((w, k) => whole[whole.length - part.length + k] === w);
}

/** Words a summary's action does without (`Mark an event as seen` -> mark, seen). */
const FILLER = new Set(['a', 'an', 'the', 'as', 'in', 'into', 'to', 'for', 'of', 'on', 'from', 'with', 'your', 'my', 'its', 'all', 'or', 'and', 'by']);

/**
 * The registry's short method name of an operation (see the module comment). When the operationId is nothing but
 * the HTTP verb and the resource (`post-account-agreements`), the summary names the action (`Acknowledge
 * agreements` -> `acknowledge`).
 */
function shortName(row: DerivedRow, apiName: string | undefined): string {
  const op = row.operation;
  if (row.verb === 'select') return op.kind === 'list' ? 'list' : 'get';
  if (row.verb === 'insert') return 'create';
  if (row.verb === 'replace' || row.verb === 'update') return 'update';
  if (row.verb === 'delete') return 'delete';
  const own = [...row.resource.split('_'), ...(row.ownService ?? row.service).split('_'), ...row.service.split('_'), ...(apiName !== undefined ? nameWords(apiName) : [])];
  const initials = row.resource.split('_').map((w) => w[0]).join('');
  const keep = (w: string) => !own.some((o) => sameWord(o, w)) && !(initials.length > 1 && w === initials);
  let action = words(op.operationId).map((w) => w.toLowerCase());
  if (HTTP_WORDS.has(action[0] ?? '')) action = action.slice(1);
  action = action.filter(keep);
  const summary = op.summary !== undefined ? nameWords(op.summary.replace(/'s\b/g, '')).filter((w) => w.length > 1 && !FILLER.has(w) && keep(w)) : [];
  // The summary names the action in full when it ends with the operationId's words and says the verb they lack
  // (`post-event-seen`, `Mark an event as seen` -> `mark_seen`).
  if (action.length === 0 || (summary.length <= 3 && summary.length > action.length && endsWith(summary, action))) action = summary.slice(0, 3);
  if (action.length === 0 && op.actionName !== undefined) action = nameWords(op.actionName).filter(keep);
  const prefix = VERB_PREFIX[op.method];
  if (action.length === 0) return prefix ?? snakeCase(op.operationId);
  return (prefix !== undefined && action[0] !== prefix ? [prefix, ...action] : action).join('_');
}

/** Rows grouped as resources (the mapping's shape), in the spec's order. */
export function rowsToResources(rows: readonly DerivedRow[]): Map<string, MappedResource[]> {
  const services = new Map<string, MappedResource[]>();
  for (const row of rows) {
    const list = services.get(row.service) ?? [];
    services.set(row.service, list);
    let resource = list.find((r) => r.name === row.resource);
    if (!resource) list.push((resource = { name: row.resource, methods: [] }));
    const method: MappedMethod = { name: row.method, verb: row.verb, operation: row.operation, response: {} };
    if (row.operation.successResponse) method.response.status = row.operation.successResponse.status;
    if (row.operation.successResponse?.mediaType) method.response.mediaType = row.operation.successResponse.mediaType;
    if (row.objectKey !== undefined) {
      method.response.objectKey = row.objectKey;
      method.response.objectKeySource = 'pagination';
    }
    resource.methods.push(method);
  }
  // Single-item reads before lists, as the reference pages order their SELECT tabs.
  const rank = (m: MappedMethod) => (m.operation.kind === 'get' ? 0 : m.operation.kind === 'list' ? 1 : 2);
  for (const list of services.values()) {
    for (const r of list) r.methods = r.methods.map((m, i) => ({ m, i })).sort((a, b) => rank(a.m) - rank(b.m) || a.i - b.i).map(({ m }) => m);
  }
  return services;
}
