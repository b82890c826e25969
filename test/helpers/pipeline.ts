import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { resolveConfig, type SpecloomConfig } from '../../generator/config.js';
import { parseSpecText } from '../../generator/load/load.js';
import { generateFiles } from '../../generator/pipeline.js';
import { loadTemplates } from '../../generator/inputs.js';
import { validateSpec } from '../../generator/validate/validate.js';
import { normalize } from '../../generator/ir/normalize.js';
import { chooseProfile } from '../../generator/profiles/index.js';

const serverUrls = (doc: Record<string, unknown>) => (Array.isArray(doc['servers']) ? (doc['servers'] as { url?: unknown }[]).map((s) => s?.url).filter((u): u is string => typeof u === 'string') : []);
import { readFileSync } from 'node:fs';
import type { ApiModel } from '../../generator/ir/model.js';
import { NameRegistry } from '../../generator/names/registry.js';
import { planClient, type ClientConfig } from '../../generator/targets/client/plan.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const fixture = (name: string) => path.join(ROOT, 'test/fixtures', name);

/** Runs the pure middle of the pipeline on spec text. */
export async function generateFromText(text: string, file = 'spec.yaml', config: SpecloomConfig = {}) {
  const templates = await loadTemplates();
  return generateFiles(parseSpecText(text, file), templates, resolveConfig({ spec: file, ...config }));
}

export async function modelFromText(text: string, file = 'spec.yaml') {
  const validated = await validateSpec(parseSpecText(text, file));
  return normalize(validated, chooseProfile('auto', { serverUrls: serverUrls(validated.document) }));
}

export async function modelOf(specPath: string) {
  return modelFromText(readFileSync(specPath, 'utf8'), specPath);
}

/** Runs the built CLI (npm test builds it first). */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/specloom.js'), ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** tsc from the TypeScript 5 this repo pins (typescript@latest is the native 7.x, without an API). */
export function tsc(args: string[], cwd = ROOT) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, output: result.stdout + result.stderr };
}

/** The client target's plan of a model, as the pipeline plans it (a fresh name registry, the profile the servers choose). */
export function clientPlanOf(model: ApiModel, config: ClientConfig = {}, templatePaths: readonly string[] = []) {
  const profile = chooseProfile('auto', { serverUrls: model.servers.map((s) => s.url) });
  return planClient({ model, config, names: new NameRegistry(), profile, templatePaths });
}
