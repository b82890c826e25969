/**
 * The runtime and these tests under the generated packages' strict settings (exactOptionalPropertyTypes,
 * erasable syntax only), and the runtime alone with bundler resolution and no Node types. The
 * @ts-expect-error lines of filter.test.ts are type tests: an unused one fails here.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

async function tsc(project: string): Promise<string> {
  const args = [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', path.join(ROOT, project)];
  try {
    await run(process.execPath, args, { cwd: ROOT, timeout: 60_000 });
    return '';
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return `${stdout}${stderr}` || String(error);
  }
}

describe('the runtime type-checks', () => {
  it.concurrent.each(['test/runtime/tsconfig.json', 'test/runtime/tsconfig.bundler.json'])('tsc -p %s', async (project) => {
    expect(await tsc(project)).toBe('');
  }, 60_000);
});
