/**
 * The pipeline: load -> validate -> normalize (IR) -> plan -> emit -> write. `generateFiles` is the
 * middle (no file system, clock or environment); reading the inputs (inputs.ts, load/) and the write stage are
 * the edges.
 */
import type { ResolvedConfig } from './config.js';
import type { Warning } from './errors.js';
import { emitClient, type EmittedFile } from './targets/client/emit.js';
import { emitDocs } from './targets/stackql-docs/emit.js';
import { createTemplateEngine, type TemplateFiles } from './render/engine.js';
import { normalize } from './ir/normalize.js';
import type { ApiModel } from './ir/model.js';
import type { LoadedSpec } from './load/load.js';
import { plan, type Plan } from './targets/client/plan.js';
import { bundleSpec, lintSpec } from './validate/validate.js';

export interface GenerateResult {
  files: EmittedFile[];
  warnings: Warning[];
  model: ApiModel;
  plan: Plan;
}

/**
 * The pure middle of the pipeline.
 *
 * The lint half of validation only reports, so it runs once the client's TypeScript has gone to the
 * worker (emit/client.ts), overlapping the worker's longest job; generation reads the bundled copy.
 * Its errors still win: when any stage before it fails, the lint runs first, and a document the
 * lint rejects is reported as such, not as whatever it made a later stage trip over.
 */
export async function generateFiles(spec: LoadedSpec, templates: TemplateFiles, config: ResolvedConfig): Promise<GenerateResult> {
  let linted: Promise<Warning[]> | undefined;
  const lint = () => (linted ??= lintSpec(spec));
  let staged;
  try {
    const bundled = await bundleSpec(spec);
    const { model, warnings } = normalize(bundled);
    const thePlan = plan(model, config);
    const engine = createTemplateEngine(templates);
    // emitClient renders, hands its TypeScript work to a worker thread and returns: the lint and
    // the docs run here meanwhile. Its errors are taken when it is awaited, after the lint's.
    const client = emitClient(model, thePlan.client, engine, templates);
    client.catch(() => {});
    staged = { bundled, model, warnings, thePlan, engine, client };
  } catch (error) {
    await lint();
    throw error;
  }
  const { bundled, model, warnings, thePlan, engine, client } = staged;
  const lintWarnings = await lint();
  let docs: EmittedFile[] = [];
  let docsError: { error: unknown } | undefined;
  try {
    docs = emitDocs(model, thePlan.docs, engine);
  } catch (error) {
    docsError = { error };
  }
  const allWarnings = [...lintWarnings, ...bundled.warnings, ...warnings];
  indexLocations(spec, allWarnings);
  const clientFiles = await client;
  if (docsError) throw docsError.error;
  const files = [...clientFiles, ...docs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, warnings: allWarnings, model, plan: thePlan };
}

/**
 * The CLI prints warnings with their line and column; a spec's positions are only worked out on the
 * first lookup (for JSON, a jsonc-parser syntax tree of the whole text). Doing it here overlaps it with
 * the worker.
 * Nothing else changes: a lookup that fails fails again, in its place, when the CLI asks.
 */
function indexLocations(spec: LoadedSpec, warnings: Warning[]): void {
  const pointer = warnings.find((w) => w.pointer !== undefined)?.pointer;
  if (pointer === undefined) return;
  try {
    spec.locate(pointer);
  } catch {
    // reported where it was before
  }
}

export { builtinTemplatesDir, loadTemplates, packageRoot } from './inputs.js';
