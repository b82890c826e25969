/**
 * specloom from code: `generate()` runs the whole pipeline (read the inputs, generate, write or check)
 * and returns the files and a summary; it prints nothing. The CLI (cli/main.ts) is a shell over it.
 *
 * An unchanged run is served from a cache keyed by the content of every input, without loading the
 * pipeline; on a miss the TypeScript service starts first (its worker loads the compiler while this
 * thread loads the rest), warming up on the targets' static TypeScript files.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { cacheDir, cacheKey, readCache, writeCache, type CachedResult } from './cache.js';
import { resolveConfig, type ResolvedConfig, type SpecloomConfig } from './config.js';
import { formatLocation } from './errors.js';
import { generatorFingerprint, loadTemplates, readMappingCsv, readSpecText, type TemplateFiles } from './inputs.js';
import type { EmittedFile } from './output.js';
import { withOutputLock } from './write/lock.js';
import { diffOutput, EarlyStaging, writeOutput } from './write/write.js';

export interface GenerateOptions extends SpecloomConfig {
  /** The folder relative paths (spec, out, templates) are read from. Default: process.cwd(). */
  cwd?: string;
  /** Write nothing; report in `drift` how the output folder differs from what the spec generates. */
  check?: boolean;
  /** Reuse the result of an earlier run with the same inputs (node_modules/.cache/specloom). Default: false. */
  cache?: boolean;
}

export interface GenerateSummary {
  /** Every file generated, by its path in the output folder. */
  files: EmittedFile[];
  /** Warnings, each located in the spec (`spec.yaml:12:3 (#/paths/...): ...`). */
  warnings: string[];
  /** What the write did (paths relative to the output folder); with `check`, what it would do. */
  written: string[];
  unchanged: string[];
  removed: string[];
  /** With `check`: whether the output folder differs. */
  drift?: boolean;
  /** The output folder, as resolved. */
  outDir: string;
  /** Whether the result came from the cache. */
  cached: boolean;
}

/** Generates from a spec, as `specloom generate` does with these options as its config. */
export async function generate(options: GenerateOptions = {}): Promise<GenerateSummary> {
  const { cwd = process.cwd(), check = false, cache = false, ...config } = options;
  return run(resolveConfig(config, {}, 'generate() options'), { cwd, check, cache });
}

export interface RunOptions {
  cwd: string;
  check: boolean;
  cache: boolean;
  /** What a warm process carries from run to run (--watch): see createRunSession. */
  session?: RunSession;
}

/**
 * A warm process's state between runs: the renders the pipeline can reuse when their context reads the same
 * (pipeline.ts, PipelineSession). Made empty; filled by the first run that generates.
 */
export interface RunSession {
  pipeline?: import('./pipeline.js').PipelineSession;
}

export function createRunSession(): RunSession {
  return {};
}

/**
 * One run of a resolved config: generate (or take from the cache), then write or check. A run that writes
 * holds the output folder's lock throughout (see write/lock.ts); into a new output folder, it stages each
 * target's files as the target finishes (write/write.ts, EarlyStaging).
 */
export async function run(config: ResolvedConfig, options: RunOptions): Promise<GenerateSummary> {
  const useCache = options.cache && existsSync(path.join(options.cwd, 'node_modules'));
  const outDir = path.resolve(options.cwd, config.out);
  if (options.check) {
    const result = await generateCached(config, options.cwd, useCache, options.session);
    const diff = await diffOutput(outDir, result.files);
    return { files: result.files, warnings: result.warnings, written: diff.written, unchanged: diff.unchanged, removed: diff.removed, drift: diff.written.length + diff.removed.length > 0, outDir, cached: result.cached };
  }
  return withOutputLock(outDir, async () => {
    const early = existsSync(outDir) ? undefined : new EarlyStaging(outDir);
    try {
      const result = await generateCached(config, options.cwd, useCache, options.session, early && ((files) => early.add(files)));
      const report = await writeOutput(outDir, result.files, undefined, early);
      return { files: result.files, warnings: result.warnings, written: report.written, unchanged: report.unchanged, removed: report.removed, outDir, cached: result.cached };
    } catch (error) {
      await early?.discard();
      throw error;
    }
  });
}

/** The emitted files for these inputs: from the cache when the same inputs ran before. */
async function generateCached(config: ResolvedConfig, cwd: string, useCache: boolean, session?: RunSession, onFiles?: (files: readonly EmittedFile[]) => void): Promise<CachedResult & { cached: boolean }> {
  const [source, templates, mappingCsv] = await Promise.all([readSpecText(config.spec, cwd), loadTemplates(config.templates, cwd), readMappingCsv(config.stackql.mappingFile, cwd)]);
  const { text } = source;
  if (mappingCsv !== undefined) config = { ...config, stackql: { ...config.stackql, mappingCsv } };
  // A target of the user's own is code the cache cannot key.
  const key = useCache && config.targets.every((t) => !t.user) ? cacheKey(generatorFingerprint(), text, templates, config) : undefined;
  const dir = cacheDir(cwd);
  if (key !== undefined) {
    const hit = await readCache(dir, key);
    if (hit) return { ...hit, cached: true };
  }
  const [{ generateFiles, createPipelineSession }, { parseSpecText }] = await loadPipeline(config, templates);
  const spec = source.provider !== undefined ? (await import('./load/provider.js')).mergeProvider(source.provider) : parseSpecText(text, source.file, source.absolutePath);
  if (session !== undefined) session.pipeline ??= createPipelineSession();
  const result = await generateFiles(spec, templates, config, { session: session?.pipeline, onFiles });
  const fresh: CachedResult = {
    files: result.files,
    warnings: result.warnings.map((w) => (w.pointer !== undefined ? `${formatLocation(spec.locate(w.pointer))}: ` : '') + w.message),
  };
  if (key !== undefined) await writeCache(dir, key, fresh);
  return { ...fresh, cached: false };
}

/**
 * Starts the TypeScript service, warming up on the targets' static TypeScript (largest first: it may be
 * cut short), then loads the pipeline, which this thread needs only when the cache has no result.
 */
async function loadPipeline(config: ResolvedConfig, templates: TemplateFiles) {
  const warmUp = config.targets
    .flatMap(({ target }) => target.warmUpFiles?.(templates) ?? [])
    .sort((a, b) => b.text.length - a.text.length || (a.path < b.path ? -1 : 1))
    .map((f) => ({ ...f, origin: `template ${f.path}` }));
  (await import('./typescript/service.js')).startTypeScriptService(warmUp);
  return Promise.all([import('./pipeline.js'), import('./load/load.js')]);
}

export interface MappingSummary {
  /** The mapping as CSV text, in the columns of provider-utils' all_services.csv. */
  csv: string;
  /** Where the mapping came from: derived from the spec, the spec's x-stackQL-resources, or a mapping CSV. */
  source: 'derived' | 'x-stackQL-resources' | 'csv';
  operations: number;
  resources: number;
  services: number;
  warnings: string[];
}

/** The StackQL mapping of a spec as the generation would follow it (`specloom stackql mapping`). */
export async function stackqlMappingOf(config: ResolvedConfig, cwd: string): Promise<MappingSummary> {
  const [source, mappingCsv] = await Promise.all([readSpecText(config.spec, cwd), readMappingCsv(config.stackql.mappingFile, cwd)]);
  const [{ modelOf }, { parseSpecText }, { stackqlMapping, mappingRows }, { mappingCsv: toCsv }] = await Promise.all([import('./pipeline.js'), import('./load/load.js'), import('./stackql/mapping.js'), import('./stackql/csv.js')]);
  const spec = source.provider !== undefined ? (await import('./load/provider.js')).mergeProvider(source.provider) : parseSpecText(source.text, source.file, source.absolutePath);
  const { model, warnings } = await modelOf(spec, config);
  const options = mappingCsv !== undefined ? { ...config.stackql, mappingCsv } : config.stackql;
  const mapping = stackqlMapping(model, options, spec.file);
  const rows = mappingRows(model, mapping);
  return {
    csv: toCsv(rows),
    source: mapping.source,
    operations: rows.length,
    resources: [...mapping.services.values()].reduce((n, list) => n + list.length, 0),
    services: mapping.services.size,
    warnings: warnings.map((w) => (w.pointer !== undefined ? `${formatLocation(spec.locate(w.pointer))}: ` : '') + w.message),
  };
}
