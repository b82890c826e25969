/**
 * The Handlebars environment of one target. Templates own the layout of every emitted file; spec text
 * reaches them raw in the context and must pass through a helper that escapes it for its target
 * language. A bare `{{value}}` of a string is an error, so a template cannot paste spec text unescaped
 * by accident; numbers and booleans may pass.
 *
 * Each target has an environment of its own: its helpers, and the partials under its template root
 * (a partial `{{> tabs}}` is `<root>/partials/tabs.hbs`, so two targets' partials never collide). The
 * strict output rule is compiled into each environment's templates, not patched into Handlebars for
 * the whole process.
 */
import Handlebars from 'handlebars';
import { SpecloomError } from '../errors.js';
import type { TemplateFiles } from '../inputs.js';

/** Renders the templates of one target; paths are relative to the templates folder ("client/src/index.ts.hbs"). */
export interface TemplateEngine {
  render(templatePath: string, context: unknown): string;
  has(templatePath: string): boolean;
}

export type HandlebarsEnv = typeof Handlebars;

/** Registers a target's helpers on its environment. */
export type HelperSet = (hb: HandlebarsEnv) => void;

export interface EngineOptions {
  /** Folders (relative to the templates folder) whose `partials/*.hbs` are registered, later ones winning. */
  partialRoots: readonly string[];
  helpers: readonly HelperSet[];
}

/** Thrown by the output check and by helpers that refuse a value; reported naming the template. */
export class TemplateValueError extends Error {}

const OUTPUT_CHECK = 'specloomCheckedOutput';

/** What `{{value}}` may print: helper results (SafeStrings), numbers, booleans and nothing; never a raw string. */
function checkedOutput(value: unknown): string {
  if (value instanceof Handlebars.SafeString) return value.toString();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === undefined || value === null) return '';
  throw new TemplateValueError(`a value was output without an escaping helper: ${JSON.stringify(String(value)).slice(0, 60)}`);
}

/**
 * A JavaScript compiler for this environment whose `{{value}}` output goes through `checkedOutput` (a
 * helper of this environment only) instead of Handlebars' HTML escaping.
 */
function strictCompiler(hb: HandlebarsEnv): void {
  const env = hb as unknown as { JavaScriptCompiler: new () => object };
  class StrictCompiler extends env.JavaScriptCompiler {}
  const proto = StrictCompiler.prototype as Record<string, unknown> & {
    appendToBuffer(parts: unknown[]): unknown;
    aliasable(name: string): unknown;
    popStack(): unknown;
    pushSource(source: unknown): void;
  };
  proto['compiler'] = StrictCompiler;
  proto['appendEscaped'] = function (this: typeof proto) {
    // Helpers are called with their options last, which Handlebars' runtime rewrites: the `null` takes that place.
    this.pushSource(this.appendToBuffer([this.aliasable(`container.helpers.${OUTPUT_CHECK}`), '(', this.popStack(), ', null)']));
  };
  env.JavaScriptCompiler = StrictCompiler;
  hb.registerHelper(OUTPUT_CHECK, checkedOutput);
}

/** Helpers every environment has: comparisons and string building for conditions and partial arguments. */
function registerCommonHelpers(hb: HandlebarsEnv): void {
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).map((a) => String(a ?? '')).join(''));
  hb.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
}

/** How every template and partial is compiled, at build time (precompile.ts) and at run time alike. */
export const COMPILE_OPTIONS = { strict: true, noEscape: false, preventIndent: false } as const;

/** A Handlebars environment with the strict output rule and the common helpers, before a target's own. */
export function createEnvironment(): HandlebarsEnv {
  const hb = Handlebars.create();
  strictCompiler(hb);
  registerCommonHelpers(hb);
  return hb;
}

/** The built-in templates compiled at build time (see precompile.ts), each with the source it was compiled from. */
export type PrecompiledTemplates = ReadonlyMap<string, { source: string; spec: TemplateSpecification }>;
type TemplateSpecification = Parameters<HandlebarsEnv['template']>[0];

export function createTemplateEngine(files: TemplateFiles, options: EngineOptions & { precompiled?: PrecompiledTemplates }): TemplateEngine {
  const hb = createEnvironment();
  for (const register of options.helpers) register(hb);
  // A template whose text is the one compiled at build time runs that build; any other (a user's) is compiled now.
  const prebuilt = (templatePath: string, source: string) => {
    const entry = options.precompiled?.get(templatePath);
    return entry !== undefined && entry.source === source ? hb.template(entry.spec) : undefined;
  };

  for (const root of options.partialRoots) {
    const prefix = `${root}/partials/`;
    for (const [p, source] of files) {
      if (p.startsWith(prefix) && p.endsWith('.hbs') && !p.slice(prefix.length).includes('/')) hb.registerPartial(p.slice(prefix.length, -'.hbs'.length), prebuilt(p, source) ?? source);
    }
  }

  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  return {
    has: (templatePath) => files.has(templatePath),
    render(templatePath, context) {
      const source = files.get(templatePath);
      if (source === undefined) throw new SpecloomError(`template not found: ${templatePath}`, { file: templatePath });
      try {
        let template = compiled.get(templatePath);
        if (!template) {
          template = prebuilt(templatePath, source) ?? hb.compile(source, COMPILE_OPTIONS);
          compiled.set(templatePath, template);
        }
        return template(context, { allowProtoPropertiesByDefault: false });
      } catch (err) {
        const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
        throw new SpecloomError(`template ${templatePath} failed: ${message}`, { file: templatePath }, 'Fix the template (or remove your override of it) and run again.');
      }
    },
  };
}
