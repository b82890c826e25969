/**
 * The target registry: the built-in targets, the user's own from the config file, their options checked
 * against each target's schema, and the order they run in (each after the targets it depends on, else in
 * the order the config lists them). The pipeline asks only this module which targets there are.
 */
import { z } from 'zod';
import { formatIssues, type ConfigIssue } from '../config-issues.js';
import { SpecloomError } from '../errors.js';
import { clientTarget } from './client/index.js';
import type { ConfiguredTarget, Target } from './contract.js';
import { mocksTarget } from './mocks/index.js';
import { schemasTarget } from './schemas/index.js';
import { stackqlDocsTarget } from './stackql-docs/index.js';
import { stackqlProviderTarget } from './stackql-provider/index.js';

export type { ClientConfig } from './client/index.js';
export type { DocsConfig } from './stackql-docs/index.js';
export type { ProviderConfig } from './stackql-provider/plan.js';

const BUILTIN_TARGETS: ReadonlyMap<string, Target<never, unknown>> = new Map<string, Target<never, unknown>>([
  [clientTarget.name, clientTarget as unknown as Target<never, unknown>],
  [schemasTarget.name, schemasTarget as unknown as Target<never, unknown>],
  [mocksTarget.name, mocksTarget as unknown as Target<never, unknown>],
  [stackqlDocsTarget.name, stackqlDocsTarget as unknown as Target<never, unknown>],
  [stackqlProviderTarget.name, stackqlProviderTarget as unknown as Target<never, unknown>],
]);

/** What the config runs when it names no targets. */
export const DEFAULT_TARGETS: readonly string[] = ['client', 'schemas', 'mocks', 'stackql-docs'];

const userTargetSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]*$/, 'a target name is lower case letters, digits and dashes, starting with a letter'),
  dependsOn: z.array(z.string()).optional(),
  templateRoot: z.string().min(1).optional(),
  partialRoots: z.function().optional(),
  configSchema: z.custom<z.ZodType>((v) => v instanceof z.ZodType, 'expected a zod schema').optional(),
  config: z.unknown().optional(),
  helpers: z.function().optional(),
  warmUpFiles: z.function().optional(),
  plan: z.function().optional(),
  emit: z.custom<(...args: unknown[]) => unknown>((v) => typeof v === 'function', 'expected a function: emit({ model, config, names, templates }) returning files'),
});

/**
 * Checks each entry and its options (every problem at once, each with its path in the config: `targets[1].style`),
 * then orders them by their dependencies.
 */
export function configureTargets(entries: readonly unknown[], where: string): ConfiguredTarget[] {
  const issues: ConfigIssue[] = [];
  const configured: ConfiguredTarget[] = [];
  entries.forEach((entry, i) => {
    const at = `targets[${i}]`;
    if (typeof entry === 'string') {
      const target = BUILTIN_TARGETS.get(entry);
      if (!target) issues.push({ path: at, message: `unknown target ${JSON.stringify(entry)}`, expected: knownNames() });
      else configured.push(withOptions(target, {}, at, issues, false));
      return;
    }
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      issues.push({ path: at, message: 'expected a target name or a target object', given: entry });
      return;
    }
    const object = entry as Record<string, unknown>;
    if (typeof object['emit'] === 'function') {
      const parsed = userTargetSchema.safeParse(object);
      if (!parsed.success) {
        issues.push(...fromZod(parsed.error, at, object));
        return;
      }
      if (BUILTIN_TARGETS.has(String(object['name']))) {
        issues.push({ path: `${at}.name`, message: `${JSON.stringify(object['name'])} is a built-in target's name: give yours another` });
        return;
      }
      const target = object as unknown as Target<never, unknown>;
      configured.push(withOptions(target, object['config'] ?? {}, `${at}.config`, issues, true));
      return;
    }
    const name = object['name'];
    const target = typeof name === 'string' ? BUILTIN_TARGETS.get(name) : undefined;
    if (!target) {
      issues.push({ path: `${at}.name`, message: typeof name === 'string' ? `unknown target ${JSON.stringify(name)}` : 'a target object needs a name', expected: `${knownNames()}, or a target of your own with an emit function` });
      return;
    }
    const { name: _name, ...options } = object;
    configured.push(withOptions(target, options, at, issues, false));
  });
  const seen = new Map<string, number>();
  configured.forEach((c, i) => {
    if (seen.has(c.target.name)) issues.push({ path: `targets[${i}]`, message: `target ${c.target.name} is listed twice` });
    seen.set(c.target.name, i);
  });
  if (issues.length > 0) throw new SpecloomError(`invalid config:\n${formatIssues(issues)}`, { file: where }, 'Fix these keys of the config and run again.');
  return orderByDependencies(configured, where);
}

function knownNames(): string {
  return `one of ${[...BUILTIN_TARGETS.keys()].map((n) => JSON.stringify(n)).join(', ')}`;
}

function withOptions(target: Target<never, unknown>, options: unknown, at: string, issues: ConfigIssue[], user: boolean): ConfiguredTarget {
  if (!target.configSchema) return { target, config: options, user };
  const parsed = (target.configSchema as z.ZodType).safeParse(options);
  if (!parsed.success) issues.push(...fromZod(parsed.error, at, options));
  return { target, config: parsed.success ? parsed.data : options, user };
}

/** Zod's issues as the config's own: the key's path, what was expected, what was given. */
export function fromZod(error: z.ZodError, at: string, input: unknown): ConfigIssue[] {
  return error.issues.flatMap((issue): ConfigIssue[] => {
    const base = [at, ...issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))].join('').replace(/^\./, '');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: base ? `${base}.${key}` : key, message: 'unknown key' }));
    }
    const given = valueAt(input, issue.path);
    return [{ path: base, message: issue.message, given }];
  });
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** Each target after the ones it depends on; otherwise in the config's order. A missing dependency or a cycle is an error. */
function orderByDependencies(targets: ConfiguredTarget[], where: string): ConfiguredTarget[] {
  const byName = new Map(targets.map((t) => [t.target.name, t]));
  for (const t of targets) {
    for (const dep of t.target.dependsOn ?? []) {
      if (!byName.has(dep)) throw new SpecloomError(`target ${t.target.name} depends on ${dep}, which the config does not list`, { file: where }, `Add ${JSON.stringify(dep)} to targets.`);
    }
  }
  const ordered: ConfiguredTarget[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (t: ConfiguredTarget, chain: string[]) => {
    const name = t.target.name;
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new SpecloomError(`targets depend on each other in a cycle: ${[...chain, name].join(' -> ')}`, { file: where });
    state.set(name, 'visiting');
    for (const dep of t.target.dependsOn ?? []) visit(byName.get(dep)!, [...chain, name]);
    state.set(name, 'done');
    ordered.push(t);
  };
  for (const t of targets) visit(t, []);
  return ordered;
}
