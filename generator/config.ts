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
import { DEFAULT_STACKQL_OPTIONS, type MethodNames, type StackqlOptions } from './stackql/types.js';
import type { ConfiguredTarget, Target } from './targets/contract.js';
import { configureTargets, DEFAULT_TARGETS, fromZod, type ClientConfig, type DocsConfig, type ProviderConfig } from './targets/registry.js';

/** An entry of `targets`: a built-in target by name, with its options, or a target of your own. */
export type TargetEntry =
  | 'client'
  | 'schemas'
  | 'mocks'
  | 'stackql-docs'
  | ({ name: 'client' } & ClientConfig)
  | ({ name: 'stackql-docs' } & Partial<DocsConfig>)
  | ({ name: 'stackql-provider' } & Partial<ProviderConfig>)
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
  /** What to generate, in order. Default: ['client', 'schemas', 'mocks', 'stackql-docs']. */
  targets?: TargetEntry[];
  /** The StackQL mapping both StackQL targets (docs, provider) follow. */
  stackql?: StackqlConfig;
}

/** The config's `stackql` block. */
export interface StackqlConfig {
  /** The StackQL provider name (`linode`). Default: from x-stackQL-resources ids, else info.title's first word. */
  provider?: string;
  /** A raw spec's services: by the first path segment (`path`, the default) or by tag. */
  split?: 'path' | 'tag';
  /** Service renames, derived name -> provider name: `{ network_transfer: 'networking' }`. */
  services?: Record<string, string>;
  /** Method names: `operation-id` (snake_cased operationIds, the default) or `short` (`list`, `get`, `create`...). */
  methodNames?: MethodNames;
  /** A mapping CSV (the columns of provider-utils' all_services.csv) to follow instead of the derived mapping. */
  mapping?: string;
}

export interface ResolvedConfig {
  spec: string;
  out: string;
  templates?: string;
  profile: ProfileName | 'auto';
  targets: ConfiguredTarget[];
  /** The StackQL mapping options; `mapping` is the CSV's path until the run reads it (api.ts). */
  stackql: StackqlOptions & { mappingFile?: string };
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
  stackqlSplit?: 'path' | 'tag';
  stackqlMethodNames?: MethodNames;
  stackqlMapping?: string;
  /** `--targets`: built-in targets by name, replacing the config's list. */
  targets?: string[];
}

const configSchema = z.strictObject({
  name: z.string().min(1).optional(),
  spec: z.string().min(1).optional(),
  out: z.string().min(1).optional(),
  templates: z.string().min(1).optional(),
  profile: z.enum([...PROFILE_NAMES, 'auto']).optional(),
  targets: z.array(z.unknown()).min(1, 'name at least one target').optional(),
  stackql: z
    .strictObject({
      provider: z.string().regex(/^[a-z][a-z0-9_]*$/, 'a lower-case snake_case name such as "linode"').optional(),
      split: z.enum(['path', 'tag']).optional(),
      services: z.record(z.string(), z.string().regex(/^[a-z][a-z0-9_]*$/, 'a lower-case snake_case service name')).optional(),
      methodNames: z.enum(['operation-id', 'short']).optional(),
      mapping: z.string().min(1).optional(),
    })
    .optional(),
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
  const entries = [...(flags.targets ?? file.targets ?? DEFAULT_TARGETS)];
  if (flags.docsStyle !== undefined || flags.docsProvider !== undefined) applyDocsFlags(entries, flags);
  const resolved: ResolvedConfig = {
    spec: flags.spec ?? file.spec ?? 'spec/linode-tokens.yaml',
    out: flags.out ?? file.out ?? 'generated',
    profile: file.profile ?? 'auto',
    targets: configureTargets(entries, where),
    stackql: stackqlOptions(file.stackql ?? {}, flags),
  };
  // The docs target's provider option (and --docs-provider) names the provider of both StackQL targets.
  const docsProvider = resolved.targets.find((t) => t.target.name === 'stackql-docs')?.config as { provider?: string } | undefined;
  if (resolved.stackql.provider === undefined && docsProvider?.provider !== undefined) resolved.stackql.provider = docsProvider.provider;
  const templates = flags.templates ?? file.templates;
  if (templates !== undefined) resolved.templates = templates;
  if (file.targets === undefined && flags.targets === undefined) resolved.defaultTargets = true;
  return resolved;
}

function stackqlOptions(block: StackqlConfig, flags: FlagOptions): ResolvedConfig['stackql'] {
  const options: ResolvedConfig['stackql'] = {
    ...DEFAULT_STACKQL_OPTIONS,
    split: flags.stackqlSplit ?? block.split ?? DEFAULT_STACKQL_OPTIONS.split,
    methodNames: flags.stackqlMethodNames ?? block.methodNames ?? DEFAULT_STACKQL_OPTIONS.methodNames,
    serviceNames: { ...(block.services ?? {}) },
  };
  if (block.provider !== undefined) options.provider = block.provider;
  const mapping = flags.stackqlMapping ?? block.mapping;
  if (mapping !== undefined) options.mappingFile = mapping;
  return options;
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
