#!/usr/bin/env node
/**
 * Many specs in one run: 20 specs of the corpus (the even spread of corpus/sample.mjs, first 20) as one config of
 * 20 jobs, against 20 separate `specloom generate` processes, one after another and two at a time (as a CI
 * script with `xargs -P 2` would run them). First runs (--no-cache) into emptied folders; rounds interleave the
 * three ways; medians and the median of per-round ratios. Not a test.
 *
 *   npm run bench -- --only jobs           (or: node bench/jobs-bench.mjs [--rounds 3] [--node <path>])
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sampleSpecs, specPath } from '../corpus/sample.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const ROUNDS = Number(arg('--rounds', 3));
const node = arg('--node', process.execPath);
const cli = path.join(root, 'bin/specloom.js');
const work = mkdtempSync(path.join(os.tmpdir(), 'specloom-jobs-bench-'));

// The spread part of the sample: the mix of providers and sizes the directory has.
const specs = sampleSpecs(160)
  .filter((spec) => spec.why === 'spread')
  .slice(0, 20)
  .map((spec) => spec.name);
const jobs = specs.map((name, i) => ({ name, spec: specPath(name), out: path.join(work, 'one-run', String(i)) }));
writeFileSync(path.join(work, 'specloom.config.json'), JSON.stringify(jobs.map(({ spec, out }) => ({ spec, out }))));

function exec(args, cwd) {
  return new Promise((resolve) => {
    const child = spawn(node, [cli, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

async function timed(fn) {
  const start = performance.now();
  const codes = await fn();
  return { ms: performance.now() - start, failed: codes.filter((c) => c !== 0).length };
}

const ways = {
  'one run, 20 jobs (config array)': () => exec(['generate', '--no-cache', '--quiet'], work).then((r) => [r.code]),
  '20 separate runs, one after another': async () => {
    const codes = [];
    for (const [i, job] of jobs.entries()) codes.push((await exec(['generate', '--no-cache', '--quiet', '--spec', job.spec, '--out', path.join(work, 'separate', String(i))], path.join(work, 'empty'))).code);
    return codes;
  },
  '20 separate runs, two at a time': async () => {
    const queue = [...jobs.entries()];
    const codes = [];
    await Promise.all(
      [0, 1].map(async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const [i, job] = next;
          codes.push((await exec(['generate', '--no-cache', '--quiet', '--spec', job.spec, '--out', path.join(work, 'parallel', String(i))], path.join(work, 'empty'))).code);
        }
      }),
    );
    return codes;
  },
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = Object.fromEntries(Object.keys(ways).map((k) => [k, []]));
(await import('node:fs')).mkdirSync(path.join(work, 'empty'), { recursive: true });
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const [label, way] of Object.entries(ways)) {
      for (const dir of ['one-run', 'separate', 'parallel']) rmSync(path.join(work, dir), { recursive: true, force: true });
      const r = await timed(way);
      results[label].push(r);
      process.stderr.write(`  round ${round + 1} of ${ROUNDS}: ${label}: ${r.ms.toFixed(0)} ms${r.failed ? ` (${r.failed} failed)` : ''}\n`);
    }
  }
  const first = Object.keys(ways)[0];
  console.log(`### 20 corpus specs in one run (Node ${execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()}, ${os.availableParallelism()} cores, ${ROUNDS} rounds)\n`);
  console.log('| how | median wall time | time / one run |\n| --- | --- | --- |');
  for (const [label, runs] of Object.entries(results)) {
    const ratios = runs.map((r, i) => r.ms / results[first][i].ms);
    console.log(`| ${label} | ${median(runs.map((r) => r.ms)).toFixed(0)} ms | ${median(ratios).toFixed(2)} |`);
  }
  console.log(`\nSpecs: ${specs.join(', ')}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
