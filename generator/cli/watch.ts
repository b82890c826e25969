/**
 * `--watch`: runs again when a watched file changes. Runs never overlap: a change during a run makes one
 * more run follow it, which reads the files as they are then, so the last saved state always wins and the
 * output folder only ever holds what one run wrote (each write is staged, then renamed into place). A burst of
 * events (an editor writing twice, a save and its backup) starts one run.
 */
import { statSync } from 'node:fs';
import path from 'node:path';

/** Events closer together than this are one change. */
const SETTLE_MS = 15;

export interface Watching {
  close(): Promise<void>;
}

/**
 * Watches `paths` and calls `run(changedAt)` after each change, `changedAt` being when the first change of the
 * burst was seen (performance.now()), so the run can say how long the change took to reach the output.
 */
export async function watchPaths(paths: string[], run: (changedAt: number, changed: string[]) => Promise<unknown>): Promise<Watching> {
  // chokidar: fs.watch misses events on single files and recursive folders on some platforms.
  const { watch } = await import('chokidar');
  const watcher = watch(paths, { ignoreInitial: true });
  let running = false;
  let firstChange: number | undefined;
  let changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;

  // The watched files (not folders) as a run found them: a save whose event is lost or merged (the
  // watcher throttles a file's events) is still seen when the run ends.
  const files = paths.filter((p) => statOf(p)?.isFile === true);
  const stamp = () => files.map((f) => statOf(f)?.stamp ?? 'missing').join('|');

  const start = async () => {
    if (running || firstChange === undefined) return;
    running = true;
    const changedAt = firstChange;
    const changedFiles = [...changed];
    firstChange = undefined;
    changed = new Set();
    const before = stamp();
    try {
      await run(changedAt, changedFiles);
    } finally {
      running = false;
      // A change that came during the run: one more run, now.
      if (firstChange === undefined && stamp() !== before) firstChange = performance.now();
      if (firstChange !== undefined) void start();
    }
  };

  watcher.on('all', (_event, file) => {
    firstChange ??= performance.now();
    changed.add(path.resolve(file));
    clearTimeout(timer);
    timer = setTimeout(() => void start(), SETTLE_MS);
  });
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    close: async () => {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}

function statOf(file: string): { isFile: boolean; stamp: string } | undefined {
  try {
    const s = statSync(file);
    return { isFile: s.isFile(), stamp: `${s.mtimeMs}:${s.size}` };
  } catch {
    return undefined;
  }
}
