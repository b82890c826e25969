/**
 * The target contract: what every output of specloom is, built in or the user's own. A target is a plain
 * object: a name, the targets it depends on (planned and emitted before it, their plans handed to it),
 * its template root and helpers, a schema of its options, a planner that claims every name it will use in
 * the run's name registry, and an emitter that prints files from its plan. The registry (registry.ts)
 * orders targets by their dependencies and is the only thing the pipeline asks.
 *
 *   plan({ model, config, names, profile, plans })           -> the target's plan (plain data)
 *   emit({ model, config, names, profile, plans, plan, templates, typescript }) -> files
 *
 * Files go through the one write stage (manifest, atomic swap, --check); a path is relative to the output
 * folder and must be claimed by no other target.
 */
import type { ZodType } from 'zod';
import type { Warning } from '../errors.js';
import type { EmittedFile } from '../output.js';
import type { StackqlOptions } from '../stackql/mapping.js';
import type { ApiModel } from '../ir/model.js';
import type { NameRegistry } from '../names/registry.js';
import type { Profile } from '../profiles/profile.js';
import type { HelperSet } from '../render/engine.js';
import type { TypeScriptService } from '../typescript/service.js';

export type { EmittedFile } from '../output.js';

/** Renders a target's templates; paths are relative to the templates folder (`client/src/index.ts.hbs`). */
export interface TemplateRenderer {
  render(templatePath: string, context: unknown): string;
  has(templatePath: string): boolean;
  /** Every template file under the target's root, by path relative to the templates folder, in path order. */
  files(): [string, string][];
  /**
   * Whether every template under the target's root is specloom's own (the user overrode or added none):
   * their TypeScript is then in the formatter's shape and need not be formatted (TsFile.shaped).
   */
  builtin: boolean;
}

/** About this run: the spec as the user named it (for messages), and the StackQL mapping options both StackQL targets read. */
export interface RunInfo {
  specFile: string;
  stackql: StackqlOptions;
}

export interface PlanInput<Config> {
  model: ApiModel;
  config: Config;
  names: NameRegistry;
  profile: Profile;
  /** The plans of the targets this one depends on, by name. */
  plans: Readonly<Record<string, unknown>>;
  /** The paths of the target's template files (under its root), relative to the templates folder, in order. */
  templatePaths: readonly string[];
  run: RunInfo;
  /** Reports a non-fatal finding (with the JSON pointer it is about): generation goes on and the CLI prints it. */
  warn: (warning: Warning) => void;
}

export interface EmitInput<Config, Plan> extends PlanInput<Config> {
  plan: Plan;
  templates: TemplateRenderer;
  /** Checks (and formats) emitted TypeScript on a worker thread; see typescript/service.ts. */
  typescript: TypeScriptService;
  /**
   * Hands over files that are final before emit returns (pages rendered while the worker still checks the
   * TypeScript), so that the write stage can start on them. They must be in emit's result too.
   */
  stage(files: readonly EmittedFile[]): void;
}

export interface Target<Config = Record<string, unknown>, Plan = undefined> {
  name: string;
  /** Targets planned and emitted before this one; their plans arrive in `plans`. */
  dependsOn?: readonly string[];
  /** The folder under templates/ that holds this target's templates (and `partials/`). */
  templateRoot?: string;
  /** Further template folders whose partials this target's templates may use, before its own. */
  partialRoots?: (config: Config) => readonly string[];
  /** The schema of this target's options: unknown keys and wrong types are refused before anything runs. */
  configSchema?: ZodType<Config>;
  /** This target's template helpers, registered in its own template environment. */
  helpers?: (input: PlanInput<Config>) => readonly HelperSet[];
  /** Static TypeScript files the TypeScript service may warm up on while the pipeline plans (largest first). */
  warmUpFiles?: (templates: ReadonlyMap<string, string>) => { path: string; text: string }[];
  plan?: (input: PlanInput<Config>) => Plan;
  emit: (input: EmitInput<Config, Plan>) => EmittedFile[] | Promise<EmittedFile[]>;
}

/** A target as the registry holds it: its options checked and filled in. */
export interface ConfiguredTarget {
  target: Target<never, unknown>;
  config: unknown;
  /** A target from the user's config file: its failures are reported as the target's, not as specloom bugs. */
  user: boolean;
}

/** Types a target definition (and infers its config and plan types). */
export function defineTarget<Config, Plan>(target: Target<Config, Plan>): Target<Config, Plan> {
  return target;
}
