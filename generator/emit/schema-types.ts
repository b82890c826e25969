/**
 * Model types come from openapi-typescript, never from a schema-to-type converter of our own. It is
 * given a document holding only the schemas the plan lists (components plus hoisted inline ones),
 * so refs into a component's insides are already gone (see validate/inline-deep-refs.ts).
 */
import { createRequire } from 'node:module';
import type * as OpenapiTS from 'openapi-typescript';

// Its CommonJS build, through require(): importing the ES module build makes Node scan TypeScript
// (which it imports) for its module format and export names, which costs more than loading it.
const { default: openapiTS, astToString } = createRequire(import.meta.url)('openapi-typescript') as typeof OpenapiTS;

export async function schemaTypes(openapi: string, typeSchemas: { key: string; schema: unknown }[]): Promise<string> {
  const document = {
    openapi,
    info: { title: 'models', version: '0' },
    paths: {},
    components: { schemas: Object.fromEntries(typeSchemas.map((t) => [t.key, t.schema])) }, // fromEntries defines own keys, __proto__ too
  };
  // defaultNonNullable off: a field with a `default` is still optional to send (the server fills it in).
  const ast = await openapiTS(document as never, { alphabetize: false, exportType: false, silent: true, defaultNonNullable: false });
  return astToString(ast);
}
