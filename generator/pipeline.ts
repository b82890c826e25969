/**
 * The pipeline: load -> validate -> normalize (IR) -> plan -> emit -> write. `generateFiles` is the
 * middle (no file system, clock or environment); `loadInputs` and the write stage are the edges.
 */
import type { ResolvedConfig } from './config.js';
import type { Warning } from './errors.js';
import { emitClient, type EmittedFile } from './emit/client.js';
import { emitDocs } from './emit/docs.js';
import { createTemplateEngine, type TemplateFiles } from './emit/templates.js';
import { normalize } from './ir/normalize.js';
import type { ApiModel } from './ir/model.js';
import { loadSpecFile, type LoadedSpec } from './load/load.js';
import { loadTemplates } from './inputs.js';
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
  const files = [...(await emitClient(model, thePlan.client, engine, templates)), ...emitDocs(model, thePlan.docs, engine)].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, warnings: [...validated.warnings, ...warnings], model, plan: thePlan };
}

export { builtinTemplatesDir, loadTemplates, packageRoot } from './inputs.js';

export async function loadInputs(config: ResolvedConfig, cwd: string): Promise<{ spec: LoadedSpec; templates: TemplateFiles }> {
  const [spec, templates] = await Promise.all([loadSpecFile(config.spec, cwd), loadTemplates(config.templates, cwd)]);
  return { spec, templates };
}
