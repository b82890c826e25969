/**
 * The service/resource grouping that the client (`client.profile.personalAccessTokens`) and the
 * docs (`linode.profile.personal_access_tokens`) share, and the kind of each operation.
 *
 * - service: the first path segment after any version segment (`v4`) or version parameter;
 * - resource: the operation's first tag, when that tag names one collection; else (no tag, or a coarse tag
 *   spanning many collections, as in the full Linode spec's `Account`) the collection path's last literal
 *   segments (see `assignResources`);
 * - kind: from method and path shape (collection, item, or action on an item or a collection).
 */
import type { HttpMethod, OperationKind } from './model.js';

const VERSION_SEGMENT = /^v\d+(?:\.\d+)*(?:alpha|beta)?\d*$/i;

export function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

function isParamSegment(segment: string): boolean {
  return /^\{[^}]+\}$/.test(segment);
}

function isVersionSegment(segment: string, apiVersionParam?: string): boolean {
  return VERSION_SEGMENT.test(segment) || (apiVersionParam !== undefined && segment === `{${apiVersionParam}}`);
}

/** Path segments after a leading version segment or version parameter. */
function unversionedSegments(path: string, apiVersionParam?: string): string[] {
  const segments = splitPath(path);
  return segments.length > 0 && isVersionSegment(segments[0]!, apiVersionParam) ? segments.slice(1) : segments;
}

export function serviceOf(path: string, apiVersionParam?: string): string {
  const first = unversionedSegments(path, apiVersionParam)[0];
  if (first === undefined || isParamSegment(first)) return 'default';
  return first;
}

export interface PathShape {
  kind: OperationKind;
  collectionPath: string;
  actionName?: string;
}

export interface PathContext {
  /** Whether the same path also has a GET. */
  hasGetOnSamePath: boolean;
  /** Whether POST is the path's only operation. */
  onlyPostOnSamePath: boolean;
  /** Whether a path (as written in the document) is one of the document's paths. */
  isPath: (path: string) => boolean;
  apiVersionParam?: string | undefined;
}

/**
 * A POST to a path ending in a literal segment that cannot be listed (no GET) is an action on what the path
 * without that segment names: an item (`/instances/{id}/reboot`). When the path holds nothing but that POST, it
 * is also an action on the nearest path above it (`/domains/import` on `/domains`, `/networking/ips/assign` on
 * `/networking/ips`), or on the service's root when no path above it exists (`/account/cancel`); the segments
 * in between name the action (`/networking/ipv4/share` -> `ipv4-share`). Otherwise it is a collection's create.
 */
export function classify(method: HttpMethod, path: string, returnsCollection: boolean, context: PathContext): PathShape {
  const segments = splitPath(path);
  const last = segments[segments.length - 1];
  const parent = segments[segments.length - 2];
  const endsWithParam = last !== undefined && isParamSegment(last);
  const itemCollection = endsWithParam ? '/' + segments.slice(0, -1).join('/') : path;

  // A POST straight under the service (or version) creates: nothing above it to act on.
  const belowService = unversionedSegments(path, context.apiVersionParam).length >= 2;
  if (method === 'post' && !endsWithParam && last !== undefined && parent !== undefined && belowService && !context.hasGetOnSamePath) {
    if (isParamSegment(parent)) return { kind: 'action', collectionPath: '/' + segments.slice(0, -2).join('/'), actionName: last };
    if (context.onlyPostOnSamePath) {
      // The service's root: its segment and any version segment before it.
      const rootLength = segments.length - unversionedSegments(path, context.apiVersionParam).length + 1;
      for (let end = segments.length - 1; end >= rootLength; end--) {
        const above = '/' + segments.slice(0, end).join('/');
        if (context.isPath(above) || end === rootLength) {
          return { kind: 'action', collectionPath: above, actionName: segments.slice(end).join('-') };
        }
      }
    }
  }
  switch (method) {
    case 'get':
      return { kind: endsWithParam || !returnsCollection ? 'get' : 'list', collectionPath: itemCollection };
    case 'post':
      return { kind: endsWithParam ? 'action' : 'create', collectionPath: itemCollection };
    case 'put':
      return { kind: 'replace', collectionPath: itemCollection };
    case 'patch':
      return { kind: 'update', collectionPath: itemCollection };
    case 'delete':
      return { kind: 'delete', collectionPath: itemCollection };
    default:
      return { kind: 'action', collectionPath: itemCollection, actionName: method };
  }
}

/** What `assignResources` needs of an operation. */
export interface Groupable {
  service: string;
  tags: string[];
  collectionPath: string;
}

/**
 * The resource of each operation (same order). A tag is used as the resource when all the operations it
 * groups in a service act on one collection (`Personal Access Tokens` -> `/profile/tokens`); tags that differ
 * only in case are one tag. Operations without a tag, or whose tag spans several collections, get a name from
 * their collection path: its last literal segment (`/account/events` -> `events`, the service's root ->
 * the service name), with as many segments before it as needed to tell apart two collections of a service
 * that end alike (`/databases/mysql/instances` -> `mysql-instances`).
 */
export function assignResources(operations: readonly Groupable[], apiVersionParam?: string): string[] {
  const tagKey = (op: Groupable) => `${op.service}\u0000${op.tags[0]!.toLowerCase()}`;
  const tagSpelling = new Map<string, string>();
  const tagCollections = new Map<string, Set<string>>();
  for (const op of operations) {
    if (op.tags[0] === undefined) continue;
    const key = tagKey(op);
    if (!tagSpelling.has(key)) tagSpelling.set(key, op.tags[0]);
    tagCollections.set(key, (tagCollections.get(key) ?? new Set()).add(op.collectionPath));
  }
  const byTag = (op: Groupable) => op.tags[0] !== undefined && tagCollections.get(tagKey(op))!.size === 1;

  // Path-derived names, per service: literal segments after the service, shortest unique suffix.
  const literals = (collectionPath: string) => {
    const segments = unversionedSegments(collectionPath, apiVersionParam).filter((s) => !isParamSegment(s));
    return segments.length > 1 ? segments.slice(1) : segments;
  };
  // Collections whose literal segments are the same (`/stats` and `/stats/{year}` under one item) are one.
  const family = (op: Groupable) => `${op.service}\u0000${literals(op.collectionPath).join('/')}`;
  const pathNames = new Map<string, string>();
  const services = new Map<string, Set<string>>();
  for (const op of operations) {
    if (byTag(op)) continue;
    services.set(op.service, (services.get(op.service) ?? new Set()).add(literals(op.collectionPath).join('/')));
  }
  for (const [service, paths] of services) {
    const parts = new Map([...paths].map((p) => [p, p === '' ? [] : p.split('/')]));
    const length = new Map([...paths].map((p) => [p, 1]));
    const nameOf = (p: string) => {
      const segments = parts.get(p)!;
      return segments.length === 0 ? 'root' : segments.slice(-length.get(p)!).join('-');
    };
    // Lengthen colliding names until they differ or run out of segments.
    for (let changed = true; changed; ) {
      changed = false;
      const seen = new Map<string, string[]>();
      for (const p of paths) seen.set(nameOf(p), [...(seen.get(nameOf(p)) ?? []), p]);
      for (const group of seen.values()) {
        if (group.length < 2) continue;
        for (const p of group) {
          if (length.get(p)! < parts.get(p)!.length) {
            length.set(p, length.get(p)! + 1);
            changed = true;
          }
        }
      }
    }
    for (const p of paths) pathNames.set(`${service}\u0000${p}`, nameOf(p));
  }
  return operations.map((op) => (byTag(op) ? tagSpelling.get(tagKey(op))! : pathNames.get(family(op))!));
}
