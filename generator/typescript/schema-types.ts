/**
 * Model types come from openapi-typescript, never from a schema-to-type converter of our own. It is
 * given a document holding only the schemas the plan lists (components plus hoisted inline ones),
 * so refs into a component's insides are already gone (see validate/inline-deep-refs.ts).
 *
 * Two things keep this cheap, and neither changes a byte of the output (test/unit/typescript-emit.test.ts
 * compares it with openapi-typescript's own `openapiTS()`):
 * - openapi-typescript runs on the TypeScript that ts-morph bundles, the one format.ts parses
 *   and formats with, instead of loading a second compiler (9 MB of JavaScript) of its own.
 * - Its transform is called directly (`transformSchema`, a public export) instead of through
 *   `openapiTS()`, which first lints and bundles the document with redocly: this document was made by
 *   specloom from a spec redocly already validated and bundled, and has no refs but local ones. So
 *   redocly is not loaded on this thread at all (see loadTransform).
 */
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import type * as OpenapiTS from 'openapi-typescript';
import { typescript } from './compiler.js';

const require = createRequire(import.meta.url);

/**
 * Registers ts-morph's compiler as the `typescript` module openapi-typescript requires (require.cache
 * is Node's documented module registry). It builds its AST with that compiler's factory and prints it
 * with that compiler's printer. Not done when something in this process already loaded that module.
 */
function shareTypeScript(): void {
  const typescriptPath = createRequire(require.resolve('openapi-typescript')).resolve('typescript');
  if (require.cache[typescriptPath]) return;
  const shared = new Module(typescriptPath);
  shared.filename = typescriptPath;
  shared.loaded = true;
  shared.exports = typescript;
  require.cache[typescriptPath] = shared;
}

type Transform = Pick<typeof OpenapiTS, 'transformSchema' | 'astToString' | 'resolveRef' | 'scanDiscriminators'>;

/**
 * The four exports used, from the CommonJS modules that define them. The package's index (all its
 * `exports` map offers) first loads the whole of @redocly/openapi-core, for the lint and bundle steps
 * not run here; those modules need only redocly's ref helpers. If a later version moves them, the
 * index is used. (CommonJS through require(): importing the ES module build makes Node scan TypeScript,
 * which it imports, for its module format and export names, which costs more than loading it.)
 */
function loadTransform(): Transform {
  const dist = path.dirname(require.resolve('openapi-typescript'));
  try {
    const utils = require(path.join(dist, 'lib/utils.cjs')) as Transform;
    const direct: Transform = {
      transformSchema: require(path.join(dist, 'transform/index.cjs')) as Transform['transformSchema'],
      astToString: (require(path.join(dist, 'lib/ts.cjs')) as Transform).astToString,
      resolveRef: utils.resolveRef,
      scanDiscriminators: utils.scanDiscriminators,
    };
    if (Object.values(direct).every((f) => typeof f === 'function')) return direct;
  } catch {
    // moved: the index has them
  }
  return require('openapi-typescript') as typeof OpenapiTS;
}

shareTypeScript();
const { transformSchema, astToString, resolveRef, scanDiscriminators } = loadTransform();

/** openapi-typescript's options, as `openapiTS()` fills them in, for the options specloom sets. */
const OPTIONS = {
  alphabetize: false,
  exportType: false,
  silent: true,
  // Off: a field with a `default` is still optional to send (the server fills it in).
  defaultNonNullable: false,
} satisfies OpenapiTS.OpenAPITSOptions;

export function schemaTypes(openapi: string, typeSchemas: { key: string; schema: unknown }[]): string {
  const document = {
    openapi,
    info: { title: 'models', version: '0' },
    paths: {},
    components: { schemas: Object.fromEntries(typeSchemas.map((t) => [t.key, t.schema])) }, // fromEntries defines own keys, __proto__ too
  } as OpenapiTS.OpenAPI3;
  const ctx: OpenapiTS.GlobalContext = {
    additionalProperties: false,
    alphabetize: OPTIONS.alphabetize,
    arrayLength: false,
    defaultNonNullable: OPTIONS.defaultNonNullable,
    discriminators: scanDiscriminators(document, OPTIONS),
    emptyObjectsUnknown: false,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: OPTIONS.exportType,
    immutable: false,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    // Only its lint and bundle steps, which are not run here, read the redocly config.
    redoc: undefined as never,
    silent: OPTIONS.silent,
    inject: undefined,
    transform: undefined,
    transformProperty: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
    resolve: ($ref) => resolveRef(document, $ref, { silent: OPTIONS.silent }),
  };
  return astToString(transformSchema(document, ctx));
}
