/**
 * The one TypeScript compiler generation loads: the one ts-morph bundles. emit/typescript.ts parses
 * and formats with it, and openapi-typescript builds and prints the model types with it
 * (emit/schema-types.ts).
 */
import { createRequire } from 'node:module';
import type TypeScript from 'typescript';

// Through require(): Node's ESM loader would first scan the 9 MB CommonJS file for its format and
// export names, which costs more than loading it.
export const typescript = createRequire(import.meta.url)('ts-morph').ts as typeof TypeScript;
