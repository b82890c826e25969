/**
 * The `specloom` command. Exit codes: 0 ok, 1 drift found by --check, 2 bad input or usage.
 * User errors print one readable message and no stack trace (--debug shows it).
 */
import { Command, CommanderError, Option } from 'commander';
import { existsSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { mergeConfig, type ResolvedConfig, type SpecloomConfig } from '../config.js';
import { SpecloomError, formatLocation } from '../errors.js';
import { CONFIG_CANDIDATES, loadConfigFile } from './config-file.js';

import { cacheDir, cacheKey, readCache, writeCache, type CachedResult } from '../cache.js';
import type { TemplateFiles } from '../render/engine.js';
import { builtinTemplatesDir, loadTemplates, readSpecText, generatorFingerprint } from '../inputs.js';
import { diffOutput, writeOutput } from '../write/write.js';

// The pipeline is loaded only when the cache has no result for these inputs. Its TypeScript work
// (TypeScript and openapi-typescript) runs on a worker thread, started first so that it loads them
// while this thread loads and runs the rest.
const loadPipeline = async (templates: TemplateFiles) => {
  // A run is short and runs much code (TypeScript, redocly, Handlebars) only for a while: V8 spent
  // more CPU optimizing it than the optimized code saved. Letting functions run 4x longer before
  // they are optimized cut the CPU of a first run on the full Linode spec by about 13%.
  v8.setFlagsFromString('--interrupt-budget=540672');
  // The client's static TypeScript files (the runtime) are what it warms up on: real TypeScript of
  // the kind it formats, at hand before the pipeline starts. Largest first: it may be cut short.
  const { isStaticClientFile } = await import('../targets/client/emit.js');
  const runtime = [...templates]
    .filter(([p]) => isStaticClientFile(p) && p.endsWith('.ts'))
    .sort(([a, x], [b, y]) => y.length - x.length || (a < b ? -1 : 1))
    .map(([p, text]) => ({ path: p, text, origin: `template ${p}` }));
  (await import('../typescript/service.js')).startTypeScriptWorker(runtime);
  return Promise.all([import('../pipeline.js'), import('../load/load.js')]);
};

interface GenerateFlags {
  spec?: string;
  out?: string;
  templates?: string;
  config?: string;
  check?: boolean;
  watch?: boolean;
  debug?: boolean;
  quiet?: boolean;
  cache?: boolean;
  docsStyle?: 'current' | 'legacy';
  docsProvider?: string;
}

export async function main(argv: string[], cwd = process.cwd()): Promise<number> {
  const program = new Command('specloom')
    .description('OpenAPI to a typed TypeScript client and StackQL-style docs, through templates')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  let exitCode = 0;

  program
    .command('generate')
    .description('generate the client (and docs) from the spec into the output folder')
    .option('--spec <file>', 'OpenAPI 3.0/3.1 document (YAML or JSON)')
    .option('--out <dir>', 'output folder')
    .option('--templates <dir>', 'folder whose files override the built-in templates by relative path')
    .option('--config <file>', 'config file (default: specloom.config.ts or .json in the current folder)')
    .option('--check', 'write nothing; exit 1 if the output folder differs from what would be generated')
    .option('--watch', 'regenerate when the spec, templates or config change')
    .addOption(new Option('--debug', 'show stack traces').hideHelp(false))
    .option('--quiet', 'print only problems')
    .option('--no-cache', 'do not reuse the result of a run with the same inputs')
    .addOption(new Option('--docs-style <style>', 'docs page format: current (MDX) or legacy (Markdown tables)').choices(['current', 'legacy']))
    .option('--docs-provider <name>', 'StackQL provider name of the docs (default: from the spec)')
    .action(async (flags: GenerateFlags) => {
      exitCode = await runGenerate(flags, cwd);
    });

  program
    .command('preview')
    .description('render the docs pages to a static HTML site, to look at them as a StackQL (Docusaurus) site shows them')
    .option('--docs <dir>', 'the docs folder (default: docs/ in the output folder of the config)')
    .option('--out <dir>', 'where to write the site', 'docs-preview')
    .option('--config <file>', 'config file (default: specloom.config.ts or .json in the current folder)')
    .option('--serve', 'then serve the site on 127.0.0.1 until stopped')
    .option('--port <number>', 'the port for --serve', '4173')
    .option('--debug', 'show stack traces of errors')
    .action(async (flags: PreviewFlags) => {
      exitCode = await runPreview(flags, cwd);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    throw err;
  }
  return exitCode;
}

interface PreviewFlags {
  docs?: string;
  out: string;
  config?: string;
  serve?: boolean;
  port: string;
  debug?: boolean;
}

async function runPreview(flags: PreviewFlags, cwd: string): Promise<number> {
  try {
    const docs = flags.docs ?? path.join(mergeConfig(await loadConfigFile(cwd, flags.config)).out, 'docs');
    const port = Number(flags.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new SpecloomError(`Invalid --port "${flags.port}"`, undefined, 'Give a whole number from 0 to 65535.');
    const { buildPreview, servePreview } = await import('../preview/main.js');
    const { pages } = await buildPreview(path.resolve(cwd, docs), path.resolve(cwd, flags.out), docs);
    process.stdout.write(`specloom: ${pages} pages of ${docs} rendered to ${path.join(flags.out, 'index.html')}\n`);
    if (!flags.serve) return 0;
    const { url } = await servePreview(path.resolve(cwd, flags.out), port);
    process.stdout.write(`specloom: serving the preview at ${url} (Ctrl-C to stop)\n`);
    return new Promise<number>(() => {});
  } catch (err) {
    return reportError(err, flags.debug === true);
  }
}

async function resolveConfig(flags: GenerateFlags, cwd: string): Promise<ResolvedConfig> {
  const fromFile = await loadConfigFile(cwd, flags.config);
  const fromFlags: SpecloomConfig = {};
  if (flags.spec !== undefined) fromFlags.spec = flags.spec;
  if (flags.out !== undefined) fromFlags.out = flags.out;
  if (flags.templates !== undefined) fromFlags.templates = flags.templates;
  if (flags.docsStyle !== undefined || flags.docsProvider !== undefined) {
    fromFlags.docs = {};
    if (flags.docsStyle !== undefined) fromFlags.docs.style = flags.docsStyle;
    if (flags.docsProvider !== undefined) fromFlags.docs.provider = flags.docsProvider;
  }
  return mergeConfig(fromFile, fromFlags);
}

async function runGenerate(flags: GenerateFlags, cwd: string): Promise<number> {
  const once = async (): Promise<number> => {
    const started = performance.now();
    try {
      const config = await resolveConfig(flags, cwd);
      const result = await generateCached(config, cwd, flags.cache !== false && existsSync(path.join(cwd, 'node_modules')));
      printWarnings(result.warnings, flags.debug === true);
      const outDir = path.resolve(cwd, config.out);
      if (flags.check) {
        const diff = await diffOutput(outDir, result.files);
        const drift = diff.written.length + diff.removed.length;
        if (drift === 0) {
          if (!flags.quiet) process.stdout.write(`specloom: ${config.out} is up to date (${diff.unchanged.length} files)\n`);
          return 0;
        }
        process.stdout.write(`specloom: ${config.out} differs from what ${config.spec} generates:\n`);
        for (const p of diff.written) process.stdout.write(`  changed  ${path.join(config.out, p)}\n`);
        for (const p of diff.removed) process.stdout.write(`  stale    ${path.join(config.out, p)}\n`);
        process.stdout.write("Run 'npx specloom generate' and commit the result.\n");
        return 1;
      }
      const report = await writeOutput(outDir, result.files);
      if (!flags.quiet) {
        const ms = Math.round(performance.now() - started);
        process.stdout.write(
          `specloom: ${report.written.length} written, ${report.unchanged.length} unchanged, ${report.removed.length} removed in ${config.out} (${ms} ms)\n`,
        );
      }
      return 0;
    } catch (err) {
      return reportError(err, flags.debug === true);
    }
  };

  const code = await once();
  if (!flags.watch) return code;

  const config = await resolveConfig(flags, cwd).catch(() => mergeConfig());
  const configFile = flags.config ?? CONFIG_CANDIDATES.find((c) => existsSync(path.join(cwd, c)));
  const watched = [
    path.resolve(cwd, config.spec),
    config.templates ? path.resolve(cwd, config.templates) : builtinTemplatesDir(),
    ...(configFile !== undefined ? [path.resolve(cwd, configFile)] : []),
  ];
  // chokidar: fs.watch misses events on single files and recursive folders on some platforms.
  const { watch } = await import('chokidar');
  const watcher = watch(watched, { ignoreInitial: true, awaitWriteFinish: { stabilityThreshold: 50, pollInterval: 20 } });
  let running = Promise.resolve(0);
  let timer: NodeJS.Timeout | undefined;
  watcher.on('all', () => {
    clearTimeout(timer);
    // Editors write in bursts: wait for the burst to end, then run once.
    timer = setTimeout(() => {
      running = running.then(once);
    }, 100);
  });
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  process.stdout.write(`specloom: watching ${watched.map((w) => path.relative(cwd, w) || '.').join(', ')} (Ctrl-C to stop)\n`);
  return new Promise<number>(() => {});
}

const MAX_WARNINGS = 20;

function printWarnings(warnings: string[], all: boolean): void {
  const shown = all ? warnings : warnings.slice(0, MAX_WARNINGS);
  for (const w of shown) process.stderr.write(`warning: ${w}\n`);
  if (shown.length < warnings.length) {
    process.stderr.write(`warning: ...and ${warnings.length - shown.length} more (--debug lists them all)\n`);
  }
}

/** The emitted files for these inputs: from the cache when the same inputs ran before. */
async function generateCached(config: ResolvedConfig, cwd: string, useCache: boolean): Promise<CachedResult> {
  const [{ text, absolutePath }, templates] = await Promise.all([readSpecText(config.spec, cwd), loadTemplates(config.templates, cwd)]);
  const key = useCache ? cacheKey(generatorFingerprint(), text, templates, config) : undefined;
  const dir = cacheDir(cwd);
  if (key !== undefined) {
    const hit = await readCache(dir, key);
    if (hit) return hit;
  }
  const [{ generateFiles }, { parseSpecText }] = await loadPipeline(templates);
  const spec = parseSpecText(text, config.spec, absolutePath);
  const result = await generateFiles(spec, templates, config);
  const fresh: CachedResult = {
    files: result.files,
    warnings: result.warnings.map((w) => (w.pointer !== undefined ? `${formatLocation(spec.locate(w.pointer))}: ` : '') + w.message),
  };
  if (key !== undefined) await writeCache(dir, key, fresh);
  return fresh;
}

function reportError(err: unknown, debug: boolean): number {
  if (err instanceof SpecloomError) {
    process.stderr.write(`specloom: error: ${err.format()}\n`);
    if (debug && err.stack) process.stderr.write(err.stack + '\n');
    return 2;
  }
  process.stderr.write(`specloom: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
  if (debug && err instanceof Error && err.stack) process.stderr.write(err.stack + '\n');
  else process.stderr.write('This is a bug in specloom; run again with --debug for a stack trace and report it.\n');
  return 2;
}
