/**
 * Stage 2, validate and bundle: check the document against the OpenAPI 3.x structure (lintSpec) and
 * resolve every $ref (bundleSpec) with @redocly/openapi-core (the parser openapi-typescript itself
 * builds on), then make the bundled document safe for the later stages (see inline-deep-refs.ts).
 * The two halves are apart so the pipeline can lint while the worker is busy (see pipeline.ts).
 */
import { BaseResolver, ResolveError, Source, bundleDocument, createConfig, isAbsoluteUrl, lintDocument, type NormalizedProblem } from '@redocly/openapi-core';
import { SpecloomError, type Warning } from '../errors.js';
import { getAtPointer, parsePointer } from '../json-pointer.js';
import type { LoadedSpec } from '../load/load.js';
import type { OpenApiDocument } from './document.js';
import { dropContradictoryDiscriminators } from './discriminators.js';
import { inlineDeepRefs } from './inline-deep-refs.js';
import { repairSchemas } from './schema-repairs.js';

export interface ValidatedSpec {
  /** The bundled OpenAPI 3.x document: no external refs, no refs into a component's insides. */
  document: OpenApiDocument;
  openapiVersion: '3.0' | '3.1';
  warnings: Warning[];
}

export type { OpenApiDocument } from './document.js';

// Structural rules only: style rules (descriptions, tags...) are the spec author's business. Only
// what makes generation impossible is an error; a construct that breaks the letter of the spec but
// not its meaning (`nullable` without `type`, an undeclared path parameter) is a warning, and the
// later stages cope with it, as people expect of a generator they run on specs they do not own.
const RULES = {
  struct: 'warn',
  'no-unresolved-refs': 'error',
  'path-parameters-defined': 'warn',
  // Two paths that differ only in parameter names (`/cards/{idCard}` and `/cards/{filter}`) are ambiguous for
  // a router, not for a client: each operation is generated.
  'no-identical-paths': 'warn',
  'operation-operationId-unique': 'warn',
  'no-enum-type-mismatch': 'warn',
} as const;

/** Resolves refs to files; never fetches a URL: generation works offline and the same on every run. */
class OfflineResolver extends BaseResolver {
  override async loadExternalRef(absoluteRef: string): Promise<Source> {
    if (isAbsoluteUrl(absoluteRef)) {
      throw new ResolveError(new Error(`${absoluteRef} is not fetched (specloom does not use the network): bundle the spec into one file first`));
    }
    return super.loadExternalRef(absoluteRef);
  }
}

/**
 * An unresolved ref where nothing is generated from it is a warning: an example's `externalValue` (a URL, which
 * specloom does not fetch), or a discriminator mapping entry (dropped with its warning, see discriminators.ts).
 */
function severity(p: LintProblem): 'error' | 'warn' {
  if (p.severity !== 'error') return 'warn';
  const pointer = firstPointer(p) ?? '';
  const unresolved = p.ruleId === 'no-unresolved-refs' || (p.ruleId === 'bundler' && p.message.startsWith("Can't resolve $ref"));
  return unresolved && /\/(examples\/[^/]+|discriminator\/mapping\/[^/]+)$/.test(pointer) ? 'warn' : 'error';
}

/** Lint, then bundle: the whole of this stage, for callers that want it in one step. */
export async function validateSpec(spec: LoadedSpec): Promise<ValidatedSpec> {
  const lintWarnings = await lintSpec(spec);
  const bundled = await bundleSpec(spec);
  return { ...bundled, warnings: [...lintWarnings, ...bundled.warnings] };
}

// The same rules on every run: made once.
let ruleConfig: ReturnType<typeof createConfig> | undefined;
const styleguide = async () => (await (ruleConfig ??= createConfig({ rules: RULES }))).styleguide;

/**
 * Checks the document as written against the rules: throws on the first errors, returns the
 * warnings. It only reports; generation reads what bundleSpec returns, so the pipeline may run it
 * later (see pipeline.ts) as long as its errors are the ones reported.
 */
export async function lintSpec(spec: LoadedSpec): Promise<Warning[]> {
  detectVersion(spec);
  return lintOutcome(spec, await lintProblems(spec.absolutePath, spec.text, spec.document));
}

/** What the lint found, as plain data: it may run on the worker thread (see pipeline.ts). */
export interface LintProblem {
  message: string;
  ruleId: string;
  severity: NormalizedProblem['severity'];
  location: { pointer?: string }[];
}

/** The lint itself, on the document as parsed from its text: any thread may run it. */
export async function lintProblems(absolutePath: string, text: string, parsed: unknown): Promise<LintProblem[]> {
  const document = { source: new Source(absolutePath, text), parsed };
  const problems = await lintDocument({ document, config: await styleguide(), externalRefResolver: new OfflineResolver() });
  return problems.map((p) => ({ message: p.message, ruleId: p.ruleId, severity: p.severity, location: p.location.map((l) => ({ pointer: l.pointer })) }));
}

/** Throws the lint's errors, located in the spec; returns its warnings. */
export function lintOutcome(spec: LoadedSpec, problems: LintProblem[]): Warning[] {
  detectVersion(spec);
  const errors = problems.filter((p) => severity(p) === 'error');
  if (errors.length > 0) throw problemsToError(spec, errors);
  return problems.map((p) => ({ message: p.message, pointer: firstPointer(p) }));
}

/**
 * Resolves every $ref into one document, then makes it safe for the later stages. Works on a copy:
 * the bundler and the repairs change the document in place, and the lint must see it as written (`inPlace`:
 * on the document itself, when the lint reads its own parse of the text, on the worker).
 */
export async function bundleSpec(spec: LoadedSpec, options: { inPlace?: boolean } = {}): Promise<ValidatedSpec> {
  const openapiVersion = detectVersion(spec);
  const parsed = options.inPlace === true ? spec.document : structuredClone(spec.document);
  const inlined = repairSchemas(inlineDeepRefs(hasExternalRefs(parsed) ? await bundleExternalRefs(spec, parsed) : withComponents(parsed)));
  const sane = dropContradictoryDiscriminators(inlined.document);
  return { document: sane.document as OpenApiDocument, openapiVersion, warnings: [...inlined.warnings, ...sane.warnings] };
}

/** redocly's bundle: every file a `$ref` names, read and brought into the document's components. */
async function bundleExternalRefs(spec: LoadedSpec, parsed: Record<string, unknown>): Promise<OpenApiDocument> {
  const bundled = await bundleDocument({
    document: { source: new Source(spec.absolutePath, spec.text), parsed },
    config: await styleguide(),
    externalRefResolver: new OfflineResolver(),
    dereference: false,
  });
  const bundleErrors = bundled.problems.filter((p) => severity(p) === 'error');
  if (bundleErrors.length > 0) throw problemsToError(spec, bundleErrors);
  return bundled.bundle.parsed as OpenApiDocument;
}

/**
 * A document whose refs all point into itself is already bundled: what redocly's bundle gives back for it is the
 * same document with a `components` object (on the corpus: 61 specs compared, no other difference). A ref that
 * does not resolve is the lint's error (no-unresolved-refs), which wins over whatever it made a later stage do.
 */
function withComponents(parsed: Record<string, unknown>): OpenApiDocument {
  if (parsed['components'] === undefined) parsed['components'] = {};
  return parsed as OpenApiDocument;
}

/** Whether any `$ref` names another file (anything but `#...`). */
function hasExternalRefs(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasExternalRefs);
  if (node === null || typeof node !== 'object') return false;
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string' && !value.startsWith('#')) return true;
    if (typeof value === 'object' && value !== null && hasExternalRefs(value)) return true;
  }
  return false;
}

function detectVersion(spec: LoadedSpec): '3.0' | '3.1' {
  const doc = spec.document;
  if (typeof doc['swagger'] === 'string' || typeof doc['swagger'] === 'number') {
    throw new SpecloomError(
      `this is a Swagger ${String(doc['swagger'])} document; specloom reads OpenAPI 3.0 and 3.1`,
      spec.locate('#/swagger'),
      'Convert it first, for example with `npx swagger2openapi in.yaml -o out.yaml`, then pass the result with --spec.',
    );
  }
  const version = doc['openapi'];
  if (typeof version !== 'string') {
    throw new SpecloomError(
      'not an OpenAPI document: expected a top-level "openapi" field such as "3.0.3" or "3.1.0"',
      { ...spec.locate(''), pointer: '#/openapi' },
      'Check that --spec names an OpenAPI 3.x document.',
    );
  }
  if (/^3\.0\.\d+/.test(version)) return '3.0';
  if (/^3\.1\.\d+/.test(version)) return '3.1';
  throw new SpecloomError(
    `unsupported OpenAPI version "${version}": specloom reads 3.0.x and 3.1.x`,
    spec.locate('#/openapi'),
  );
}

function firstPointer(p: Pick<LintProblem, 'location'>): string | undefined {
  return p.location[0]?.pointer;
}

/** Redocly says "Can't resolve $ref": say which ref, so the message can be acted on. */
function describe(spec: LoadedSpec, p: LintProblem): string {
  const pointer = firstPointer(p);
  if (p.ruleId === 'no-unresolved-refs' && pointer !== undefined) {
    const node = getAtPointer(spec.document, parsePointer(pointer) ?? []) as Record<string, unknown> | undefined;
    const ref = node?.['$ref'];
    // Redocly's reason, when it has one (a missing file, a URL specloom does not fetch), says what to do.
    const reason = p.message.replace(/^Can't resolve \$ref:?\s*/, '');
    if (typeof ref === 'string') return `$ref ${JSON.stringify(ref)} does not resolve${reason !== '' ? `: ${reason}` : ''}`;
  }
  return p.message;
}

function problemsToError(spec: LoadedSpec, problems: readonly LintProblem[]): SpecloomError {
  const [first, ...rest] = problems;
  const pointer = first ? firstPointer(first) : undefined;
  const location = pointer !== undefined ? spec.locate(pointer) : { file: spec.file };
  const more = rest
    .slice(0, 9)
    .map((p) => {
      const ptr = firstPointer(p);
      const loc = ptr !== undefined ? spec.locate(ptr) : undefined;
      return `\n  also: ${loc?.line !== undefined ? `line ${loc.line} ` : ''}${ptr ?? ''}: ${describe(spec, p)}`;
    })
    .join('');
  const extra = rest.length > 9 ? `\n  ...and ${rest.length - 9} more` : '';
  return new SpecloomError(
    `invalid OpenAPI document: ${first ? describe(spec, first) : 'unknown problem'}${more}${extra}`,
    location,
    'Fix the document at the pointer shown; nothing was written.',
  );
}
