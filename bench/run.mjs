#!/usr/bin/env node
/**
 * Side-by-side benchmark: each tool as a whole process on the same spec, several runs, median wall
 * time and peak memory (GNU time's maximum resident set size), reported as ratios to specloom.
 * Not a test: numbers vary by machine; ratios in one run on one machine are what to compare.
 *
 *   npm run bench [-- --runs 7]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const GNU_TIME = '/usr/bin/time';
const work = mkdtempSync(path.join(tmpdir(), 'specloom-bench-'));

function measure(label, argv, { before } = {}) {
  const times = [];
  const peaks = [];
  for (let i = 0; i < RUNS; i++) {
    before?.(i);
    const useTime = existsSync(GNU_TIME);
    const cmd = useTime ? GNU_TIME : argv[0];
    const args = useTime ? ['-f', '%M', ...argv] : argv.slice(1);
    const start = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0) throw new Error(`${label} failed (${r.status}):\n${r.stderr}`);
    times.push(ms);
    if (useTime) peaks.push(Number(r.stderr.trim().split('\n').pop()) / 1024);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { label, ms: median(times), mb: peaks.length ? median(peaks) : NaN };
}

const spec = 'spec/linode-tokens.yaml';
const node = process.execPath;
const results = [];
const fresh = (name) => (i) => rmSync(path.join(work, `${name}`), { recursive: true, force: true });

results.push(measure('specloom generate (client + models), first run', [node, 'bin/specloom.js', 'generate', '--quiet', '--spec', spec, '--out', path.join(work, 'sl')], { before: fresh('sl') }));
results.push(measure('specloom generate, unchanged second run', [node, 'bin/specloom.js', 'generate', '--quiet', '--spec', spec, '--out', path.join(work, 'sl')]));
results.push(measure('openapi-typescript (types only)', [node, 'node_modules/openapi-typescript/bin/cli.js', spec, '-o', path.join(work, 'oats.ts')]));

const base = results[0];
const rows = results.map((r) => `| ${r.label} | ${r.ms.toFixed(0)} ms | ${(r.ms / base.ms).toFixed(2)} | ${r.mb.toFixed(0)} MB |`);
console.log(`Benchmark: ${spec}, median of ${RUNS} runs, ${process.version}, ${process.platform}/${process.arch}\n`);
console.log('| tool | median wall time | time / specloom first run | peak memory |\n| --- | --- | --- | --- |');
console.log(rows.join('\n'));
rmSync(work, { recursive: true, force: true });
