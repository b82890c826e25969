/**
 * Configuration, in one cascade: built-in defaults < specloom.config.ts/.json < CLI flags, checked
 * against a schema before anything runs: an unknown key, a misspelt value or a wrong type is an error
 * naming the key's path, what was expected and what was given. This module describes, checks and
 * merges; reading the config file happens in cli/config-file.ts.
 */
import { z } from 'zod';
import { formatIssues } from './config-issues.js';
import { SpecloomError } from './errors.js';
import { PROFILE_NAMES, type ProfileName } from './profiles/index.js';
import type { ConfiguredTarget, Target } from './targets/contract.js';
import { configureTargets, DEFAULT_TARGETS, fromZod, type ClientConfig, type DocsConfig } from './targets/registry.js';

/** An entry of `targets`: a built-in target by name, with its options, or a target of your own. */
export type TargetEntry =
  | 'client'
  | 'schemas'
  | 'mocks'
  | 'stackql-docs'
  | ({ name: 'client' } & ClientConfig)
  | ({ name: 'stackql-docs' } & Partial<DocsConfig>)
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a user target's config and plan are its own
  | Target<any, any>;

export interface SpecloomConfig {
  /** A job's name in messages, when the config lists several (default: its spec). */
  name?: string;
  /** The OpenAPI document to read. Default: spec/linode-tokens.yaml. */
  spec?: string;
  /** The output folder. Default: generated. */
  out?: string;
  /** A folder whose files override the built-in templates by relative path (client/..., stackql-docs/...). */
  templates?: string;
  /** The vendor profile (pagination, filter extension, description markers): detected from the spec by default. */
  profile?: ProfileName | 'auto';
  /** What to generate, in order. Default: ['client', 'stackql-docs']. */
  targets?: TargetEntry[];
}

export interface ResolvedConfig {
  spec: string;
  out: string;
  templates?: string;
  profile: ProfileName | 'auto';
  targets: ConfiguredTarget[];
  /** Set when neither the config nor a flag named the targets (a StackQL provider input then makes only its docs). */
  defaultTargets?: true;
}

/** Options given as CLI flags, merged into the config's target entries. */
export interface FlagOptions {
  spec?: string;
  out?: string;
  templates?: string;
  docsStyle?: 'current' | 'legacy';
  docsProvider?: string;
}

const configSchema = z.strictObject({
  name: z.string().min(1).optional(),
  spec: z.string().min(1).optional(),
  out: z.string().min(1).optional(),
  templates: z.string().min(1).optional(),
  profile: z.enum([...PROFILE_NAMES, 'auto']).optional(),
  targets: z.array(z.unknown()).min(1, 'name at least one target').optional(),
});

/** Keys of earlier versions, with where their settings went. */
const MOVED_KEYS: Record<string, string> = {
  client: "the client's options moved into targets: [{ name: 'client', packageName: ... }]",
  docs: "the docs options moved into targets: [{ name: 'stackql-docs', style: ..., provider: ... }]",
};

/**
 * Checks a config (as the file exports it) and resolves it with the flags on top: the targets' options
 * checked by each target's schema, the targets ordered by their dependencies. `where` names the config
 * file in messages.
 */
export function resolveConfig(config: unknown, flags: FlagOptions = {}, where = 'specloom.config'): ResolvedConfig {
  const input = config ?? {};
  if (Array.isArray(input)) {
    throw new SpecloomError(`the config lists ${input.length} jobs, and this runs one`, { file: where }, "Run them with 'specloom generate', or name a config of one job with --config.");
  }
  if (typeof input !== 'object') {
    throw new SpecloomError('the config must export an object (export default defineConfig({ spec, out, targets }))', { file: where });
  }
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) {
    const issues = fromZod(parsed.error, '', input).map((issue) => (MOVED_KEYS[issue.path] !== undefined ? { ...issue, message: `unknown key: ${MOVED_KEYS[issue.path]}` } : issue));
    throw new SpecloomError(`invalid config:\n${formatIssues(issues)}`, { file: where }, 'Fix these keys of the config and run again.');
  }
  const file = parsed.data;
  const entries = [...(file.targets ?? DEFAULT_TARGETS)];
  if (flags.docsStyle !== undefined || flags.docsProvider !== undefined) applyDocsFlags(entries, flags);
  const resolved: ResolvedConfig = {
    spec: flags.spec ?? file.spec ?? 'spec/linode-tokens.yaml',
    out: flags.out ?? file.out ?? 'generated',
    profile: file.profile ?? 'auto',
    targets: configureTargets(entries, where),
  };
  const templates = flags.templates ?? file.templates;
  if (templates !== undefined) resolved.templates = templates;
  if (file.targets === undefined) resolved.defaultTargets = true;
  return resolved;
}

/** `--docs-style` and `--docs-provider` set the stackql-docs target's options (which must be in the run). */
function applyDocsFlags(entries: unknown[], flags: FlagOptions): void {
  const index = entries.findIndex((e) => e === 'stackql-docs' || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'stackql-docs'));
  if (index === -1) throw new SpecloomError('--docs-style and --docs-provider need the stackql-docs target, which the config does not list', undefined, "Add 'stackql-docs' to targets.");
  const entry = entries[index];
  const options: Record<string, unknown> = typeof entry === 'object' && entry !== null ? { ...(entry as Record<string, unknown>) } : { name: 'stackql-docs' };
  if (flags.docsStyle !== undefined) options['style'] = flags.docsStyle;
  if (flags.docsProvider !== undefined) options['provider'] = flags.docsProvider;
  entries[index] = options;
}

/** The config of a specloom.config.ts, typed. */
export function defineConfig(config: SpecloomConfig): SpecloomConfig;
/** Several jobs, run in one process, in parallel up to the cores, each with its own output folder and errors. */
export function defineConfig(jobs: SpecloomConfig[]): SpecloomConfig[];
export function defineConfig(config: SpecloomConfig | SpecloomConfig[]): SpecloomConfig | SpecloomConfig[] {
  return config;
}
