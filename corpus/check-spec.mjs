/**
 * One spec, end to end, as a user would run it: `specloom generate` (the built CLI, as a process), then `tsc`
 * over the generated client with its own strict tsconfig, then every docs page compiled with @mdx-js/mdx, its
 * in-page and root-relative links resolving.
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

/**
 * Every page compiles as MDX, every in-page link (`#anchor`, in Markdown or a JSX href) names an id the page has
 * (a heading's, as Docusaurus makes them, or an explicit one), and every root-relative link names a page of the
 * docs folder (a link into another site left relative is dead where the pages are published).
 */
async function compilePages(docsDir) {
  const [{ compile }, { splitFrontMatter }, { headingIds }, { toString }] = await Promise.all([
    import('@mdx-js/mdx'),
    import('../dist/generator/preview/render.js'),
    import('../dist/generator/names/slug.js'),
    import('mdast-util-to-string'),
  ]);
  const pages = readdirSync(docsDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => path.join(e.parentPath, e.name));
  const routes = new Set(pages.map((p) => `/${path.relative(docsDir, path.dirname(p)).split(path.sep).join('/')}/`.replace(/^\/\.?\/$/, '/').replace(/\/+/g, '/')));
  for (const page of pages) {
    const rel = path.relative(docsDir, page);
    // Front matter is YAML that Docusaurus takes off before compiling.
    const { body } = splitFrontMatter(readFileSync(page, 'utf8'));
    let tree;
    try {
      await compile(body, { remarkPlugins: [() => (t) => void (tree = t)] });
    } catch (err) {
      return { ok: false, pages: pages.length, reason: `${rel}: ${String(err.reason ?? err.message).slice(0, 200)}` };
    }
    const headings = [];
    const ids = [];
    const links = [];
    const visit = (n) => {
      if (n.type === 'heading') headings.push(toString(n));
      if (n.type === 'link') links.push(n.url);
      if (n.type === 'mdxJsxFlowElement' || n.type === 'mdxJsxTextElement') {
        for (const a of n.attributes ?? []) {
          if (a.type !== 'mdxJsxAttribute' || typeof a.value !== 'string') continue;
          if (a.name === 'id') ids.push(a.value);
          if (a.name === 'href') links.push(a.value);
        }
      }
      for (const c of n.children ?? []) visit(c);
    };
    visit(tree);
    const known = new Set([...headingIds(headings), ...ids]);
    for (const link of links) {
      if (link.startsWith('#') && !known.has(decodeURIComponent(link.slice(1)))) return { ok: false, pages: pages.length, reason: `${rel}: in-page link ${link} names no id of the page` };
      if (link.startsWith('/') && !link.startsWith('//') && !routes.has(link.replace(/#.*$/, ''))) return { ok: false, pages: pages.length, reason: `${rel}: root-relative link ${link} names no page of the docs` };
    }
  }
  return { ok: pages.length > 0, pages: pages.length, ...(pages.length === 0 ? { reason: 'no pages' } : {}) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [specFile, outDir, timeout] = process.argv.slice(2);
  const result = await checkSpec(specFile, outDir, timeout ? { timeoutMs: Number(timeout) } : {});
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
