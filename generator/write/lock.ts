/**
 * One writer per output folder: a run holds `.<out>.specloom-lock` (a folder beside the output, made with
 * mkdir, which succeeds for one process only) from reading the folder to the last rename. A second
 * specloom waits for it, then goes on; after `waitMs` it stops with a message naming the holder. A lock whose
 * holder is gone (a killed run) is taken over.
 */
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SpecloomError } from '../errors.js';

interface Holder {
  pid: number;
  since: string;
}

const POLL_MS = 50;

export function lockPath(outDir: string): string {
  const out = path.resolve(outDir);
  return path.join(path.dirname(out), `.${path.basename(out)}.specloom-lock`);
}

/** Runs `work` holding the output folder's lock. */
export async function withOutputLock<T>(outDir: string, work: () => Promise<T>, waitMs = 60_000): Promise<T> {
  const lock = lockPath(outDir);
  await mkdir(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + waitMs;
  for (;;) {
    const holder = await tryTake(lock);
    if (holder === undefined) break;
    if (!(await isHeld(lock, holder))) {
      // The holder died without letting go: its staging folder is removed by the next write anyway.
      await rm(lock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      throw new SpecloomError(
        `another specloom (process ${holder.pid}, since ${holder.since}) is writing this output folder`,
        { file: outDir },
        `Wait for it to finish, or stop it; if no specloom runs, delete ${lock}.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  try {
    return await work();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/** Takes the lock (undefined) or returns who holds it. */
async function tryTake(lock: string): Promise<Holder | undefined> {
  try {
    await mkdir(lock);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return readHolder(lock);
  }
  await writeFile(path.join(lock, 'holder.json'), JSON.stringify({ pid: process.pid, since: new Date().toISOString() } satisfies Holder));
  return undefined;
}

/** Who holds the lock; a pid of 0 when its holder has not written its name yet (or died first). */
async function readHolder(lock: string): Promise<Holder> {
  try {
    const parsed = JSON.parse(await readFile(path.join(lock, 'holder.json'), 'utf8')) as Partial<Holder>;
    if (typeof parsed.pid === 'number') return { pid: parsed.pid, since: String(parsed.since) };
  } catch {
    // not written yet
  }
  return { pid: 0, since: 'a moment ago' };
}

/** Whether the lock is still held: its holder runs (or, nameless, took it less than 5 s ago). */
async function isHeld(lock: string, holder: Holder): Promise<boolean> {
  if (holder.pid === 0) return stat(lock).then((s) => Date.now() - s.mtimeMs < 5_000, () => false);
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
