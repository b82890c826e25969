/**
 * Stage 6, write: bring the output folder in line with the emitted files. Only changed files are
 * rewritten; files specloom made before (listed in its manifest) and no longer makes are removed;
 * files it never made are never touched. In check mode nothing is written and the drift is returned.
 */
import { readFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pMap from 'p-map';
import { SpecloomError } from '../errors.js';
import type { EmittedFile } from '../output.js';

export const MANIFEST = '.specloom-manifest.json';

/**
 * File operations in flight at once. Each is a round trip to libuv's thread pool; one at a time, a
 * thousand files (the full Linode API) cost seconds of waiting, most of it with the CPU idle.
 */
const CONCURRENCY = 32;

export interface WriteReport {
  written: string[];
  unchanged: string[];
  removed: string[];
}

interface Manifest {
  generator: 'specloom';
  files: string[];
}

/**
 * A file's text, or undefined when there is none. Synchronous: for the comparison of a whole output folder a
 * thousand small reads cost about 10 ms one after another and 85 ms as round trips to libuv's thread pool.
 */
function readTextNow(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'EISDIR') return undefined;
    throw err;
  }
}

function manifestText(files: readonly EmittedFile[]): string {
  const manifest: Manifest = { generator: 'specloom', files: files.map((f) => f.path).sort() };
  return JSON.stringify(manifest, null, 2) + '\n';
}

/** Compares the emitted files with the folder: what would be written, kept, removed. */
export async function diffOutput(outDir: string, files: readonly EmittedFile[]): Promise<WriteReport & { manifest: string; newFolder: boolean }> {
  const newFolder = await stat(outDir).then(
    () => false,
    (err: NodeJS.ErrnoException) => err.code === 'ENOENT',
  );
  const previous = newFolder ? new Set<string>() : readManifest(outDir);
  const manifest = manifestText(files);
  const all = [...files, { path: MANIFEST, content: manifest }];
  const report: WriteReport & { manifest: string; newFolder: boolean } = { written: [], unchanged: [], removed: [], manifest, newFolder };
  const currents = newFolder ? [] : all.map((file) => readTextNow(path.join(outDir, file.path)));
  for (const [i, file] of all.entries()) {
    const current = currents[i];
    if (current === file.content) report.unchanged.push(file.path);
    else {
      if (current !== undefined && !previous.has(file.path) && file.path !== MANIFEST) {
        throw new SpecloomError(
          'the output folder already holds this file, and specloom did not write it',
          { file: path.join(outDir, file.path) },
          'Move it away or choose another --out folder; specloom never overwrites files it did not make.',
        );
      }
      report.written.push(file.path);
    }
  }
  const emitted = new Set(all.map((f) => f.path));
  report.removed = [...previous].filter((p) => !emitted.has(p)).sort();
  return report;
}

function readManifest(outDir: string): Set<string> {
  const text = readTextNow(path.join(outDir, MANIFEST));
  if (text === undefined) return new Set();
  try {
    const parsed = JSON.parse(text) as Partial<Manifest>;
    // Paths are checked so a tampered manifest cannot make specloom delete outside the folder.
    return new Set((parsed.files ?? []).filter((p) => typeof p === 'string' && !p.split('/').includes('..') && !path.isAbsolute(p)));
  } catch {
    throw new SpecloomError('the manifest of a previous run is not valid JSON', { file: path.join(outDir, MANIFEST) }, 'Delete it and the files specloom made, then run again.');
  }
}

/** The file operations the write stage uses: injectable so tests can make one fail half way. */
export interface WriteIo {
  mkdir: typeof mkdir;
  writeFile: (file: string, data: string) => Promise<void>;
  rename: typeof rename;
  rm: typeof rm;
}

const nodeIo: WriteIo = { mkdir, writeFile: (file, data) => writeFile(file, data), rename, rm };

/** The staging folder of an output folder: beside it, on the same file system, so renames are atomic. */
function stagingPath(outDir: string): string {
  return path.join(path.dirname(path.resolve(outDir)), `.${path.basename(path.resolve(outDir))}.specloom-staging`);
}

/**
 * A new output folder's files, written into the staging folder while the run still generates: creating a
 * thousand files costs a quarter of a second on some file systems, and here it overlaps the targets still at
 * work. Nothing is visible in the output folder until the write stage renames the staging folder into place;
 * a run that fails discards it. Files come as each target finishes, before the run's checks: a path that
 * leaves the folder is not written here (the checks then fail the run).
 */
export class EarlyStaging {
  readonly dir: string;
  /** What is (being) written, by path. */
  readonly written = new Map<string, string>();
  readonly #io: WriteIo;
  readonly #ready: Promise<unknown>;
  readonly #writes: Promise<unknown>[] = [];
  #failed = false;

  constructor(outDir: string, io: WriteIo = nodeIo) {
    this.dir = stagingPath(outDir);
    this.#io = io;
    this.#ready = io.rm(this.dir, { recursive: true, force: true });
  }

  /** Stages a target's files (each batch CONCURRENCY writes at a time, as the write stage writes). */
  add(files: readonly EmittedFile[]): void {
    const batch = files.filter((file) => {
      const target = path.resolve(this.dir, file.path);
      if (!target.startsWith(this.dir + path.sep) || this.written.has(file.path)) return false;
      this.written.set(file.path, file.content);
      return true;
    });
    if (batch.length === 0) return;
    const write = async () => {
      await makeFolders(this.#io, this.dir, batch.map((f) => f.path));
      await pMap(batch, (f) => this.#io.writeFile(path.join(this.dir, f.path), f.content), { concurrency: CONCURRENCY, stopOnError: false });
    };
    this.#writes.push(this.#ready.then(write).catch(() => (this.#failed = true)));
  }

  /** Waits for every write; a failed one drops them all (the write stage then writes everything itself). */
  async settle(): Promise<void> {
    await this.#ready;
    await Promise.all(this.#writes);
    if (this.#failed) {
      this.written.clear();
      await this.#io.rm(this.dir, { recursive: true, force: true });
    }
  }

  async discard(): Promise<void> {
    await this.#ready.catch(() => undefined);
    await Promise.all(this.#writes);
    await this.#io.rm(this.dir, { recursive: true, force: true });
  }
}

/**
 * Writes in two steps, so a failure never leaves the output half old, half new: every changed file
 * is first written into a staging folder beside the output (same file system, so renames are
 * atomic); only when all are written are they renamed into place, the manifest last. `early`: files the
 * run staged while it generated (a new output folder), not written again.
 */
export async function writeOutput(outDir: string, files: readonly EmittedFile[], io: WriteIo = nodeIo, early?: EarlyStaging): Promise<WriteReport> {
  const diff = await diffOutput(outDir, files);
  const contents = new Map(files.map((f) => [f.path, f.content]));
  contents.set(MANIFEST, diff.manifest);
  const staging = stagingPath(outDir);
  if (early !== undefined) await early.settle();
  else await io.rm(staging, { recursive: true, force: true });
  const toWrite = diff.written.filter((rel) => early?.written.get(rel) !== contents.get(rel));
  try {
    await makeFolders(io, staging, toWrite);
    // Every write settles before a failure is handled, so none lands in the staging folder after it is removed.
    await pMap(toWrite, (rel) => io.writeFile(path.join(staging, rel), contents.get(rel)!), { concurrency: CONCURRENCY, stopOnError: false });
  } catch (err) {
    await io.rm(staging, { recursive: true, force: true }).catch(() => undefined);
    const first = err instanceof AggregateError ? err.errors[0] : err;
    const code = (first as NodeJS.ErrnoException).code ?? (first as Error).message;
    throw new SpecloomError(`could not write the output (${code}); the output folder was left as it was`, { file: outDir }, 'Check the disk space and permissions, then run again.');
  }
  const report = { written: diff.written, unchanged: diff.unchanged, removed: diff.removed };
  if (diff.newFolder) {
    // A new output folder: the staging folder becomes it, in one rename (if it still does not exist).
    const renamed = await io.rename(staging, outDir).then(
      () => true,
      () => false,
    );
    if (renamed) return report;
  }
  // The manifest last: until it is in place, the previous one still lists what the folder holds.
  const placed = diff.written.filter((rel) => rel !== MANIFEST);
  await makeFolders(io, outDir, placed);
  await pMap(placed, (rel) => io.rename(path.join(staging, rel), path.join(outDir, rel)), { concurrency: CONCURRENCY });
  if (placed.length < diff.written.length) await io.rename(path.join(staging, MANIFEST), path.join(outDir, MANIFEST));
  await pMap(diff.removed, (rel) => io.rm(path.join(outDir, rel), { force: true }), { concurrency: CONCURRENCY });
  await removeEmptyFolders(outDir, diff.removed);
  await io.rm(staging, { recursive: true, force: true });
  return report;
}

/** Makes the folders the files go in under `root`, each once (a thousand files sit in a few dozen). */
async function makeFolders(io: WriteIo, root: string, files: readonly string[]): Promise<void> {
  const folders = [...new Set(files.map((rel) => path.dirname(path.join(root, rel))))];
  await pMap(folders, (dir) => io.mkdir(dir, { recursive: true }), { concurrency: CONCURRENCY });
}

/** Folders that removing stale files left empty (and only those) go too. */
async function removeEmptyFolders(outDir: string, removed: string[]): Promise<void> {
  const folders = new Set<string>();
  for (const rel of removed) {
    for (let dir = path.dirname(rel); dir !== '.' && dir !== ''; dir = path.dirname(dir)) folders.add(dir);
  }
  for (const dir of [...folders].sort((a, b) => b.length - a.length)) {
    try {
      if ((await readdir(path.join(outDir, dir))).length === 0) await rmdir(path.join(outDir, dir));
    } catch {
      // Already gone, or not a folder: nothing to tidy.
    }
  }
}
