import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SpecloomError } from '../../generator/errors.js';
import { lockPath, withOutputLock } from '../../generator/write/lock.js';
import { EarlyStaging, MANIFEST, writeOutput, type WriteIo } from '../../generator/write/write.js';

const root = mkdtempSync(path.join(tmpdir(), 'specloom-write-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out[path.relative(dir, path.join(e.parentPath, e.name))] = readFileSync(path.join(e.parentPath, e.name), 'utf8');
  }
  return out;
}

describe('write stage', () => {
  it('leaves the previous output intact when a write fails half way', async () => {
    const out = path.join(root, 'half');
    await writeOutput(out, [{ path: 'a.ts', content: 'a1' }, { path: 'b/b.ts', content: 'b1' }, { path: 'c.ts', content: 'c1' }]);
    writeFileSync(path.join(out, 'mine.txt'), 'user file');
    const before = tree(out);
    let writes = 0;
    const failing: WriteIo = {
      mkdir, rename, rm,
      writeFile: async (file, data) => {
        if (++writes === 2) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
        await writeFile(file, data);
      },
    };
    const err = await writeOutput(out, [{ path: 'a.ts', content: 'a2' }, { path: 'b/b.ts', content: 'b2' }, { path: 'c.ts', content: 'c2' }], failing).catch((e) => e);
    expect(err).toBeInstanceOf(SpecloomError);
    expect(err.message).toMatch(/ENOSPC.*left as it was/);
    expect(tree(out)).toEqual(before);
    expect(readdirSync(root).filter((f) => f.includes('staging'))).toEqual([]);
  });

  it('makes a new output folder, parents too, from the staging folder, and leaves no staging folder', async () => {
    const out = path.join(root, 'new', 'deep', 'out');
    const report = await writeOutput(out, [{ path: 'a.ts', content: 'a' }, { path: 'b/c/d.ts', content: 'd' }]);
    expect(report.written).toEqual(['a.ts', 'b/c/d.ts', MANIFEST]);
    expect(tree(out)).toEqual({ 'a.ts': 'a', 'b/c/d.ts': 'd', [MANIFEST]: JSON.stringify({ generator: 'specloom', files: ['a.ts', 'b/c/d.ts'] }, null, 2) + '\n' });
    expect(readdirSync(path.dirname(out))).toEqual(['out']);
    // and the next run, into the folder that now exists, sees it all unchanged
    expect((await writeOutput(out, [{ path: 'a.ts', content: 'a' }, { path: 'b/c/d.ts', content: 'd' }])).written).toEqual([]);
  });

  it('removes stale files and the folders they leave empty, never a user\'s file', async () => {
    const out = path.join(root, 'stale');
    await writeOutput(out, [{ path: 'x/old.ts', content: '1' }, { path: 'y/old.ts', content: '1' }, { path: 'keep.ts', content: '1' }]);
    mkdirSync(path.join(out, 'y'), { recursive: true });
    writeFileSync(path.join(out, 'y/mine.ts'), 'mine');
    const report = await writeOutput(out, [{ path: 'keep.ts', content: '1' }]);
    expect(report.removed).toEqual(['x/old.ts', 'y/old.ts']);
    expect(existsSync(path.join(out, 'x'))).toBe(false);
    expect(readFileSync(path.join(out, 'y/mine.ts'), 'utf8')).toBe('mine');
    expect(JSON.parse(readFileSync(path.join(out, MANIFEST), 'utf8')).files).toEqual(['keep.ts']);
  });
});

describe('one writer per output folder', () => {
  it('makes a second writer wait for the first: their writes never interleave', async () => {
    const out = path.join(root, 'locked');
    const order: string[] = [];
    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
    const first = withOutputLock(out, async () => {
      order.push('first in');
      await firstHolds;
      await writeOutput(out, [{ path: 'a.ts', content: 'first' }]);
      order.push('first out');
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = withOutputLock(out, async () => {
      order.push('second in');
      await writeOutput(out, [{ path: 'a.ts', content: 'second' }]);
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(order).toEqual(['first in']);
    releaseFirst();
    await Promise.all([first, second]);
    expect(order).toEqual(['first in', 'first out', 'second in']);
    expect(tree(out)['a.ts']).toBe('second');
    expect(existsSync(lockPath(out))).toBe(false);
  });

  it('stops with a message naming the holder when it waits too long', async () => {
    const out = path.join(root, 'busy');
    mkdirSync(lockPath(out), { recursive: true });
    writeFileSync(path.join(lockPath(out), 'holder.json'), JSON.stringify({ pid: process.pid, since: '2026-12-01T00:00:00Z' }));
    const error = await withOutputLock(out, async () => 'ran', 200).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecloomError);
    expect((error as SpecloomError).format()).toMatch(new RegExp(`another specloom \\(process ${process.pid}, since 2026-12-01T00:00:00Z\\) is writing this output folder[\\s\\S]*Wait for it to finish`));
    rmSync(lockPath(out), { recursive: true, force: true });
  });

  it('takes over the lock of a run that died holding it', async () => {
    const out = path.join(root, 'stale');
    mkdirSync(lockPath(out), { recursive: true });
    // A pid no process has (above Linux's pid_max).
    writeFileSync(path.join(lockPath(out), 'holder.json'), JSON.stringify({ pid: 2 ** 22 + 1, since: 'yesterday' }));
    expect(await withOutputLock(out, async () => 'ran', 200)).toBe('ran');
  });
});

describe('early staging of a new output folder', () => {
  const files = [
    { path: 'a.ts', content: 'a' },
    { path: 'b/b.ts', content: 'b' },
    { path: 'c/d/c.ts', content: 'c' },
  ];

  it('writes what the write stage would, staged as files come, nothing visible before the end', async () => {
    const out = path.join(root, 'early');
    const early = new EarlyStaging(out);
    early.add(files.slice(0, 2));
    early.add([{ path: '../outside.ts', content: 'x' }]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(existsSync(out)).toBe(false);
    early.add(files.slice(2));
    const report = await writeOutput(out, files, undefined, early);
    expect(report.written).toEqual(['a.ts', 'b/b.ts', 'c/d/c.ts', MANIFEST]);
    const reference = path.join(root, 'early-reference');
    await writeOutput(reference, files);
    expect(tree(out)).toEqual(tree(reference));
    expect(existsSync(path.join(root, 'outside.ts'))).toBe(false);
    expect(existsSync(early.dir)).toBe(false);
  });

  it('writes everything itself when an early write failed, and leaves nothing when the run is discarded', async () => {
    const out = path.join(root, 'early-failing');
    let writes = 0;
    const failing: WriteIo = {
      mkdir, rename, rm,
      writeFile: async (file, data) => {
        if (++writes === 2) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
        await writeFile(file, data);
      },
    };
    const early = new EarlyStaging(out, failing);
    early.add(files);
    await writeOutput(out, files, undefined, early);
    expect(Object.keys(tree(out)).sort()).toEqual([MANIFEST, 'a.ts', 'b/b.ts', 'c/d/c.ts']);

    const gone = path.join(root, 'early-discarded');
    const discarded = new EarlyStaging(gone);
    discarded.add(files);
    await discarded.discard();
    expect(existsSync(gone)).toBe(false);
    expect(existsSync(discarded.dir)).toBe(false);
  });
});
