/**
 * The one TypeScript compiler generation loads: the one ts-morph bundles (`ts-morph`'s `ts` export).
 * format.ts parses and formats with it, and openapi-typescript builds and prints the model
 * types with it (schema-types.ts).
 */
import { createRequire } from 'node:module';
import type TypeScript from 'typescript';

const require = createRequire(import.meta.url);

/**
 * ts-morph's `ts` is the compiler file inside @ts-morph/common, which specloom requires directly: only
 * that compiler is used, and ts-morph's own code and @ts-morph/common's other code (4 MB of JavaScript)
 * would load for nothing. If a later ts-morph moves the file, it comes through ts-morph's export.
 * (Through require(): Node's ESM loader would first scan the 9 MB CommonJS file for its format and
 * export names, which costs more than loading it.)
 */
function loadCompiler(): typeof TypeScript {
  try {
    const compiler = createRequire(require.resolve('ts-morph'))('@ts-morph/common/dist/typescript.js') as typeof TypeScript;
    if (typeof compiler.createSourceFile === 'function') return compiler;
  } catch {
    // moved: ts-morph's export has it
  }
  return (require('ts-morph') as { ts: typeof TypeScript }).ts;
}

export const typescript = loadCompiler();
