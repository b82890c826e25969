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
export const RUNTIME_TEMPLATES = path.join(ROOT, 'templates/client/src/core');
/** Where the runtime sits in an emitted output folder. */
export const RUNTIME_DIR = 'client/src/core/';

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
  cpSync(RUNTIME_TEMPLATES, path.join(dir, RUNTIME_DIR), { recursive: true });
  return dir;
}
