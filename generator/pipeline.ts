/**
 * The pipeline: load -> validate -> normalize (IR) -> plan -> emit -> write. `generateFiles` is the
 * middle (no file system, clock or environment); `loadInputs` and the write stage are the edges.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import type { ResolvedConfig } from './config.js';
import { SpecloomError, type Warning } from './errors.js';
import { emitClient, type EmittedFile } from './emit/client.js';
import { createTemplateEngine, type TemplateFiles } from './emit/templates.js';
import { normalize } from './ir/normalize.js';
import type { ApiModel } from './ir/model.js';
import { loadSpecFile, type LoadedSpec } from './load/load.js';
import { plan, type Plan } from './plan/plan.js';
import { validateSpec } from './validate/validate.js';

export interface GenerateResult {
  files: EmittedFile[];
  warnings: Warning[];
  model: ApiModel;
  plan: Plan;
}

/** The pure middle of the pipeline. */
export async function generateFiles(spec: LoadedSpec, templates: TemplateFiles, config: ResolvedConfig): Promise<GenerateResult> {
  const validated = await validateSpec(spec);
  const { model, warnings } = normalize(validated);
  const thePlan = plan(model, config);
  const engine = createTemplateEngine(templates);
  const files = await emitClient(model, thePlan.client, engine, templates);
  return { files, warnings: [...validated.warnings, ...warnings], model, plan: thePlan };
}

/** The folder specloom is installed in (holding templates/), from source or from dist/. */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(path.join(dir, 'templates')) && existsSync(path.join(dir, 'package.json'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error('specloom: cannot find its templates folder');
}

export const BUILTIN_TEMPLATES = (): string => path.join(packageRoot(), 'templates');

/**
 * Built-in templates, then the user's folder on top: a file there replaces the built-in one with
 * the same relative path (templates/client/src/resource.ts.hbs), or adds a file.
 */
export async function loadTemplates(overrideDir?: string, cwd = process.cwd()): Promise<TemplateFiles> {
  const files = new Map<string, string>();
  await readTree(BUILTIN_TEMPLATES(), files);
  if (overrideDir !== undefined) {
    const dir = path.resolve(cwd, overrideDir);
    if (!existsSync(dir)) {
      throw new SpecloomError('templates folder not found', { file: overrideDir }, 'Pass a folder laid out like specloom\'s templates/ (client/..., docs/...).');
    }
    await readTree(dir, files);
  }
  return files;
}

async function readTree(root: string, into: Map<string, string>): Promise<void> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const paths = entries
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
    .sort();
  for (const file of paths) into.set(path.relative(root, file).split(path.sep).join('/'), await readFile(file, 'utf8'));
}

export async function loadInputs(config: ResolvedConfig, cwd: string): Promise<{ spec: LoadedSpec; templates: TemplateFiles }> {
  const [spec, templates] = await Promise.all([loadSpecFile(config.spec, cwd), loadTemplates(config.templates, cwd)]);
  return { spec, templates };
}
