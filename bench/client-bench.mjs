#!/usr/bin/env node
/**
 * The generated client beside the other ways to call this API, in one run on one machine:
 *
 * 1. Bundle size: esbuild bundles (minified, then gzipped) of a module that calls `list` and `create`,
 *    through specloom's client (the `createClient` object, and the standalone functions), through
 *    `@linode/api-v4`, through `openapi-fetch` typed by `openapi-typescript`, and through the client that
 *    Redocly CLI's `generate-client` writes (bench/peers/, run on Node PEER_NODE_LINE; its runtime is inlined
 *    in the one file it writes).
 * 2. Per-request overhead: the same calls against a loopback server in another process, beside a bare
 *    `fetch` that sends the same request and parses the same JSON. Rounds interleave the clients so that
 *    machine noise hits all of them alike; the median round counts.
 *
 *   npm run bench -- --only client        (or: node bench/client-bench.mjs [--rounds 15] [--iterations 200])
 *
 * Progress goes to stderr, the report (markdown) to stdout. Not a test: ratios in one run are what to compare.
 * The clients run on the Node that runs this script (bench/run.mjs starts it on the Node its --node names).
 */
import { fork, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { PEER_NODE_LINE, ensurePeers, nodeLine, packageVersion, peerFile, redoclyEnv } from './peers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROUNDS = arg('--rounds', 21);
const ITERATIONS = arg('--iterations', 100);
const progress = (line) => process.stderr.write(`[client bench] ${line}\n`);

const SPEC = path.join(root, 'spec/linode-tokens.yaml');
const CLIENT = path.join(root, 'generated/client/src/index.ts');
const TOKEN = 'bench-token';
// No `expiry: null`: @linode/api-v4's own validation refuses it.
const CREATE_BODY = { label: 'ci', scopes: 'linodes:read_only' };

/**
 * One module per contender. Each exports `setup(baseUrl)` and `run()`, where `run()` lists the tokens
 * (first page) and creates one, and returns both results.
 */
function contenders(typesFile, redocly) {
  return [
    {
      name: 'specloom, createClient()',
      source: `
        import { createClient } from ${JSON.stringify(CLIENT)};
        let linode = createClient({ token: ${JSON.stringify(TOKEN)} });
        export function setup(baseUrl) { linode = createClient({ token: ${JSON.stringify(TOKEN)}, baseUrl, maxRetries: 0 }); }
        export async function run() {
          const page = await linode.profile.personalAccessTokens.list({ page: 1 });
          const created = await linode.profile.personalAccessTokens.create(${JSON.stringify(CREATE_BODY)});
          return [page.data.length, created.id];
        }`,
    },
    {
      name: 'specloom, standalone functions',
      source: `
        import { createContext, getPersonalAccessTokens, postPersonalAccessToken } from ${JSON.stringify(CLIENT)};
        let ctx = createContext({ token: ${JSON.stringify(TOKEN)} });
        export function setup(baseUrl) { ctx = createContext({ token: ${JSON.stringify(TOKEN)}, baseUrl, maxRetries: 0 }); }
        export async function run() {
          const page = await getPersonalAccessTokens(ctx, { page: 1 });
          const created = await postPersonalAccessToken(ctx, ${JSON.stringify(CREATE_BODY)});
          return [page.data.length, created.id];
        }`,
    },
    {
      name: '@linode/api-v4 0.158 (axios)',
      source: `
        import { baseRequest, setToken, getPersonalAccessTokens, createPersonalAccessToken } from '@linode/api-v4';
        setToken(${JSON.stringify(TOKEN)});
        export function setup(baseUrl) {
          // Its URLs are absolute (https://api.linode.com/v4/...): point them at the loopback server.
          baseRequest.interceptors.request.use((config) => ({ ...config, url: config.url.replace('https://api.linode.com/v4', baseUrl + '/v4') }));
        }
        export async function run() {
          const page = await getPersonalAccessTokens({ page: 1 });
          const created = await createPersonalAccessToken(${JSON.stringify(CREATE_BODY)});
          return [page.data.length, created.id];
        }`,
    },
    {
      name: 'openapi-fetch 0.17 + openapi-typescript types',
      source: `
        import createFetchClient from 'openapi-fetch';
        /** @typedef {import(${JSON.stringify(typesFile)}).paths} paths */
        let client = createFetchClient({ baseUrl: 'https://api.linode.com', headers: { Authorization: 'Bearer ${TOKEN}' } });
        export function setup(baseUrl) { client = createFetchClient({ baseUrl, headers: { Authorization: 'Bearer ${TOKEN}' } }); }
        export async function run() {
          const list = await client.GET('/{apiVersion}/profile/tokens', { params: { path: { apiVersion: 'v4' }, query: { page: 1 } } });
          if (list.error) throw new Error('list failed');
          const created = await client.POST('/{apiVersion}/profile/tokens', { params: { path: { apiVersion: 'v4' } }, body: ${JSON.stringify(CREATE_BODY)} });
          if (created.error) throw new Error('create failed');
          return [list.data.data.length, created.data.id];
        }`,
    },
    // Redocly's client takes its inputs grouped by layer. The spec declares no query parameter on the list
    // (specloom adds page and page_size by Linode's convention); the runtime sends an undeclared `query` all
    // the same, so the wire request is the same as the others'. Retries are off by default, no timeout is set.
    ...(redocly === undefined
      ? []
      : [
          {
            name: `@redocly/cli ${redocly.version} generate-client`,
            source: `
        import { configure, get_personal_access_tokens, post_personal_access_token } from ${JSON.stringify(redocly.file)};
        configure({ auth: { bearer: ${JSON.stringify(TOKEN)} } });
        export function setup(baseUrl) { configure({ serverUrl: baseUrl }); }
        export async function run() {
          const page = await get_personal_access_tokens({ path: { apiVersion: 'v4' }, query: { page: 1 } });
          const created = await post_personal_access_token({ path: { apiVersion: 'v4' }, body: ${JSON.stringify(CREATE_BODY)} });
          return [page.data.length, created.id];
        }`,
          },
        ]),
  ];
}

/**
 * Redocly CLI's TypeScript client for the spec, written into the work folder by the CLI in bench/peers on
 * Node PEER_NODE_LINE; undefined (and a line on stderr) when the peers cannot be installed or the CLI fails.
 */
function generateRedoclyClient(work) {
  try {
    ensurePeers();
    const file = path.join(work, 'redocly/client.ts');
    const r = spawnSync(nodeLine(PEER_NODE_LINE), [peerFile('@redocly/cli/bin/cli.js'), 'generate-client', SPEC, '--output', file], { encoding: 'utf8', env: redoclyEnv });
    if (r.status !== 0) throw new Error(`redocly generate-client exited ${r.status ?? r.signal}: ${r.stderr.trim().split('\n').pop()}`);
    return { file, version: packageVersion(peerFile('@redocly/cli')) };
  } catch (error) {
    progress(`no Redocly client: ${error.message}`);
    return undefined;
  }
}

/** The baseline: the same two requests with nothing but fetch. */
const bareFetch = {
  name: 'bare fetch (baseline)',
  source: `
    let base = '';
    export function setup(baseUrl) { base = baseUrl; }
    const headers = { Authorization: 'Bearer ${TOKEN}', Accept: 'application/json' };
    export async function run() {
      const listResponse = await fetch(base + '/v4/profile/tokens?page=1', { headers });
      if (!listResponse.ok) throw new Error('list failed');
      const page = await listResponse.json();
      const createResponse = await fetch(base + '/v4/profile/tokens', {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify(${JSON.stringify(CREATE_BODY)}),
      });
      if (!createResponse.ok) throw new Error('create failed');
      const created = await createResponse.json();
      return [page.data.length, created.id];
    }`,
};

/**
 * What any client with per-request timeouts must do: the same requests, each with an AbortSignal that a timer
 * fires. Node's fetch pays for following a signal on every request; this row shows that share of the overhead.
 */
const fetchWithTimeout = {
  name: 'bare fetch + AbortSignal timeout',
  source: bareFetch.source
    .replace('export async function run() {', `
    async function timed(url, init) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 60000);
      try {
        const response = await fetch(url, { ...init, signal: controller.signal });
        return { ok: response.ok, body: await response.json() };
      } finally {
        clearTimeout(timer);
      }
    }
    export async function run() {`)
    .replace("const listResponse = await fetch(", 'const listResponse = await timed(')
    .replace('const createResponse = await fetch(', 'const createResponse = await timed(')
    .replace('const page = await listResponse.json();', 'const page = listResponse.body;')
    .replace('const created = await createResponse.json();', 'const created = createResponse.body;'),
};

async function bundle(source, { platform, minify, outfile }) {
  const result = await build({
    stdin: { contents: source, resolveDir: root, sourcefile: 'entry.mjs', loader: 'js' },
    bundle: true,
    format: 'esm',
    platform,
    target: 'es2022',
    minify,
    write: outfile !== undefined,
    outfile,
    logLevel: 'silent',
    // Runnable copies import their npm dependencies as Node would; size bundles hold everything.
    packages: outfile === undefined ? undefined : 'external',
    // A browser bundle: no Node built-ins may leak in; `process.env` is guarded in the runtime.
    define: platform === 'browser' ? { 'process.env.NODE_ENV': '"production"' } : {},
  });
  return outfile === undefined ? result.outputFiles[0].contents : undefined;
}

async function writeOpenapiTypescriptTypes(work) {
  // openapi-typescript's Node API: the same output as its CLI, without a child process.
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const ast = await openapiTS(pathToFileURL(SPEC));
  const file = path.join(work, 'linode-tokens.d.ts');
  writeFileSync(file, astToString(ast));
  return file;
}

async function sizes(all) {
  const rows = [];
  for (const c of all) {
    progress(`bundling ${c.name}`);
    const code = await bundle(c.source, { platform: 'browser', minify: true });
    rows.push({ name: c.name, min: code.length, gzip: gzipSync(code, { level: 9 }).length });
  }
  return rows;
}

function startServer() {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(root, 'bench/loopback-server.mjs'), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the loopback server exited (${code}) before it listened`)));
    child.once('message', (message) => resolve({ baseUrl: `http://127.0.0.1:${message.port}`, stop: () => child.kill() }));
  });
}

async function loadRunnable(c, work, index) {
  const outfile = path.join(work, `runner-${index}.mjs`);
  await bundle(c.source, { platform: 'node', minify: false, outfile });
  return import(pathToFileURL(outfile).href);
}

async function overhead(all, work) {
  const server = await startServer();
  progress(`loopback server at ${server.baseUrl}`);
  try {
    const runners = [];
    for (const [i, c] of all.entries()) {
      const mod = await loadRunnable(c, work, i);
      mod.setup(server.baseUrl);
      const [items, id] = await mod.run();
      if (items !== 1 || id !== 123) throw new Error(`${c.name}: unexpected answer ${items} items, id ${id}`);
      runners.push({ name: c.name, run: mod.run, rounds: [] });
    }
    progress('warming up');
    for (const r of runners) for (let i = 0; i < ITERATIONS; i++) await r.run();
    for (let round = 1; round <= ROUNDS; round++) {
      progress(`round ${round} of ${ROUNDS} (${ITERATIONS} list+create pairs per client)`);
      // Rotate the order so no client always runs right after the same one.
      for (let k = 0; k < runners.length; k++) {
        const r = runners[(k + round) % runners.length];
        const start = process.hrtime.bigint();
        for (let i = 0; i < ITERATIONS; i++) await r.run();
        r.rounds.push(Number(process.hrtime.bigint() - start) / 1e3 / (ITERATIONS * 2));
      }
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    // Each round's time over the baseline's in the same round, then the median: drift between rounds
    // (frequency scaling, the other process) cancels out of the ratio.
    const baseline = runners[0].rounds;
    return runners.map((r) => ({
      name: r.name,
      usPerRequest: median(r.rounds),
      ratio: median(r.rounds.map((us, i) => us / baseline[i])),
    }));
  } finally {
    server.stop();
  }
}

// Inside node_modules, so that the runnable copies resolve their npm dependencies from the project.
mkdirSync(path.join(root, 'node_modules/.cache'), { recursive: true });
const work = mkdtempSync(path.join(root, 'node_modules/.cache/specloom-client-bench-'));
try {
  progress('generating openapi-typescript types for openapi-fetch');
  const typesFile = await writeOpenapiTypescriptTypes(work);
  progress(`generating Redocly's client (Node ${PEER_NODE_LINE})`);
  const all = contenders(typesFile, generateRedoclyClient(work));

  const sizeRows = await sizes(all);
  const reference = sizeRows.find((r) => r.name.startsWith('openapi-fetch'));
  const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
  console.log(`Client benchmark on Node ${process.version}\n`);
  console.log('### Client bundle: a module that calls list and create (esbuild, minified, browser)\n');
  console.log('| client | minified | min + gzip | gzip / openapi-fetch |\n| --- | --- | --- | --- |');
  for (const r of sizeRows) console.log(`| ${r.name} | ${kb(r.min)} | ${kb(r.gzip)} | ${(r.gzip / reference.gzip).toFixed(2)} |`);
  console.log('');

  const timeRows = await overhead([bareFetch, fetchWithTimeout, ...all], work);
  console.log(`### Per-request time against a loopback server (${ROUNDS} rounds of ${ITERATIONS} list+create pairs per client)\n`);
  console.log('| client | median per request | time / bare fetch (median of per-round ratios) |\n| --- | --- | --- |');
  for (const r of timeRows) console.log(`| ${r.name} | ${r.usPerRequest.toFixed(0)} µs | ${r.ratio.toFixed(3)} |`);
  console.log('');
} finally {
  rmSync(work, { recursive: true, force: true });
}
