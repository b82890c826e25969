/**
 * A StackQL provider as input (#15): provider.yaml, or the folder holding it, gives the whole docs site in one run:
 * the page set and the sections of the real docgen 0.4.7 pages of the 4 services in ../shared, a provider index
 * listing every service with its resource count, and links between the pages that resolve. The original
 * provider.yaml, which lists 20 services of which 16 are missing, is exit 2 naming the first missing file.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presentServicesProvider, PROVIDER_2025_FILE } from '../helpers/provider.js';
import { ROOT, runCli } from '../helpers/pipeline.js';
import { REFERENCE_PAGES } from './helpers.js';
import { analyzePage } from './mdx.js';

const work = mkdtempSync(path.join(ROOT, 'test-output', 'provider-input-'));
const registry = path.join(work, 'registry');
const out = path.join(work, 'out');
let providerFile: string;
let cli: ReturnType<typeof runCli>;

/** Every page under a folder, by its path relative to it. */
function pages(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.md')) {
      const full = path.join(entry.parentPath, entry.name);
      found.set(path.relative(dir, full).split(path.sep).join('/'), readFileSync(full, 'utf8').replace(/\r\n/g, '\n'));
    }
  }
  return found;
}
const h2 = (page: string) => page.split('\n').filter((l) => l.startsWith('## '));

beforeAll(() => {
  providerFile = presentServicesProvider(registry);
  // Run where no specloom.config is: the default targets, which for a provider are its docs.
  cli = runCli(['generate', '--no-cache', '--spec', path.dirname(providerFile), '--out', out], { cwd: work });
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a StackQL provider as --spec', () => {
  it('writes the whole docs site in one run, and nothing but the docs', () => {
    expect(cli.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('warning:'))).toEqual([]);
    expect(cli.code).toBe(0);
    const written = readdirSync(out, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(out, path.join(e.parentPath, e.name)));
    expect(written.filter((f) => !f.startsWith('docs/') && f !== '.specloom-manifest.json')).toEqual([]);
  });

  it('has the real pages of the four services: the same page set, each page with the same sections', () => {
    const ours = pages(path.join(out, 'docs/services'));
    const real = pages(REFERENCE_PAGES);
    real.delete('provider-index.md');
    expect([...ours.keys()].sort()).toEqual([...real.keys()].sort());
    for (const [file, page] of real) expect(h2(ours.get(file)!), file).toEqual(h2(page));
  });

  it('lists every service on the provider index, with the resource counts of its pages', () => {
    const index = readFileSync(path.join(out, 'docs/index.md'), 'utf8');
    const services = ['account', 'databases', 'linode', 'profile'];
    const resources = services.reduce((n, s) => n + readdirSync(path.join(out, 'docs/services', s), { withFileTypes: true }).filter((e) => e.isDirectory()).length, 0);
    expect(index).toContain('total services: __4__');
    expect(index).toContain(`total resources: __${resources}__`);
    for (const s of services) {
      expect(index).toContain(`<a href="/services/${s}/">${s}</a>`);
      const count = readdirSync(path.join(out, 'docs/services', s), { withFileTypes: true }).filter((e) => e.isDirectory()).length;
      expect(readFileSync(path.join(out, 'docs/services', s, 'index.md'), 'utf8')).toContain(`total resources: __${count}__`);
    }
    // provider.yaml's auth config.
    expect(index).toContain('<CopyableCode code="LINODE_TOKEN" />');
  });

  it('links between pages resolve: every root-relative link names a page, every fragment an id on it', async () => {
    const all = pages(path.join(out, 'docs'));
    const ids = new Map<string, string[]>();
    for (const [file, page] of all) {
      const facts = await analyzePage(page);
      ids.set(file, [...facts.headings.map((h) => h.id), ...facts.explicitIds]);
    }
    const dead: string[] = [];
    for (const [file, page] of all) {
      for (const m of page.matchAll(/(?:href="|\]\()(\/[^"#)\s]*)(#[^")\s]*)?/g)) {
        const target = `${m[1]!.replace(/^\/|\/$/g, '')}/index.md`.replace(/^\/?index\.md$/, 'index.md');
        const page = target === '/index.md' ? 'index.md' : target;
        if (!all.has(page)) dead.push(`${file} -> ${m[0]}`);
        else if (m[2] !== undefined && !ids.get(page)!.includes(decodeURIComponent(m[2].slice(1)))) dead.push(`${file} -> ${m[0]}`);
      }
    }
    expect(dead).toEqual([]);
  });
});

describe('a provider with missing or broken service files', () => {
  it('the original provider.yaml (20 services, 4 present) is exit 2 naming the first missing file and its $ref', () => {
    const r = runCli(['generate', '--no-cache', '--spec', PROVIDER_2025_FILE, '--out', path.join(work, 'never')], { cwd: work });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('service file not found');
    expect(r.stderr).toMatch(/linode\/v00\.00\.00000\/services\/betas\.yaml, the \$ref of service "betas"/);
    expect(r.stderr).toMatch(/provider\.yaml:\d+:\d+ \(#\/providerServices\/betas\/service\/\$ref\)/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a service file that does not parse is exit 2 naming that file and line', () => {
    const root = path.join(work, 'broken');
    const file = presentServicesProvider(root, ['profile', 'account']);
    writeFileSync(path.join(path.dirname(file), 'services/account.yaml'), 'openapi: 3.0.1\ninfo: [unclosed\n');
    const r = runCli(['generate', '--no-cache', '--spec', file, '--out', path.join(work, 'never')], { cwd: work });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/services\/account\.yaml:\d+:\d+: invalid YAML/);
  });

  it('a service file whose $ref does not resolve is the lint\'s error (run on the worker in a docs-only run), in that file', () => {
    const root = path.join(work, 'bad-ref');
    const file = presentServicesProvider(root, ['profile']);
    const service = path.join(path.dirname(file), 'services/profile.yaml');
    writeFileSync(service, readFileSync(service, 'utf8').replace(/^( +)schema:\n/m, "$1schema:\n$1  $ref: '#/components/schemas/Nope'\n"));
    const r = runCli(['generate', '--no-cache', '--spec', file, '--out', path.join(work, 'never')], { cwd: work });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/services\/profile\.yaml:\d+:\d+ \(#\/paths\/.*\): invalid OpenAPI document: \$ref "#\/components\/schemas\/Nope" does not resolve/);
  });

  it('a service file that is not an OpenAPI document is exit 2 naming it', () => {
    const root = path.join(work, 'not-openapi');
    const file = presentServicesProvider(root, ['profile']);
    writeFileSync(path.join(path.dirname(file), 'services/profile.yaml'), 'name: profile\n');
    const r = runCli(['generate', '--no-cache', '--spec', file, '--out', path.join(work, 'never')], { cwd: work });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/services\/profile\.yaml.*service "profile" is not an OpenAPI document/);
  });
});
