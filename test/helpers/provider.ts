/**
 * The StackQL Linode provider of ../shared (linode-4.208.1: provider.yaml lists 20 services, 4 are there), and a
 * copy of it in the registry layout whose provider.yaml lists only those 4, as a provider author's checkout has it.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { ROOT } from './pipeline.js';

const SHARED_STACKQL = path.resolve(ROOT, '../shared/reference/stackql');
/** The registry root of the 2025 provider (`provider/`), its provider.yaml, the person's CSV and the raw split specs. */
export const PROVIDER_2025 = path.join(SHARED_STACKQL, 'linode-4.208.1/provider');
export const PROVIDER_2025_FILE = path.join(PROVIDER_2025, 'linode/v00.00.00000/provider.yaml');
export const MAPPING_2025 = path.join(SHARED_STACKQL, 'linode-4.208.1/all_services.csv');
export const SOURCE_2025 = path.join(SHARED_STACKQL, 'linode-4.208.1/source');
export const PROVIDER_2026 = path.join(SHARED_STACKQL, 'linode-4.215.0/provider');
export const PRESENT_SERVICES = ['account', 'databases', 'linode', 'profile'];

/** Writes `<root>/linode/v00.00.00000/{provider.yaml, services/*.yaml}` listing the services that are present. */
export function presentServicesProvider(root: string, services: readonly string[] = PRESENT_SERVICES): string {
  const versionDir = path.join(root, 'linode/v00.00.00000');
  mkdirSync(path.join(versionDir, 'services'), { recursive: true });
  const provider = YAML.parse(readFileSync(PROVIDER_2025_FILE, 'utf8')) as { providerServices: Record<string, unknown> };
  for (const key of Object.keys(provider.providerServices)) if (!services.includes(key)) delete provider.providerServices[key];
  for (const s of services) copyFileSync(path.join(PROVIDER_2025, `linode/v00.00.00000/services/${s}.yaml`), path.join(versionDir, `services/${s}.yaml`));
  const file = path.join(versionDir, 'provider.yaml');
  writeFileSync(file, YAML.stringify(provider));
  return file;
}

/**
 * The 2025 raw spec the provider author started from: `source/{account,databases,linode,profile}.yaml` (the Linode
 * spec split per service, `/{apiVersion}` removed) put back together as one OpenAPI document.
 */
export function rawSpec2025(): string {
  const merged: { openapi?: string; info?: unknown; servers?: unknown; paths: Record<string, unknown>; components: Record<string, Record<string, unknown>> } = { paths: {}, components: {} };
  for (const service of PRESENT_SERVICES) {
    const doc = YAML.parse(readFileSync(path.join(SOURCE_2025, `${service}.yaml`), 'utf8')) as { openapi: string; servers?: unknown; paths: Record<string, unknown>; components?: Record<string, Record<string, unknown>> };
    merged.openapi ??= doc.openapi;
    merged.info ??= { title: 'Linode API', version: '4.208.1' };
    merged.servers ??= doc.servers;
    Object.assign(merged.paths, doc.paths);
    for (const [section, entries] of Object.entries(doc.components ?? {})) Object.assign((merged.components[section] ??= {}), entries);
  }
  return YAML.stringify(merged, { aliasDuplicateObjects: false });
}
