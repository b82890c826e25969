/**
 * The service/resource grouping that the client (`client.profile.personalAccessTokens`) and the
 * docs (`linode.profile.personal_access_tokens`) share, and the kind of each operation.
 *
 * - service: the first path segment after any version segment (`v4`) or version parameter;
 * - resource: the operation's first tag, else the collection path's last literal segment;
 * - kind: from method and path shape (collection, item, or action under an item).
 */
import type { HttpMethod, OperationKind } from './model.js';

const VERSION_SEGMENT = /^v\d+(?:\.\d+)*(?:alpha|beta)?\d*$/i;

export function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

export function isParamSegment(segment: string): boolean {
  return /^\{[^}]+\}$/.test(segment);
}

export function isVersionSegment(segment: string, apiVersionParam?: string): boolean {
  return VERSION_SEGMENT.test(segment) || (apiVersionParam !== undefined && segment === `{${apiVersionParam}}`);
}

/** Path segments after a leading version segment or version parameter. */
export function unversionedSegments(path: string, apiVersionParam?: string): string[] {
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

/**
 * @param hasGetOnSamePath whether the same path also has a GET: a POST to a literal segment under
 *   an item is a sub-collection create if the path can be listed, an action (`/reboot`) if not.
 */
export function classify(method: HttpMethod, path: string, hasGetOnSamePath: boolean, returnsCollection: boolean): PathShape {
  const segments = splitPath(path);
  const last = segments[segments.length - 1];
  const parent = segments[segments.length - 2];
  const endsWithParam = last !== undefined && isParamSegment(last);
  const itemCollection = endsWithParam ? '/' + segments.slice(0, -1).join('/') : path;

  if (method === 'post' && !endsWithParam && last !== undefined && parent !== undefined && isParamSegment(parent) && !hasGetOnSamePath) {
    return { kind: 'action', collectionPath: '/' + segments.slice(0, -2).join('/'), actionName: last };
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

/** The fallback resource name when an operation has no tag. */
export function resourceFromCollectionPath(collectionPath: string, apiVersionParam?: string): string {
  const literal = unversionedSegments(collectionPath, apiVersionParam).filter((s) => !isParamSegment(s));
  return literal[literal.length - 1] ?? 'root';
}
