import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, ROOT, runCli } from './helpers/pipeline.js';

const temps: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'specloom-cli-'));
  temps.push(dir);
  return dir;
};
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Every file under a folder with its content, for before/after comparisons. */
function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const full = path.join(entry.parentPath, entry.name);
      out[path.relative(dir, full)] = readFileSync(full, 'utf8');
    }
  }
  return out;
}

describe('specloom generate', () => {
  it('--check passes on the committed generated/ (it equals what spec/ generates)', () => {
    const { code, stdout, stderr } = runCli(['generate', '--check']);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/generated is up to date/);
    expect(code).toBe(0);
  });

  it('writes any spec to any folder, then rewrites only what changed', () => {
    const out = tempDir();
    const first = runCli(['generate', '--spec', fixture('petstore.yaml'), '--out', out]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/specloom: \d+ written, 0 unchanged, 0 removed/);
    expect(existsSync(path.join(out, 'client/src/index.ts'))).toBe(true);
    const second = runCli(['generate', '--spec', fixture('petstore.yaml'), '--out', out]);
    expect(second.stdout).toMatch(/specloom: 0 written, \d+ unchanged, 0 removed/);
  });

  it('--check exits 1 with a readable summary when files drifted, and writes nothing', () => {
    const out = tempDir();
    runCli(['generate', '--spec', fixture('petstore.yaml'), '--out', out]);
    writeFileSync(path.join(out, 'client/src/models.ts'), '// edited by hand\n');
    const before = snapshotTree(out);
    const { code, stdout } = runCli(['generate', '--check', '--spec', fixture('petstore.yaml'), '--out', out]);
    expect(code).toBe(1);
    expect(stdout).toContain(`changed  ${path.join(out, 'client/src/models.ts')}`);
    expect(snapshotTree(out)).toEqual(before);
  });

  it('removes files it made before and no longer makes, never files it did not make', () => {
    const out = tempDir();
    runCli(['generate', '--spec', fixture('deep-refs.yaml'), '--out', out]);
    mkdirSync(path.join(out, 'client/src/services'), { recursive: true });
    writeFileSync(path.join(out, 'client/src/services/mine.ts'), 'export const mine = 1;\n');
    writeFileSync(path.join(out, 'NOTES.md'), 'my notes\n');
    const { code, stdout } = runCli(['generate', '--spec', fixture('petstore.yaml'), '--out', out]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/[1-9]\d* removed/);
    expect(existsSync(path.join(out, 'client/src/services/v1/widgets.ts'))).toBe(false);
    expect(readFileSync(path.join(out, 'client/src/services/mine.ts'), 'utf8')).toBe('export const mine = 1;\n');
    expect(readFileSync(path.join(out, 'NOTES.md'), 'utf8')).toBe('my notes\n');
  });

  it('refuses to overwrite a file it did not make', () => {
    const out = tempDir();
    mkdirSync(path.join(out, 'client/src'), { recursive: true });
    writeFileSync(path.join(out, 'client/src/index.ts'), '// mine\n');
    const { code, stderr } = runCli(['generate', '--spec', fixture('petstore.yaml'), '--out', out]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/client\/src\/index\.ts: the output folder already holds this file/);
    expect(readFileSync(path.join(out, 'client/src/index.ts'), 'utf8')).toBe('// mine\n');
  });

  it('exits 2 on a bad spec with file, line and reason, no stack trace, and leaves the output alone', () => {
    const out = tempDir();
    runCli(['generate', '--spec', fixture('petstore.yaml'), '--out', out]);
    const before = snapshotTree(out);
    const bad = path.join(tempDir(), 'bad.yaml');
    writeFileSync(bad, 'openapi: 3.0.3\ninfo:\n  title: x\n  version: [1\n');
    const { code, stderr } = runCli(['generate', '--spec', bad, '--out', out]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/bad\.yaml:\d+:\d+: invalid YAML/);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(snapshotTree(out)).toEqual(before);
  });

  it('exits 2 on a missing spec and on a usage error', () => {
    expect(runCli(['generate', '--spec', 'nope.yaml', '--out', tempDir()]).stderr).toMatch(/nope\.yaml: spec file not found/);
    expect(runCli(['generate', '--spec', 'nope.yaml', '--out', tempDir()]).code).toBe(2);
    expect(runCli(['generate', '--no-such-flag']).code).toBe(2);
    expect(runCli(['frobnicate']).code).toBe(2);
  });

  it('--templates overrides a built-in template by relative path', () => {
    const templates = tempDir();
    const original = readFileSync(path.join(ROOT, 'templates/client/src/client.ts.hbs'), 'utf8');
    mkdirSync(path.join(templates, 'client/src'), { recursive: true });
    writeFileSync(path.join(templates, 'client/src/client.ts.hbs'), `// overridden by my team\n${original}`);
    const out = tempDir();
    const { code } = runCli(['generate', '--spec', fixture('petstore.yaml'), '--out', out, '--templates', templates]);
    expect(code).toBe(0);
    expect(readFileSync(path.join(out, 'client/src/client.ts'), 'utf8')).toMatch(/^\/\/ overridden by my team\n/);
  });

  it('fails generation, naming the template, when an override yields invalid TypeScript', () => {
    const templates = tempDir();
    mkdirSync(path.join(templates, 'client/src'), { recursive: true });
    writeFileSync(path.join(templates, 'client/src/client.ts.hbs'), 'export const = {{json api.title}};\n');
    const out = tempDir();
    runCli(['generate', '--spec', fixture('petstore.yaml'), '--out', out]);
    const before = snapshotTree(out);
    const { code, stderr } = runCli(['generate', '--spec', fixture('petstore.yaml'), '--out', out, '--templates', templates]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/template client\/src\/client\.ts\.hbs produced invalid TypeScript/);
    expect(stderr).not.toMatch(/\n\s+at /);
    // The previous output is intact.
    expect(snapshotTree(out)).toEqual(before);
  });

  it('reads specloom.config.json in the working folder, flags winning over it', () => {
    const cwd = tempDir();
    cpSync(fixture('petstore.yaml'), path.join(cwd, 'api.yaml'));
    writeFileSync(path.join(cwd, 'specloom.config.json'), JSON.stringify({ spec: 'api.yaml', out: 'out-a', targets: [{ name: 'client', packageName: '@acme/pets' }, 'stackql-docs'] }));
    expect(runCli(['generate'], { cwd }).code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(cwd, 'out-a/client/package.json'), 'utf8')).name).toBe('@acme/pets');
    expect(runCli(['generate', '--out', 'out-b'], { cwd }).code).toBe(0);
    expect(existsSync(path.join(cwd, 'out-b/client/package.json'))).toBe(true);
    writeFileSync(path.join(cwd, 'specloom.config.json'), JSON.stringify({ spec: 'api.yaml', outt: 'x' }));
    const bad = runCli(['generate'], { cwd });
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringMatching(/specloom\.config\.json: invalid config:\n {2}outt: unknown key/)]);
  });

  it('reuses a cached result only for the same inputs', () => {
    const cwd = tempDir();
    mkdirSync(path.join(cwd, 'node_modules'));
    cpSync(fixture('petstore.yaml'), path.join(cwd, 'api.yaml'));
    expect(runCli(['generate', '--spec', 'api.yaml', '--out', 'out'], { cwd }).code).toBe(0);
    expect(readdirSync(path.join(cwd, 'node_modules/.cache/specloom')).length).toBe(1);
    writeFileSync(path.join(cwd, 'api.yaml'), readFileSync(path.join(cwd, 'api.yaml'), 'utf8').replace('title: Petstore', 'title: Pet Shop'));
    expect(runCli(['generate', '--spec', 'api.yaml', '--out', 'out'], { cwd }).stdout).toMatch(/[1-9]\d* written/);
    expect(JSON.parse(readFileSync(path.join(cwd, 'out/client/package.json'), 'utf8')).name).toBe('pet-shop');
    const again = runCli(['generate', '--spec', 'api.yaml', '--out', 'out'], { cwd });
    expect(again.stdout).toMatch(/ 0 written/);
  });

  it('is deterministic across time zones and locales', () => {
    const a = tempDir();
    const b = tempDir();
    runCli(['generate', '--no-cache', '--out', a], { env: { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' } });
    runCli(['generate', '--no-cache', '--out', b], { env: { TZ: 'Pacific/Chatham', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' } });
    const treeA = snapshotTree(a);
    expect(Object.keys(treeA).length).toBeGreaterThan(5);
    expect(snapshotTree(b)).toEqual(treeA);
  });
});

describe('specloom generate --watch', () => {
  it('regenerates when the spec changes', async () => {
    const { spawn } = await import('node:child_process');
    const dir = tempDir();
    const spec = path.join(dir, 'api.yaml');
    cpSync(fixture('petstore.yaml'), spec);
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/specloom.js'), 'generate', '--watch', '--spec', spec, '--out', path.join(dir, 'out')], { cwd: dir });
    let stdout = '';
    const waiters = new Set<() => void>();
    const onData = (d: unknown) => {
      stdout += String(d);
      for (const w of waiters) w();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const waitFor = (re: RegExp) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (re.test(stdout)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${re}; got:\n${stdout}`));
        }, 15_000);
        waiters.add(check);
        check();
      });
    try {
      await waitFor(/watching/);
      writeFileSync(spec, readFileSync(spec, 'utf8').replace('version: 1.2.0', 'version: 1.3.0'));
      await waitFor(/ written[\s\S]* written[^\n]*from the change\)\n/);
      expect(JSON.parse(readFileSync(path.join(dir, 'out/client/package.json'), 'utf8')).version).toBe('1.3.0');
      // Saves in quick succession, some during the run the first one starts: the last state wins.
      const runsBefore = stdout.match(/ written/g)!.length;
      for (const version of ['1.4.0', '1.5.0', '1.6.0']) {
        writeFileSync(spec, readFileSync(spec, 'utf8').replace(/version: 1\.\d\.0/, `version: ${version}`));
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && JSON.parse(readFileSync(path.join(dir, 'out/client/package.json'), 'utf8')).version !== '1.6.0') await new Promise((resolve) => setTimeout(resolve, 50));
      expect(JSON.parse(readFileSync(path.join(dir, 'out/client/package.json'), 'utf8')).version).toBe('1.6.0');
      expect(stdout.match(/ written/g)!.length).toBeGreaterThan(runsBefore);
      // A save in two writes (emptied, then written), as some editors do: nothing runs on the empty file, and the
      // whole file is generated once written.
      const text = readFileSync(spec, 'utf8').replace('version: 1.6.0', 'version: 1.7.0');
      truncateSync(spec, 0);
      await new Promise((resolve) => setTimeout(resolve, 5));
      writeFileSync(spec, text);
      const until = Date.now() + 10_000;
      while (Date.now() < until && JSON.parse(readFileSync(path.join(dir, 'out/client/package.json'), 'utf8')).version !== '1.7.0') await new Promise((resolve) => setTimeout(resolve, 50));
      expect(JSON.parse(readFileSync(path.join(dir, 'out/client/package.json'), 'utf8')).version).toBe('1.7.0');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(stdout).not.toMatch(/error/);
    } finally {
      child.kill();
    }
  }, 30_000);
});

describe('a config that lists several jobs', () => {
  it('runs them in one process; a bad spec fails its own job, by name, and the others are written whole', () => {
    const dir = tempDir();
    cpSync(fixture('petstore.yaml'), path.join(dir, 'petstore.yaml'));
    cpSync(fixture('deep-refs.yaml'), path.join(dir, 'deep-refs.yaml'));
    writeFileSync(path.join(dir, 'bad.yaml'), 'openapi: 3.0.0\ninfo: [unclosed\n');
    writeFileSync(
      path.join(dir, 'specloom.config.mjs'),
      `export default [
        { spec: 'petstore.yaml', out: 'out/petstore' },
        { name: 'broken', spec: 'bad.yaml', out: 'out/bad' },
        { spec: 'deep-refs.yaml', out: 'out/deep', targets: ['client'] },
      ];\n`,
    );
    const { code, stdout, stderr } = runCli(['generate', '--no-cache'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^specloom: broken: error: bad\.yaml:3:1: invalid YAML/m);
    expect(stdout).toMatch(/^specloom: petstore\.yaml: \d+ written/m);
    expect(stdout).toMatch(/^specloom: deep-refs\.yaml: \d+ written/m);
    expect(stdout).toMatch(/3 jobs, 2 done, 1 failed/);
    expect(existsSync(path.join(dir, 'out/bad'))).toBe(false);
    // Each job's output is what a run of that job alone writes.
    for (const [spec, out, extra] of [['petstore.yaml', 'out/petstore', []], ['deep-refs.yaml', 'out/deep', ['--config', 'client-only.json']]] as const) {
      const alone = path.join(dir, 'alone', out);
      if (extra.length > 0) writeFileSync(path.join(dir, 'client-only.json'), JSON.stringify({ targets: ['client'] }));
      else writeFileSync(path.join(dir, 'empty.json'), '{}');
      expect(runCli(['generate', '--no-cache', '--spec', spec, '--out', alone, ...(extra.length > 0 ? extra : ['--config', 'empty.json'])], { cwd: dir }).code).toBe(0);
      expect(snapshotTree(path.join(dir, out))).toEqual(snapshotTree(alone));
    }
  }, 60_000);

  it('refuses --spec, --out and --watch, which name one job', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'specloom.config.json'), JSON.stringify([{ spec: 'a.yaml' }, { spec: 'b.yaml' }]));
    for (const flags of [['--spec', 'x.yaml'], ['--out', 'x'], ['--watch']]) {
      const { code, stderr } = runCli(['generate', ...flags], { cwd: dir });
      expect(code).toBe(2);
      expect(stderr).toMatch(/specloom: error: specloom\.config\.json: .*the config lists 2/);
    }
  });
});

describe('two specloom processes on one output folder', () => {
  it('never interleave their writes: both finish, and the folder is what one run writes', async () => {
    const { spawn } = await import('node:child_process');
    const dir = tempDir();
    const runOnce = () =>
      new Promise<number>((resolve) => {
        const child = spawn(process.execPath, [path.join(ROOT, 'bin/specloom.js'), 'generate', '--no-cache', '--quiet', '--spec', fixture('petstore.yaml'), '--out', 'out'], { cwd: dir, stdio: 'ignore' });
        child.on('exit', (code) => resolve(code ?? 2));
      });
    expect(await Promise.all([runOnce(), runOnce(), runOnce()])).toEqual([0, 0, 0]);
    const reference = tempDir();
    // Like the three runs, without a config file.
    expect(runCli(['generate', '--no-cache', '--spec', fixture('petstore.yaml'), '--out', reference], { cwd: tempDir() }).code).toBe(0);
    expect(snapshotTree(path.join(dir, 'out'))).toEqual(snapshotTree(reference));
    expect(readdirSync(dir).sort()).toEqual(['out']);
  }, 60_000);
});
