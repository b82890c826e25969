/**
 * The mapping as a reviewable file, in the columns of provider-utils' `all_services.csv`: `specloom stackql
 * mapping` writes the derived mapping (`mappingCsv`), a person edits the `stackql_*` columns, and
 * `stackql.mapping` makes generation follow it row by row (`mappingFromCsv`). A row names its operation by
 * operationId (else by path and HTTP verb); a row whose resource is left empty maps nothing. An unknown operation,
 * a bad verb or name, or one method name twice in a resource is an error naming the CSV's line.
 * csv-parse and csv-stringify read and write it: quoted fields with commas, quotes and line breaks (descriptions
 * have all three) are RFC 4180's, and a hand-rolled splitter gets them wrong.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { SpecloomError } from '../errors.js';
import type { ApiModel, Operation } from '../ir/model.js';
import { escapeCsvCell, unescapeCsvCell } from '../escape/csv.js';
import { nameWords, type DerivedRow } from './derive.js';
import { SQL_VERBS, type MappedMethod, type MappedResource, type StackqlOptions } from './types.js';

const CSV_COLUMNS = [
  'filename',
  'path',
  'operationId',
  'formatted_op_id',
  'verb',
  'response_object',
  'tags',
  'formatted_tags',
  'stackql_resource_name',
  'stackql_method_name',
  'stackql_verb',
  'stackql_object_key',
  'op_description',
] as const;

type CsvRow = Record<(typeof CSV_COLUMNS)[number], string>;

/** The derived mapping as CSV text, one row per operation, by service file then in the spec's order. */
export function mappingCsv(rows: readonly DerivedRow[]): string {
  const ordered = rows.map((row, i) => ({ row, i })).sort((a, b) => (a.row.service < b.row.service ? -1 : a.row.service > b.row.service ? 1 : a.i - b.i));
  const records = ordered.map(({ row }): string[] => {
    const op = row.operation;
    const tags = op.tags.join('|');
    const cells: CsvRow = {
      filename: `${row.service}.yaml`,
      path: op.path,
      operationId: op.operationId,
      formatted_op_id: op.operationId,
      verb: op.method,
      response_object: '',
      tags,
      formatted_tags: op.tags.map((t) => nameWords(t).join(' ')).join('|'),
      stackql_resource_name: row.resource,
      stackql_method_name: row.method,
      stackql_verb: row.verb,
      stackql_object_key: row.objectKey ?? '',
      op_description: op.summary ?? '',
    };
    // Spec text goes into a file people open in spreadsheets: a cell must not start a formula.
    return CSV_COLUMNS.map((c) => escapeCsvCell(cells[c]));
  });
  return stringify([[...CSV_COLUMNS], ...records], { record_delimiter: 'unix' });
}

const NAME = /^[a-z_][a-z0-9_]*$/;
const VERBS = [...SQL_VERBS, 'exec'] as const;

/** The mapping a person's CSV describes, resources by service in the CSV's order. */
export function mappingFromCsv(model: ApiModel, csv: { file: string; text: string }, options: Pick<StackqlOptions, 'serviceNames'>): Map<string, MappedResource[]> {
  const fail = (message: string, line: number, hint = 'Fix that row of the mapping CSV; nothing was written.'): never => {
    throw new SpecloomError(message, { file: csv.file, line }, hint);
  };
  let records: { record: Record<string, string>; info: { lines: number; raw?: string } }[];
  // The header as csv-parse reads it (quoted names too), checked before any row.
  const columns = (header: string[]) => {
    for (const needed of ['filename', 'path', 'operationId', 'verb', 'stackql_resource_name', 'stackql_method_name', 'stackql_verb', 'stackql_object_key']) {
      if (!header.includes(needed)) fail(`the mapping CSV has no ${needed} column`, 1, `Its header is provider-utils' all_services.csv's: ${CSV_COLUMNS.join(',')}.`);
    }
    return header;
  };
  try {
    records = parse(csv.text, { columns, info: true, raw: true, skip_empty_lines: true, bom: true, relax_column_count: false }) as typeof records;
  } catch (error) {
    if (error instanceof SpecloomError) throw error;
    const e = error as { message?: string; lines?: number };
    return fail(`the mapping CSV does not parse: ${(e.message ?? String(error)).replace(/^Invalid Record Length: /, 'a row has the wrong number of fields: ')}`, e.lines ?? 1, 'Quote fields that hold commas, quotes or line breaks; nothing was written.');
  }

  const byId = new Map(model.operations.map((o) => [o.operationId, o]));
  const byLocation = new Map(model.operations.map((o) => [`${o.method} ${o.path}`, o]));
  const apiVersion = model.operations.flatMap((o) => o.parameters).find((p) => p.isApiVersion)?.name;
  const services = new Map<string, MappedResource[]>();
  const mapped = new Map<Operation, number>();
  for (const { record: raw, info } of records) {
    const record = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, unescapeCsvCell(v)]));
    const line = info.lines - ((info.raw ?? '').replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0);
    const resourceName = record['stackql_resource_name']!.trim();
    if (resourceName === '') continue;
    const operation = findOperation(record, byId, byLocation, apiVersion);
    if (operation === undefined) {
      fail(`line ${line}: no operation of the spec is ${record['operationId'] ? `operationId ${JSON.stringify(record['operationId'])}` : `${record['verb']?.toUpperCase()} ${record['path']}`}`, line, 'Check the operationId against the spec, or empty the row\'s stackql_resource_name to leave it out.');
    }
    const earlier = mapped.get(operation!);
    if (earlier !== undefined) fail(`line ${line}: operation ${JSON.stringify(operation!.operationId)} is mapped twice (first on line ${earlier})`, line);
    mapped.set(operation!, line);
    const verb = record['stackql_verb']!.trim().toLowerCase();
    if (!(VERBS as readonly string[]).includes(verb)) fail(`line ${line}: stackql_verb ${JSON.stringify(record['stackql_verb'])} is not one of ${VERBS.join(', ')}`, line);
    const methodName = record['stackql_method_name']!.trim();
    if (!NAME.test(resourceName)) fail(`line ${line}: stackql_resource_name ${JSON.stringify(resourceName)} is not a snake_case name`, line);
    if (!NAME.test(methodName)) fail(`line ${line}: stackql_method_name ${JSON.stringify(methodName)} is not a snake_case name`, line);
    const serviceFile = record['filename']!.trim().replace(/\.(ya?ml|json)$/i, '');
    const derivedService = serviceFile !== '' ? serviceFile : nameWords(operation!.service).join('_');
    const service = Object.hasOwn(options.serviceNames, derivedService) ? options.serviceNames[derivedService]! : derivedService;
    if (!NAME.test(service)) fail(`line ${line}: filename ${JSON.stringify(record['filename'])} does not name a service`, line);

    const list = services.get(service) ?? [];
    services.set(service, list);
    let resource = list.find((r) => r.name === resourceName);
    if (!resource) list.push((resource = { name: resourceName, methods: [] }));
    if (resource.methods.some((m) => m.name === methodName)) fail(`line ${line}: resource ${JSON.stringify(resourceName)} already has a method ${JSON.stringify(methodName)}`, line, 'Give each method of a resource its own name.');
    const method: MappedMethod = { name: methodName, verb: verb as MappedMethod['verb'], operation: operation!, response: {} };
    if (operation!.successResponse) method.response.status = operation!.successResponse.status;
    if (operation!.successResponse?.mediaType) method.response.mediaType = operation!.successResponse.mediaType;
    const objectKey = record['stackql_object_key']!.trim();
    if (objectKey !== '') {
      if (!/^\$[.[]/.test(objectKey)) fail(`line ${line}: stackql_object_key ${JSON.stringify(objectKey)} is not a JSONPath such as $.data`, line);
      method.response.objectKey = objectKey;
      method.response.objectKeySource = 'spec';
    }
    resource.methods.push(method);
  }
  return services;
}

/** The row's operation: by operationId, else by HTTP verb and path (with or without the spec's version segment). */
function findOperation(record: Record<string, string>, byId: Map<string, Operation>, byLocation: Map<string, Operation>, apiVersion: string | undefined): Operation | undefined {
  const id = record['operationId']?.trim();
  if (id) return byId.get(id);
  const method = record['verb']?.trim().toLowerCase();
  const path = record['path']?.trim() ?? '';
  const found = byLocation.get(`${method} ${path}`);
  if (found || apiVersion === undefined) return found;
  return byLocation.get(`${method} ${path.replace(new RegExp(`^/\\{${apiVersion}\\}`), '')}`);
}
