/**
 * One spec, end to end, as a user would run it: `specloom generate` (the built CLI, as a process), then `tsc`
 * over the generated client with its own strict tsconfig, then every docs page compiled with @mdx-js/mdx.
 * Each step is a separate verdict with the reason for a miss.
 *
 * Used by corpus/run.mjs (one child process per spec, so a time limit can stop it) and by the corpus test.
 *   node corpus/check-spec.mjs <spec file> <output folder>    -> prints one JSON result line
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function run(args, cwd, timeoutMs) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

const firstLines = (text, n = 3) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, n)
    .join(' | ')
    .slice(0, 400);

/**
 * @returns {Promise<{ generate: {ok: boolean, reason?: string, warnings: number, ms: number},
 *   typecheck: {ok: boolean, reason?: string, ms?: number} | undefined,
 *   mdx: {ok: boolean, reason?: string, pages: number} | undefined }>}
 */
export async function checkSpec(specFile, outDir, { timeoutMs = 120_000 } = {}) {
  const started = Date.now();
  const gen = await run([path.join(ROOT, 'bin/specloom.js'), 'generate', '--no-cache', '--quiet', '--spec', specFile, '--out', outDir], ROOT, timeoutMs);
  const warnings = (gen.stderr.match(/^warning: /gm) ?? []).length;
  const generate = { ok: gen.code === 0, warnings, ms: Date.now() - started };
  if (gen.signal) generate.reason = `timed out after ${timeoutMs / 1000} s`;
  else if (gen.code !== 0) {
    const crashed = /internal error|\n\s+at /.test(gen.stderr);
    generate.reason = `${crashed ? 'crash' : `refused (exit ${gen.code})`}: ${firstLines(gen.stderr.replace(/^warning: .*\n/gm, ''))}`;
  }
  if (!generate.ok) return { generate, typecheck: undefined, mdx: undefined };

  const tscStarted = Date.now();
  const tsc = await run([path.join(ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', path.join(outDir, 'client/tsconfig.json')], ROOT, timeoutMs);
  const typecheck = { ok: tsc.code === 0 && !tsc.signal, ms: Date.now() - tscStarted };
  if (!typecheck.ok) {
    const errors = (tsc.stdout.match(/error TS\d+/g) ?? []).length;
    typecheck.reason = tsc.signal ? `timed out after ${timeoutMs / 1000} s` : `${errors} errors: ${firstLines(tsc.stdout, 2)}`;
  }

  const mdx = await compilePages(path.join(outDir, 'docs'));
  return { generate, typecheck, mdx };
}

async function compilePages(docsDir) {
  const [{ compile }, { splitFrontMatter }] = await Promise.all([import('@mdx-js/mdx'), import('../dist/generator/preview/render.js')]);
  const pages = readdirSync(docsDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => path.join(e.parentPath, e.name));
  for (const page of pages) {
    // Front matter is YAML that Docusaurus takes off before compiling.
    const { body } = splitFrontMatter(readFileSync(page, 'utf8'));
    try {
      await compile(body);
    } catch (err) {
      return { ok: false, pages: pages.length, reason: `${path.relative(docsDir, page)}: ${String(err.reason ?? err.message).slice(0, 200)}` };
    }
  }
  return { ok: pages.length > 0, pages: pages.length, ...(pages.length === 0 ? { reason: 'no pages' } : {}) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [specFile, outDir, timeout] = process.argv.slice(2);
  const result = await checkSpec(specFile, outDir, timeout ? { timeoutMs: Number(timeout) } : {});
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
