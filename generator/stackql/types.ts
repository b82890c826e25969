/**
 * The StackQL mapping's data and options: kept apart from the mapping's code, so the config names the options and
 * the mapping's modules share the types without loading each other.
 */
import type { Operation } from '../ir/model.js';

export type SqlVerb = 'select' | 'insert' | 'update' | 'replace' | 'delete';
export type SqlVerbOrExec = SqlVerb | 'exec';
export const SQL_VERBS: readonly SqlVerb[] = ['select', 'insert', 'update', 'replace', 'delete'];

/** How methods are named: the snake_cased operationId (the seed pages), or the registry's short names (`list`, `get`, `create`...). */
export type MethodNames = 'operation-id' | 'short';

/** The mapping's options: the config's `stackql` block, with the mapping CSV as read. */
export interface StackqlOptions {
  /** The StackQL provider name (`linode`). Default: from x-stackQL-resources ids, else info.title's first word. */
  provider?: string;
  /** Services by the first path segment (`path`) or by tag. */
  split: 'path' | 'tag';
  methodNames: MethodNames;
  /** Service renames, derived name -> provider name (`network_transfer: networking`). */
  serviceNames: Record<string, string>;
  /** A mapping CSV (provider-utils' all_services.csv columns) to follow row by row. */
  mappingCsv?: { file: string; text: string };
}

export const DEFAULT_STACKQL_OPTIONS: StackqlOptions = { split: 'path', methodNames: 'operation-id', serviceNames: {} };


export interface MethodResponse {
  /** Response key (`200`); default: the operation's first 2xx. */
  status?: string;
  mediaType?: string;
  /** JSONPath-like selector of the rows (`$.data`). */
  objectKey?: string;
  /** `spec`: given by x-stackQL-resources or the CSV; `pagination`: the paginated envelope's items. */
  objectKeySource?: 'spec' | 'pagination';
}

export interface MappedMethod {
  name: string;
  verb: SqlVerbOrExec;
  operation: Operation;
  response: MethodResponse;
}

export interface MappedResource {
  name: string;
  title?: string;
  methods: MappedMethod[];
}

export interface Mapping {
  provider: string;
  source: 'x-stackQL-resources' | 'derived' | 'csv';
  /** Resources by service, each service's in the order the source lists them. */
  services: Map<string, MappedResource[]>;
}

