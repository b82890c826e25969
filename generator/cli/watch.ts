/**
 * `--watch`: runs again when a watched file changes. Runs never overlap: a change during a run makes one
 * more run follow it, which reads the files as they are then, so the last saved state always wins and the
 * output folder only ever holds what one run wrote (each write is staged, then renamed into place). A burst of
 * events (an editor writing twice, a save and its backup) starts one run.
 *
 * The watcher's events alone do not say when the last save happened: chokidar sends one event for a file
 * emptied and written a few milliseconds later (at the emptying), and a file's time stamp moves in steps of a
 * few milliseconds, so two saves of the same size can leave it unchanged. The watched files (the spec, the
 * config) are therefore compared by content: when a run ends, and every POLL_MS while idle; any difference
 * from what the last run began with starts a run.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Events closer together than this are one change. */
const SETTLE_MS = 15;
/** How often the watched files are compared while no run is going. */
const POLL_MS = 200;

export interface Watching {
  close(): Promise<void>;
}

/**
 * Watches `paths` and calls `run(changedAt, changed, superseded)` after each change: `changedAt` is when the
 * first change of the burst was seen (performance.now()), so the run can say how long the change took to reach
 * the output; `superseded()` says whether a newer change came since the run began (one more run follows it).
 */
export async function watchPaths(paths: string[], run: (changedAt: number, changed: string[], superseded: () => boolean) => Promise<unknown>): Promise<Watching> {
  // chokidar: fs.watch misses events on single files and recursive folders on some platforms.
  const { watch } = await import('chokidar');
  const watcher = watch(paths, { ignoreInitial: true });
  let running = false;
  let firstChange: number | undefined;
  let changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;

  const files = paths.filter((p) => contentOf(p) !== undefined);
  const snapshot = () => files.map((f) => contentOf(f));
  const differs = (a: (Buffer | undefined)[], b: (Buffer | undefined)[]) => a.some((x, i) => (x === undefined || b[i] === undefined ? x !== b[i] : !x.equals(b[i]!)));
  /** The watched files as the last run began with them. */
  let lastSeen = snapshot();

  const start = async () => {
    if (running || firstChange === undefined) return;
    running = true;
    const changedAt = firstChange;
    const changedFiles = [...changed];
    firstChange = undefined;
    changed = new Set();
    const before = (lastSeen = snapshot());
    // An empty watched file is a save in progress (editors empty a file, then write it): its end is the change.
    if (before.some((content) => content?.length === 0)) {
      running = false;
      return;
    }
    const superseded = () => firstChange !== undefined || differs(snapshot(), before);
    try {
      await run(changedAt, changedFiles, superseded);
    } finally {
      running = false;
      // A change that came during the run (its event merged away or not): one more run, now.
      if (firstChange === undefined && differs(snapshot(), before)) firstChange = performance.now();
      if (firstChange !== undefined) void start();
    }
  };

  const noticed = (file: string) => {
    firstChange ??= performance.now();
    changed.add(path.resolve(file));
    clearTimeout(timer);
    timer = setTimeout(() => void start(), SETTLE_MS);
  };
  watcher.on('all', (_event, file) => noticed(file));
  const poll = setInterval(() => {
    if (running || firstChange !== undefined) return;
    const now = snapshot();
    const at = now.findIndex((content, i) => differs([content], [lastSeen[i]]));
    if (at >= 0) noticed(files[at]!);
  }, POLL_MS);
  poll.unref();
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    close: async () => {
      clearTimeout(timer);
      clearInterval(poll);
      await watcher.close();
    },
  };
}

function contentOf(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}
