/**
 * Stage 6, write: bring the output folder in line with the emitted files. Only changed files are
 * rewritten; files specloom made before (listed in its manifest) and no longer makes are removed;
 * files it never made are never touched. In check mode nothing is written and the drift is returned.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SpecloomError } from '../errors.js';
import type { EmittedFile } from '../emit/client.js';

export const MANIFEST = '.specloom-manifest.json';

export interface WriteReport {
  written: string[];
  unchanged: string[];
  removed: string[];
}

interface Manifest {
  generator: 'specloom';
  files: string[];
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'EISDIR') return undefined;
    throw err;
  }
}

export function manifestText(files: readonly EmittedFile[]): string {
  const manifest: Manifest = { generator: 'specloom', files: files.map((f) => f.path).sort() };
  return JSON.stringify(manifest, null, 2) + '\n';
}

/** Compares the emitted files with the folder: what would be written, kept, removed. */
export async function diffOutput(outDir: string, files: readonly EmittedFile[]): Promise<WriteReport & { manifest: string }> {
  const previous = await readManifest(outDir);
  const manifest = manifestText(files);
  const all = [...files, { path: MANIFEST, content: manifest }];
  const report: WriteReport & { manifest: string } = { written: [], unchanged: [], removed: [], manifest };
  for (const file of all) {
    const current = await readText(path.join(outDir, file.path));
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

async function readManifest(outDir: string): Promise<Set<string>> {
  const text = await readText(path.join(outDir, MANIFEST));
  if (text === undefined) return new Set();
  try {
    const parsed = JSON.parse(text) as Partial<Manifest>;
    // Paths are checked so a tampered manifest cannot make specloom delete outside the folder.
    return new Set((parsed.files ?? []).filter((p) => typeof p === 'string' && !p.split('/').includes('..') && !path.isAbsolute(p)));
  } catch {
    throw new SpecloomError('the manifest of a previous run is not valid JSON', { file: path.join(outDir, MANIFEST) }, 'Delete it and the files specloom made, then run again.');
  }
}

export async function writeOutput(outDir: string, files: readonly EmittedFile[]): Promise<WriteReport> {
  const diff = await diffOutput(outDir, files);
  const contents = new Map(files.map((f) => [f.path, f.content]));
  contents.set(MANIFEST, diff.manifest);
  // Each file is written beside its target and renamed over it, so no reader sees half a file.
  for (const rel of diff.written) {
    const target = path.join(outDir, rel);
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.specloom-tmp`;
    await writeFile(tmp, contents.get(rel)!);
    await rename(tmp, target);
  }
  for (const rel of diff.removed) await rm(path.join(outDir, rel), { force: true });
  return { written: diff.written, unchanged: diff.unchanged, removed: diff.removed };
}
