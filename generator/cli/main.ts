/**
 * The `specloom` command: a shell over the programmatic API (api.ts) that reads the config file and the
 * flags and prints what the API returns. Exit codes: 0 ok, 1 drift found by --check, 2 bad input or
 * usage. User errors print one readable message and no stack trace (--debug shows it).
 */
import { Command, CommanderError, Option } from 'commander';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { createRunSession, run } from '../api.js';
import { resolveConfig } from '../config.js';
import { SpecloomError } from '../errors.js';
import { builtinTemplatesDir } from '../inputs.js';
import { CONFIG_CANDIDATES, loadConfigFile } from './config-file.js';
import { cliFlagOptions, generateOnce, printWarnings, reportError, resolveCliConfig, terminal, type GenerateFlags } from './generate.js';
import { watchPaths } from './watch.js';

/**
 * A run is short and runs much code (TypeScript, redocly, Handlebars) only for a while: V8 spent more
 * CPU optimizing it than the optimized code saved. Letting functions run 4x longer before they are
 * optimized cut the CPU of a first run on the full Linode spec by about 13% on Node 20. The CLI owns its
 * process, so it may; the flag exists in Node 20's V8 only (later Nodes print an error for it).
 */
function tuneV8(): void {
  if (process.versions.node.split('.')[0] === '20') v8.setFlagsFromString('--interrupt-budget=540672');
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
    .option('--targets <names>', 'built-in targets to run, comma-separated (client,schemas,mocks,stackql-docs,stackql-provider), replacing the config\'s list')
    .addOption(new Option('--stackql-split <by>', "a raw spec's StackQL services: by the first path segment or by tag").choices(['path', 'tag']))
    .addOption(new Option('--stackql-method-names <style>', 'StackQL method names: operation-id (get_personal_access_token) or short (list, get, create...)').choices(['operation-id', 'short']))
    .option('--stackql-mapping <csv>', "follow a mapping CSV (provider-utils' all_services.csv columns) instead of the derived mapping")
    .action(async (flags: GenerateFlags) => {
      exitCode = await runGenerate(flags, cwd);
    });

  program
    .command('stackql')
    .description('StackQL provider tools')
    .command('mapping')
    .description("write the StackQL mapping of a spec (derived, its x-stackQL-resources, or a mapping CSV's) as CSV in provider-utils' all_services.csv columns, to review and edit")
    .option('--spec <file>', 'OpenAPI 3.0/3.1 document (YAML or JSON), or a StackQL provider')
    .option('--out <file>', 'where to write the CSV (default: standard output)')
    .option('--config <file>', 'config file (default: specloom.config.ts or .json in the current folder)')
    .addOption(new Option('--stackql-split <by>', 'services by the first path segment or by tag').choices(['path', 'tag']))
    .addOption(new Option('--stackql-method-names <style>', 'method names: operation-id or short').choices(['operation-id', 'short']))
    .option('--stackql-mapping <csv>', 'check a mapping CSV against the spec and write it back normalized')
    .option('--debug', 'show stack traces of errors')
    .action(async (flags: MappingFlags) => {
      exitCode = await runMapping(flags, cwd);
    });

  program
    .command('preview')
    .description('render the docs pages to a static HTML site, to look at them as a StackQL (Docusaurus) site shows them')
    .option('--docs <dir>', 'the docs folder (default: docs/ in the output folder of the config)')
    .option('--out <dir>', 'where to write the site', 'docs-preview')
    .option('--config <file>', 'config file (default: specloom.config.ts or .json in the current folder)')
    .option('--serve', 'then serve the site on 127.0.0.1 until stopped')
    .option('--watch', 'regenerate the docs (as generate does, from the config) and the site when the spec, templates or config change; served pages reload when they change')
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

interface MappingFlags {
  spec?: string;
  out?: string;
  config?: string;
  stackqlSplit?: 'path' | 'tag';
  stackqlMethodNames?: 'operation-id' | 'short';
  stackqlMapping?: string;
  debug?: boolean;
}

async function runMapping(flags: MappingFlags, cwd: string): Promise<number> {
  try {
    const file = await loadConfigFile(cwd, flags.config);
    if (Array.isArray(file?.config)) throw new SpecloomError('the config lists several jobs', { file: file.file }, 'Name a config of one job with --config, or pass --spec.');
    const config = resolveConfig(flags.spec !== undefined ? { ...(file?.config as object | undefined), spec: flags.spec } : file?.config, cliFlagOptions({ ...flags, out: undefined }), file?.file);
    const { stackqlMappingOf } = await import('../api.js');
    const summary = await stackqlMappingOf(config, cwd);
    printWarnings(summary.warnings, flags.debug === true);
    if (flags.out === undefined) {
      process.stdout.write(summary.csv);
      return 0;
    }
    const target = path.resolve(cwd, flags.out);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, summary.csv);
    process.stdout.write(`specloom: ${summary.operations} operations in ${summary.resources} resources of ${summary.services} services (${summary.source} mapping) written to ${flags.out}\n`);
    return 0;
  } catch (err) {
    return reportError(err, flags.debug === true);
  }
}

interface PreviewFlags {
  docs?: string;
  out: string;
  config?: string;
  serve?: boolean;
  watch?: boolean;
  port: string;
  debug?: boolean;
}

async function runPreview(flags: PreviewFlags, cwd: string): Promise<number> {
  try {
    const file = await loadConfigFile(cwd, flags.config);
    const docs = flags.docs ?? path.join(resolveConfig(file?.config, {}, file?.file).out, 'docs');
    const port = Number(flags.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new SpecloomError(`Invalid --port "${flags.port}"`, undefined, 'Give a whole number from 0 to 65535.');
    const { buildPreview, servePreview, LiveReload } = await import('../preview/main.js');
    const build = () => buildPreview(path.resolve(cwd, docs), path.resolve(cwd, flags.out), docs);
    const { pages } = await build();
    process.stdout.write(`specloom: ${pages} pages of ${docs} rendered to ${path.join(flags.out, 'index.html')}\n`);
    const live = flags.watch ? new LiveReload() : undefined;
    if (flags.serve) {
      const { url } = await servePreview(path.resolve(cwd, flags.out), port, live);
      process.stdout.write(`specloom: serving the preview at ${url} (Ctrl-C to stop)\n`);
    }
    if (!flags.watch && !flags.serve) return 0;
    if (flags.watch) {
      const generateFlags: GenerateFlags = { config: flags.config, quiet: true };
      const session = createRunSession();
      await watchPaths(await watchedInputs(generateFlags, cwd), async (changedAt, _changed, superseded) => {
        try {
          const config = await resolveCliConfig(generateFlags, cwd);
          const summary = await run(config, { cwd, check: false, cache: true, session });
          printWarnings(summary.warnings, flags.debug === true);
          const { report } = await build();
          live?.notify(report.written);
          const changed = report.written.filter((f) => f.endsWith('.html')).length;
          process.stdout.write(`specloom: ${summary.written.length} files regenerated, ${changed} ${changed === 1 ? 'page' : 'pages'} changed${live ? ' and reloaded' : ''} (${Math.round(performance.now() - changedAt)} ms from the change)\n`);
        } catch (err) {
          // A newer save is on its way (this run may have read it half written): its run follows.
          if (!superseded()) reportError(err, flags.debug === true);
        }
      });
      process.stdout.write('specloom: watching the spec, templates and config (Ctrl-C to stop)\n');
    }
    return new Promise<number>(() => {});
  } catch (err) {
    return reportError(err, flags.debug === true);
  }
}

/** What --watch watches: the spec, the templates folder in force, the config file. */
async function watchedInputs(flags: GenerateFlags, cwd: string): Promise<string[]> {
  const config = await resolveCliConfig(flags, cwd).catch(() => resolveConfig({}));
  const configFile = flags.config ?? CONFIG_CANDIDATES.find((c) => existsSync(path.join(cwd, c)));
  return [
    path.resolve(cwd, config.spec),
    config.templates ? path.resolve(cwd, config.templates) : builtinTemplatesDir(),
    ...(configFile !== undefined ? [path.resolve(cwd, configFile)] : []),
  ];
}

async function runGenerate(flags: GenerateFlags, cwd: string): Promise<number> {
  tuneV8();
  const file = await loadConfigFile(cwd, flags.config).catch(() => undefined);
  if (Array.isArray(file?.config)) {
    const { runJobs } = await import('./jobs.js');
    return runJobs(file.config as unknown[], file.file, flags, cwd);
  }
  if (!flags.watch) return generateOnce(flags, cwd, terminal);
  // A warm process: what one run made, the next reuses where its inputs read the same.
  const session = createRunSession();
  await generateOnce(flags, cwd, terminal, { session });
  const watched = await watchedInputs(flags, cwd);
  await watchPaths(watched, async (changedAt, _changed, superseded) => {
    // Printed when the run is done: a run that failed because a newer save came meanwhile says nothing.
    const printed: [1 | 2, string][] = [];
    const code = await generateOnce(flags, cwd, { out: (t) => printed.push([1, t]), err: (t) => printed.push([2, t]) }, { started: changedAt, afterChange: true, session });
    if (code === 2 && superseded()) return;
    for (const [fd, text] of printed) (fd === 1 ? terminal.out : terminal.err)(text);
  });
  process.stdout.write(`specloom: watching ${watched.map((w) => path.relative(cwd, w) || '.').join(', ')} (Ctrl-C to stop)\n`);
  return new Promise<number>(() => {});
}
