/**
 * One `specloom generate` job, printed to an output of the caller's choosing (the terminal, or a buffer when
 * several jobs run at once; see jobs.ts): resolve the config, run, print the warnings and the summary line or
 * the error. Returns the exit code: 0 ok, 1 drift found by --check, 2 bad input.
 */
import path from 'node:path';
import { run, type RunSession } from '../api.js';
import { resolveConfig, type FlagOptions, type ResolvedConfig } from '../config.js';
import { SpecloomError } from '../errors.js';
import { loadConfigFile } from './config-file.js';

export interface GenerateFlags {
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
  targets?: string;
  stackqlSplit?: 'path' | 'tag';
  stackqlMethodNames?: 'operation-id' | 'short';
  stackqlMapping?: string;
}

/** Where a job prints: stdout and stderr, or their stand-ins. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export const terminal: Output = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/** A job of a config that lists several: its place in the list (0-based) and its name in messages. */
export interface Job {
  index: number;
  name: string;
}

/** The config in force: the file's (or one job of it), with the flags on top. */
export async function resolveCliConfig(flags: GenerateFlags, cwd: string, job?: Job): Promise<ResolvedConfig> {
  const file = await loadConfigFile(cwd, flags.config);
  const entries = Array.isArray(file?.config) ? (file.config as unknown[]) : undefined;
  const value = job !== undefined && entries !== undefined ? entries[job.index] : file?.config;
  const where = job !== undefined && file !== undefined ? `${file.file} (job ${job.index + 1}, ${job.name})` : file?.file;
  return resolveConfig(value, cliFlagOptions(flags), where);
}

/** The flags that set config values. */
export function cliFlagOptions(flags: GenerateFlags): FlagOptions {
  const options: FlagOptions = {};
  for (const key of ['spec', 'out', 'templates', 'docsStyle', 'docsProvider', 'stackqlSplit', 'stackqlMethodNames', 'stackqlMapping'] as const) {
    if (flags[key] !== undefined) (options as Record<string, unknown>)[key] = flags[key];
  }
  if (flags.targets !== undefined) options.targets = flags.targets.split(',').map((t) => t.trim()).filter((t) => t !== '');
  return options;
}

export async function generateOnce(flags: GenerateFlags, cwd: string, output: Output, options: { started?: number; afterChange?: boolean; job?: Job; session?: RunSession } = {}): Promise<number> {
  const { started = performance.now(), afterChange = false, job, session } = options;
  const prefix = job === undefined ? 'specloom:' : `specloom: ${job.name}:`;
  try {
    const config = await resolveCliConfig(flags, cwd, job);
    const summary = await run(config, { cwd, check: flags.check === true, cache: flags.cache !== false, session });
    printWarnings(summary.warnings, flags.debug === true, output);
    if (flags.check) {
      if (!summary.drift) {
        if (!flags.quiet) output.out(`${prefix} ${config.out} is up to date (${summary.unchanged.length} files)\n`);
        return 0;
      }
      output.out(`${prefix} ${config.out} differs from what ${config.spec} generates:\n`);
      for (const p of summary.written) output.out(`  changed  ${path.join(config.out, p)}\n`);
      for (const p of summary.removed) output.out(`  stale    ${path.join(config.out, p)}\n`);
      output.out("Run 'npx specloom generate' and commit the result.\n");
      return 1;
    }
    if (!flags.quiet) {
      const ms = Math.round(performance.now() - started);
      output.out(`${prefix} ${summary.written.length} written, ${summary.unchanged.length} unchanged, ${summary.removed.length} removed in ${config.out} (${ms} ms${afterChange ? ' from the change' : ''})\n`);
    }
    return 0;
  } catch (err) {
    return reportError(err, flags.debug === true, output, prefix);
  }
}

const MAX_WARNINGS = 20;

export function printWarnings(warnings: string[], all: boolean, output: Output = terminal): void {
  const shown = all ? warnings : warnings.slice(0, MAX_WARNINGS);
  for (const w of shown) output.err(`warning: ${w}\n`);
  if (shown.length < warnings.length) {
    output.err(`warning: ...and ${warnings.length - shown.length} more (--debug lists them all)\n`);
  }
}

/** Prints an error (a stack trace only with --debug) and returns exit code 2. */
export function reportError(err: unknown, debug: boolean, output: Output = terminal, prefix = 'specloom:'): number {
  if (err instanceof SpecloomError) {
    output.err(`${prefix} error: ${err.format()}\n`);
    if (debug && err.stack) output.err(err.stack + '\n');
    return 2;
  }
  output.err(`${prefix} internal error: ${err instanceof Error ? err.message : String(err)}\n`);
  if (debug && err instanceof Error && err.stack) output.err(err.stack + '\n');
  else output.err('This is a bug in specloom; run again with --debug for a stack trace and report it.\n');
  return 2;
}
