/**
 * The stackql-provider target and the mapping CSV (#15), through the CLI:
 * - the person's 2025 CSV, followed row by row on the raw spec they started from, gives the provider StackQL
 *   published: the same resources, methods, SQL verbs, object keys and operations in every service spec;
 * - the derived provider passes the StackQL registry's checks, and the docs pages describe exactly its resources;
 * - `specloom stackql mapping` writes the mapping as CSV, and following that CSV gives the same provider back;
 * - a CSV with an unknown operation or a bad verb is exit 2 naming its line, and nothing is written;
 * - the tokens spec's provider is golden.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { registryProblems } from '../../generator/targets/stackql-provider/checks.js';
import { ROOT, runCli } from '../helpers/pipeline.js';
import { MAPPING_2025, PROVIDER_2025, PRESENT_SERVICES, rawSpec2025 } from '../helpers/provider.js';

const work = mkdtempSync(path.join(ROOT, 'test-output', 'stackql-provider-'));
const raw = path.join(work, 'linode-2025.yaml');
const servicesDir = (out: string) => path.join(out, 'stackql/linode/v00.00.00000/services');
const generate = (out: string, ...flags: string[]) => runCli(['generate', '--no-cache', '--spec', raw, '--out', out, '--targets', 'stackql-docs,stackql-provider', ...flags], { cwd: work });

interface ServiceDoc {
  paths: Record<string, Record<string, { operationId: string }>>;
  components: { 'x-stackQL-resources': Record<string, { id: string; name: string; methods: Record<string, { operation: { $ref: string }; response?: { objectKey?: string } }>; sqlVerbs: Record<string, { $ref: string }[]> }> };
}
const readService = (file: string) => YAML.parse(readFileSync(file, 'utf8')) as ServiceDoc;

/** What a service's x-stackQL-resources says, as `resource.method -> verb objectKey operationId` lines. */
function mappingFacts(doc: ServiceDoc): string[] {
  const facts: string[] = [];
  for (const [key, r] of Object.entries(doc.components['x-stackQL-resources'])) {
    const verbOf = new Map<string, string>();
    for (const [verb, list] of Object.entries(r.sqlVerbs)) for (const ref of list) verbOf.set(ref.$ref.split('/').pop()!, verb);
    for (const [name, m] of Object.entries(r.methods)) {
      const [, p, method] = /^#\/paths\/(.*)\/(\w+)$/.exec(m.operation.$ref)!;
      const operation = doc.paths[p!.replace(/~1/g, '/').replace(/~0/g, '~')]![method!]!;
      facts.push(`${r.name ?? key}.${name} -> ${verbOf.get(name) ?? 'exec'} ${m.response?.objectKey ?? '-'} ${operation.operationId}`);
    }
  }
  return facts.sort();
}

beforeAll(() => {
  writeFileSync(raw, rawSpec2025());
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the person's mapping CSV", () => {
  let result: ReturnType<typeof runCli>;
  const out = path.join(work, 'from-csv');
  beforeAll(() => {
    result = generate(out, '--stackql-mapping', MAPPING_2025);
  }, 120_000);

  it('gives the provider StackQL published from it: same resources, methods, verbs, object keys, operations', () => {
    expect(result.code, result.stderr).toBe(0);
    for (const service of PRESENT_SERVICES) {
      const real = readService(path.join(PROVIDER_2025, `linode/v00.00.00000/services/${service}.yaml`));
      const ours = readService(path.join(servicesDir(out), `${service}.yaml`));
      expect(mappingFacts(ours), service).toEqual(mappingFacts(real));
    }
  });

  it('writes provider.yaml in the registry layout, its service refs relative to the registry root', () => {
    const provider = YAML.parse(readFileSync(path.join(out, 'stackql/linode/v00.00.00000/provider.yaml'), 'utf8')) as { providerServices: Record<string, { service: { $ref: string } }>; config: { auth: unknown } };
    expect(Object.keys(provider.providerServices)).toEqual(PRESENT_SERVICES);
    for (const s of Object.values(provider.providerServices)) expect(existsSync(path.join(out, 'stackql', s.service.$ref)), s.service.$ref).toBe(true);
    expect(provider.config.auth).toEqual({ credentialsenvvar: 'LINODE_TOKEN', type: 'bearer' });
  });
});

describe('the derived provider', () => {
  const out = path.join(work, 'derived');
  let result: ReturnType<typeof runCli>;
  beforeAll(() => {
    result = generate(out);
  }, 120_000);

  it('passes the StackQL registry checks: resources, methods, SELECT response schemas, INSERT bodies, refs', () => {
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/registry's checks/);
    const files = readdirSync(servicesDir(out));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(registryProblems(YAML.parse(readFileSync(path.join(servicesDir(out), f), 'utf8')) as Record<string, unknown>), f).toEqual([]);
  });

  it('and the docs describe exactly its resources', () => {
    for (const f of readdirSync(servicesDir(out))) {
      const service = f.replace(/\.yaml$/, '');
      const resources = Object.values(readService(path.join(servicesDir(out), f)).components['x-stackQL-resources']).map((r) => r.name).sort();
      const pages = readdirSync(path.join(out, 'docs/services', service), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
      expect(pages, service).toEqual(resources);
    }
  });

  it('the registry checks find what is wrong', () => {
    const doc = readService(path.join(servicesDir(out), 'profile.yaml')) as unknown as { components: { 'x-stackQL-resources': Record<string, { methods: Record<string, { operation: { $ref: string } }> }> } };
    const resources = doc.components['x-stackQL-resources'];
    const first = Object.values(resources)[0]!;
    Object.values(first.methods)[0]!.operation.$ref = '#/paths/~1nowhere/get';
    resources['empty'] = { methods: {} } as never;
    const problems = registryProblems(doc as unknown as Record<string, unknown>);
    expect(problems.some((p) => p.includes('"#/paths/~1nowhere/get" does not resolve'))).toBe(true);
    expect(problems.some((p) => p.includes('resource empty has no methods'))).toBe(true);
  });
});

describe('specloom stackql mapping', () => {
  const csv = path.join(work, 'mapping.csv');

  it('writes the derived mapping as CSV in the columns of provider-utils, and following it gives the same provider', () => {
    const r = runCli(['stackql', 'mapping', '--spec', raw, '--out', csv, '--stackql-method-names', 'short'], { cwd: work });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^specloom: \d+ operations in \d+ resources of 4 services \(derived mapping\) written to /);
    const text = readFileSync(csv, 'utf8');
    expect(text.split('\n')[0]).toBe('filename,path,operationId,formatted_op_id,verb,response_object,tags,formatted_tags,stackql_resource_name,stackql_method_name,stackql_verb,stackql_object_key,op_description');
    const derived = path.join(work, 'derived-short');
    const followed = path.join(work, 'followed-csv');
    expect(generate(derived, '--stackql-method-names', 'short').code).toBe(0);
    expect(generate(followed, '--stackql-mapping', csv).code).toBe(0);
    for (const f of readdirSync(servicesDir(derived))) {
      expect(mappingFacts(readService(path.join(servicesDir(followed), f))), f).toEqual(mappingFacts(readService(path.join(servicesDir(derived), f))));
    }
  }, 120_000);

  it('reports an unknown operation and a bad verb with their line, exit 2, and writes nothing', () => {
    const lines = readFileSync(MAPPING_2025, 'utf8').split('\n');
    const out = path.join(work, 'never');
    const unknown = path.join(work, 'unknown.csv');
    writeFileSync(unknown, [...lines.slice(0, 5), lines[5]!.replace('get-account-agreements', 'get-account-agreementz'), ...lines.slice(6)].join('\n'));
    let r = generate(out, '--stackql-mapping', unknown);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown\.csv:6: line 6: no operation of the spec is operationId "get-account-agreementz"/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const badVerb = path.join(work, 'bad-verb.csv');
    writeFileSync(badVerb, [...lines.slice(0, 3), lines[3]!.replace(',select,', ',selekt,'), ...lines.slice(4)].join('\n'));
    r = generate(out, '--stackql-mapping', badVerb);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-verb\.csv:4: line 4: stackql_verb "selekt" is not one of select, insert, update, replace, delete, exec/);
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});

describe('the stackql block of the config', () => {
  it('renames services and names methods short in both the provider and the docs; unknown keys are refused', () => {
    const out = path.join(work, 'renamed');
    const config = path.join(work, 'renamed.config.json');
    writeFileSync(config, JSON.stringify({ spec: raw, out, targets: ['stackql-docs', 'stackql-provider'], stackql: { services: { linode: 'compute' }, methodNames: 'short' } }));
    const r = runCli(['generate', '--no-cache', '--config', config], { cwd: work });
    expect(r.code, r.stderr).toBe(0);
    const provider = YAML.parse(readFileSync(path.join(out, 'stackql/linode/v00.00.00000/provider.yaml'), 'utf8')) as { providerServices: Record<string, unknown> };
    expect(Object.keys(provider.providerServices)).toEqual(['account', 'compute', 'databases', 'profile']);
    expect(existsSync(path.join(out, 'docs/services/compute/instances/index.md'))).toBe(true);
    const instances = readService(path.join(servicesDir(out), 'compute.yaml')).components['x-stackQL-resources']['instances']!;
    expect(instances.id).toBe('linode.compute.instances');
    expect(Object.keys(instances.methods)).toEqual(expect.arrayContaining(['list', 'get', 'create', 'update', 'delete', 'reboot']));
    expect(readFileSync(path.join(out, 'docs/services/compute/instances/index.md'), 'utf8')).toContain('EXEC linode.compute.instances.reboot');

    writeFileSync(config, JSON.stringify({ spec: raw, out: path.join(work, 'never'), stackql: { split: 'tags' } }));
    const bad = runCli(['generate', '--no-cache', '--config', config], { cwd: work });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/stackql\.split/);
  }, 120_000);
});

describe('the tokens spec as a provider', () => {
  it('matches the golden provider', async () => {
    const out = path.join(work, 'tokens');
    const r = runCli(['generate', '--no-cache', '--spec', path.join(ROOT, 'spec/linode-tokens.yaml'), '--out', out, '--targets', 'stackql-provider'], { cwd: work });
    expect(r.code, r.stderr).toBe(0);
    const files = readdirSync(path.join(out, 'stackql'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(files.length).toBe(2);
    for (const f of files) {
      const rel = path.relative(out, path.join(f.parentPath, f.name));
      await expect(readFileSync(path.join(out, rel), 'utf8')).toMatchFileSnapshot(`./__golden__/linode-tokens/${rel}`);
    }
  });
});
