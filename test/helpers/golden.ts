/**
 * The golden client packages keep only what each fixture makes of its own: the runtime (client/src/core/),
 * copied from templates/client/src/core/ as it is, is snapshotted once, as the template itself (the golden
 * test checks every copy against it). A test that builds or type-checks a golden package gets a whole one
 * from here: the golden files plus the runtime, in a temporary folder.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './pipeline.js';

export const GOLDEN = path.join(ROOT, 'test/golden/__golden__');

/** The files targets copy as they are (the client's runtime, the mocks' runtime): output path -> template. */
const STATIC_COPIES: readonly { output: string; template: string }[] = [
  { output: 'client/src/core/', template: path.join(ROOT, 'templates/client/src/core/') },
  { output: 'client/src/mocks-runtime.ts', template: path.join(ROOT, 'templates/mocks/mocks-runtime.ts') },
];

/** The template an emitted file is a copy of, if it is one. */
export function staticTemplateOf(file: string): string | undefined {
  const copy = STATIC_COPIES.find((c) => (c.output.endsWith('/') ? file.startsWith(c.output) : file === c.output));
  return copy === undefined ? undefined : copy.output.endsWith('/') ? path.join(copy.template, file.slice(copy.output.length)) : copy.template;
}

const made: string[] = [];
process.on('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** The golden output of a fixture (`petstore`) with its client's runtime in place: a folder to build or type-check. */
export function goldenOutput(fixture: string): string {
  // Inside the repository, so the package's imports (zod for its schemas) resolve to this repository's node_modules.
  mkdirSync(path.join(ROOT, 'test-output'), { recursive: true });
  const dir = mkdtempSync(path.join(ROOT, 'test-output', `golden-${fixture}-`));
  made.push(dir);
  cpSync(path.join(GOLDEN, fixture), dir, { recursive: true });
  for (const copy of STATIC_COPIES) cpSync(copy.template, path.join(dir, copy.output), { recursive: true });
  return dir;
}
