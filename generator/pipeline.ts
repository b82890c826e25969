/**
 * The pipeline: load -> validate -> normalize (IR) -> plan -> emit -> write. `generateFiles` is the
 * middle (no file system, clock or environment): it bundles and normalizes the spec under the profile in
 * force, then asks the target registry's targets, in their order, to plan (claiming every name in one
 * name registry) and to emit. Reading the inputs (inputs.ts, load/) and the write stage are the edges.
 */
import type { ResolvedConfig } from './config.js';
import { SpecloomError, type Warning } from './errors.js';
import type { TemplateFiles } from './inputs.js';
import type { ApiModel } from './ir/model.js';
import { normalize } from './ir/normalize.js';
import type { LoadedSpec } from './load/load.js';
import { NameRegistry } from './names/registry.js';
import { chooseProfile } from './profiles/index.js';
import type { Profile } from './profiles/profile.js';
import { createHash } from 'node:crypto';
import { createTemplateEngine } from './render/engine.js';
import { RenderMemo } from './render/tracked.js';
import { precompiledTemplates } from './render/precompile.js';
import type { StackqlOptions } from './stackql/mapping.js';
import type { ConfiguredTarget, EmitInput, EmittedFile, TemplateRenderer } from './targets/contract.js';
import { lintOnWorker, startTypeScriptService } from './typescript/service.js';
import { bundleSpec, lintOutcome, lintSpec } from './validate/validate.js';

export interface GenerateResult {
  files: EmittedFile[];
  warnings: Warning[];
  model: ApiModel;
  profile: Profile;
  /** Each target's plan, by target name. */
  plans: Record<string, unknown>;
}

/**
 * The pure middle of the pipeline.
 *
 * The lint half of validation only reports, so it runs once every target has started emitting: the
 * client's TypeScript is then on the worker, and the lint overlaps the worker's longest job; generation
 * reads the bundled copy. Its errors still win: when any stage before it fails, the lint runs first, and
 * a document the lint rejects is reported as such, not as whatever it made a later stage trip over. In a
 * warm process after its first run, the worker has little TypeScript left to parse (it remembers the files it
 * parsed): the lint goes to it first, and overlaps all of this thread's work. (In a first run the worker is
 * the busier thread and the lint stays here.)
 */
/**
 * What a warm process (--watch) keeps from one run to the next: renders whose context reads the same are not
 * made again (render/tracked.ts). Dropped when the templates, the profile or the targets' options change.
 */
export interface PipelineSession {
  memo: RenderMemo;
  /** What the memo's renders were made under. */
  generation?: string;
  /** Runs made so far: from the second, the lint runs on the worker, idle by then (see generateFiles). */
  runs: number;
}

export function createPipelineSession(): PipelineSession {
  return { memo: new RenderMemo(), runs: 0 };
}

export interface GenerateOptions {
  session?: PipelineSession;
  /**
   * Told each target's files as soon as its emit is done, before the checks of the whole (so the write stage
   * can stage them while other targets still work): what it gets may yet fail those checks.
   */
  onFiles?: (files: readonly EmittedFile[]) => void;
}

export async function generateFiles(spec: LoadedSpec, templates: TemplateFiles, given: ResolvedConfig, options: GenerateOptions = {}): Promise<GenerateResult> {
  const { session, onFiles } = options;
  // A StackQL provider is docs input: unless the config names its targets, it makes the docs site alone.
  const config = spec.services !== undefined && given.defaultTargets === true ? { ...given, targets: given.targets.filter((t) => PROVIDER_DEFAULT_TARGETS.includes(t.target.name)) } : given;
  let linted: Promise<Warning[]> | undefined;
  let lint = () => (linted ??= lintSpec(spec));
  // A warm process's worker has little left to do (it remembers the TypeScript it parsed): the lint goes
  // there first, and the bundle may then work on the parsed document itself, which nothing else reads.
  const warm = session !== undefined && session.runs++ > 0;
  // With no TypeScript to check (the StackQL targets alone), the worker idles from the start: the lint goes there.
  const noTypeScript = config.targets.every((t) => !t.user && TARGETS_WITHOUT_TYPESCRIPT.includes(t.target.name));
  if (warm || noTypeScript) {
    const queued = lintOnWorker(spec);
    lint = () => (linted ??= queued.result().then((problems) => lintOutcome(spec, problems)));
  }
  let staged;
  try {
    const bundled = await bundleSpec(spec, { inPlace: warm && spec.services === undefined });
    const { profile, model, warnings } = modelOfBundle(bundled, config);
    const memo = session !== undefined ? sessionMemo(session, templates, config, profile) : undefined;
    const names = new NameRegistry();
    const typescript = startTypeScriptService();
    const plans: Record<string, unknown> = {};
    const targetWarnings: Warning[] = [];
    const inputs: EmitInput<unknown, unknown>[] = [];
    for (const configured of config.targets) {
      const input = targetInput(configured, { model, profile, names, plans, templates, specFile: spec.file, typescript, stackql: config.stackql, warn: (w) => targetWarnings.push(w), memo, stage: (files) => onFiles?.(files.filter(isFileLike)) });
      plans[configured.target.name] = input.plan = runTarget(configured, 'plan', () => configured.target.plan?.(input as never));
      inputs.push(input);
    }
    // Each emit returns at once or hands its TypeScript to the worker and returns a promise: later
    // targets (and the lint) run on this thread meanwhile. Failures are taken in target order.
    const emitted = config.targets.map((configured, i) => {
      const outcome = settle(() => configured.target.emit(inputs[i] as never), configured);
      if (onFiles !== undefined) void outcome.then((o) => o.ok && Array.isArray(o.value) && onFiles(o.value.filter(isFileLike)));
      return outcome;
    });
    staged = { bundled, model, warnings, profile, plans, names, emitted, targetWarnings };
  } catch (error) {
    await lint();
    throw error;
  }
  const { bundled, model, warnings, profile, plans, names, emitted, targetWarnings } = staged;
  const lintWarnings = await lint();
  const allWarnings = [...lintWarnings, ...bundled.warnings, ...warnings];
  indexLocations(spec, allWarnings);
  const files: EmittedFile[] = [];
  for (const [i, outcome] of (await Promise.all(emitted)).entries()) {
    const configured = config.targets[i]!;
    if (!outcome.ok) throw outcome.error;
    files.push(...checkedFiles(outcome.value, configured, names));
  }
  allWarnings.push(...targetWarnings);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, warnings: allWarnings, model, profile, plans };
}

const PROVIDER_DEFAULT_TARGETS = ['stackql-docs'];
/** Built-in targets that hand the worker no TypeScript. */
const TARGETS_WITHOUT_TYPESCRIPT = ['stackql-docs', 'stackql-provider'];

/** The spec's model alone (validated, bundled, normalized under the profile in force), for commands that emit nothing. */
export async function modelOf(spec: LoadedSpec, config: ResolvedConfig): Promise<{ model: ApiModel; warnings: Warning[] }> {
  const lintWarnings = await lintSpec(spec);
  const bundled = await bundleSpec(spec);
  const { model, warnings } = modelOfBundle(bundled, config);
  return { model, warnings: [...lintWarnings, ...bundled.warnings, ...warnings] };
}

/** The profile in force (the config's, or detected from the servers) and the model normalized under it. */
function modelOfBundle(bundled: Awaited<ReturnType<typeof bundleSpec>>, config: ResolvedConfig) {
  const servers = bundled.document['servers'];
  const profile = chooseProfile(config.profile, { serverUrls: Array.isArray(servers) ? servers.map((s) => (s as { url?: unknown })?.url).filter((u): u is string => typeof u === 'string') : [] });
  return { profile, ...normalize(bundled, profile) };
}

interface Shared {
  model: ApiModel;
  profile: Profile;
  names: NameRegistry;
  plans: Record<string, unknown>;
  templates: TemplateFiles;
  specFile: string;
  stackql: StackqlOptions;
  typescript: EmitInput<unknown, unknown>['typescript'];
  warn: (warning: Warning) => void;
  memo: RenderMemo | undefined;
  stage: (files: readonly EmittedFile[]) => void;
}

/** The session's memo, emptied first when what its renders were made under changed. */
function sessionMemo(session: PipelineSession, templates: TemplateFiles, config: ResolvedConfig, profile: Profile): RenderMemo | undefined {
  // A target of the user's own is code: a change to it is not seen here.
  if (config.targets.some((t) => t.user)) return undefined;
  const hash = createHash('sha256').update(profile.name).update(JSON.stringify(config.targets.map((t) => [t.target.name, t.config])));
  for (const [p, text] of [...templates].sort(([a], [b]) => (a < b ? -1 : 1))) hash.update(p).update('\u0000').update(text).update('\u0000');
  const generation = hash.digest('hex');
  if (session.generation !== generation) session.memo.reset();
  session.generation = generation;
  session.memo.startRun();
  return session.memo;
}

/** A target's inputs: its own template environment (helpers, partials) over the template files under its root. */
function targetInput(configured: ConfiguredTarget, shared: Shared): EmitInput<unknown, unknown> {
  const { target, config } = configured;
  const root = target.templateRoot;
  const own = root === undefined ? [] : [...shared.templates].filter(([p]) => p.startsWith(`${root}/`)).sort(([a], [b]) => (a < b ? -1 : 1));
  const base = {
    model: shared.model,
    config,
    names: shared.names,
    profile: shared.profile,
    plans: Object.fromEntries((target.dependsOn ?? []).map((d) => [d, shared.plans[d]])),
    templatePaths: own.map(([p]) => p),
    run: { specFile: shared.specFile, stackql: shared.stackql },
    warn: shared.warn,
  };
  let engine: ReturnType<typeof createTemplateEngine> | undefined;
  const ownFiles = new Map(own);
  // Which call of each template this is: the memo's key for it, run after run.
  const calls = new Map<string, number>();
  const templates: TemplateRenderer = {
    render(templatePath, context) {
      engine ??= createTemplateEngine(ownFiles, {
        partialRoots: [...(target.partialRoots?.(config as never) ?? []), ...(root !== undefined && !target.partialRoots ? [root] : [])],
        helpers: target.helpers?.(base as never) ?? [],
        precompiled: precompiledTemplates(),
      });
      if (!ownFiles.has(templatePath)) throw new SpecloomError(`target ${target.name} has no template ${templatePath}`, { file: templatePath }, root === undefined ? 'Give the target a templateRoot.' : `Its templates are under templates/${root}/.`);
      const { memo } = shared;
      if (memo === undefined || context === null || typeof context !== 'object') return engine.render(templatePath, context);
      const call = calls.get(templatePath) ?? 0;
      calls.set(templatePath, call + 1);
      const render = engine.render.bind(engine, templatePath);
      return memo.render(`${target.name}\u0000${templatePath}\u0000${call}`, context, render);
    },
    has: (templatePath) => ownFiles.has(templatePath),
    files: () => own.map(([p, text]) => [p, text]),
    builtin: shared.templates.userPaths !== undefined && own.every(([p]) => !shared.templates.userPaths!.has(p)),
  };
  return { ...base, plan: undefined, templates, typescript: shared.typescript, stage: shared.stage };
}

/** Runs a step of a target; a user target's failure is reported as that target's, with its reason. */
function runTarget<T>(configured: ConfiguredTarget, step: 'plan' | 'emit', run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw asTargetError(error, configured, step);
  }
}

function asTargetError(error: unknown, configured: ConfiguredTarget, step: 'plan' | 'emit'): unknown {
  if (!configured.user) return error;
  const reason = error instanceof SpecloomError ? error.format() : error instanceof Error ? error.message : String(error);
  return new SpecloomError(`target ${configured.target.name} failed in ${step}: ${reason}`, undefined, `Fix the ${configured.target.name} target in the config; nothing was written.`);
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

function settle(run: () => unknown, configured: ConfiguredTarget): Promise<Outcome> {
  try {
    return Promise.resolve(run()).then(
      (value): Outcome => ({ ok: true, value }),
      (error): Outcome => ({ ok: false, error: asTargetError(error, configured, 'emit') }),
    );
  } catch (error) {
    return Promise.resolve({ ok: false, error: asTargetError(error, configured, 'emit') });
  }
}

function isFileLike(file: unknown): file is EmittedFile {
  return file !== null && typeof file === 'object' && typeof (file as EmittedFile).path === 'string' && typeof (file as EmittedFile).content === 'string';
}

/** A target's files: an array of { path, contents } with paths inside the output folder that no other target writes. */
function checkedFiles(value: unknown, configured: ConfiguredTarget, names: NameRegistry): EmittedFile[] {
  const name = configured.target.name;
  const fail = (reason: string) => {
    throw new SpecloomError(`target ${name} returned ${reason}`, undefined, 'emit returns an array of { path, content } (or contents) with paths relative to the output folder; nothing was written.');
  };
  if (!Array.isArray(value)) fail('something that is not an array of files');
  return (value as unknown[]).map((file, i) => {
    if (file === null || typeof file !== 'object') fail(`a file that is not an object (item ${i})`);
    const { path, content, contents } = file as { path?: unknown; content?: unknown; contents?: unknown };
    const text = content ?? contents;
    if (typeof path !== 'string') fail(`a file without a path (item ${i})`);
    if (typeof text !== 'string') fail(`a file whose content is not a string: ${JSON.stringify(path)}`);
    try {
      names.claimFile(path as string, name);
    } catch (error) {
      throw configured.user ? asTargetError(error, configured, 'emit') : error;
    }
    return { path: path as string, content: text as string };
  });
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
