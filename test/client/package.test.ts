/**
 * The generated client as a package people install: built with tsup, checked by publint and
 * @arethetypeswrong/cli, packed with npm, installed from the tarball into a fresh project, imported
 * from ES modules and CommonJS, type-checked under node16, nodenext and bundler resolution with
 * strict and exactOptionalPropertyTypes, and called against a loopback server.
 */
import { execFile, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tsc } from '../helpers/pipeline.js';

const temps: string[] = [];
const temp = (prefix: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
};

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', ...env } });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}
/** For child processes that call the in-process server: spawnSync would block its event loop. */
function runAsync(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd, env: { ...process.env, ...env }, timeout: 30_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${err.message}\n${stdout}${stderr}`)) : resolve(`${stdout}${stderr}`),
    );
  });
}
const bin = (rel: string) => path.join(ROOT, 'node_modules', rel);

let pkgDir: string;
let tarball: string;
let consumer: string;
let server: Server;
let baseUrl: string;
const requests: { url: string; auth: string | undefined }[] = [];

beforeAll(async () => {
  pkgDir = path.join(temp('specloom-pkg-'), 'client');
  cpSync(path.join(ROOT, 'generated/client'), pkgDir, { recursive: true });
  // The build tools come from this repo's node_modules (the package's devDependencies).
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(pkgDir, 'node_modules'), 'dir');
  const build = run(process.execPath, [bin('tsup/dist/cli-default.js')], pkgDir);
  if (build.code !== 0) throw new Error(`tsup failed:\n${build.out}`);
  const pack = run('npm', ['pack', '--ignore-scripts', '--pack-destination', path.dirname(pkgDir)], pkgDir);
  if (pack.code !== 0) throw new Error(`npm pack failed:\n${pack.out}`);
  tarball = path.join(path.dirname(pkgDir), readdirSync(path.dirname(pkgDir)).find((f) => f.endsWith('.tgz'))!);

  consumer = temp('specloom-consumer-');
  writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  const install = run('npm', ['install', '--no-save', '--ignore-scripts', '--offline', tarball], consumer);
  if (install.code !== 0) throw new Error(`npm install of the tarball failed:\n${install.out}`);
  // zod is the schemas' optional peer dependency: the consumer installs it, as a user who imports /schemas does.
  symlinkSync(path.join(ROOT, 'node_modules/zod'), path.join(consumer, 'node_modules/zod'), 'dir');
  // msw, the mocks' optional peer, likewise.
  symlinkSync(path.join(ROOT, 'node_modules/msw'), path.join(consumer, 'node_modules/msw'), 'dir');

  server = createServer((req, res) => {
    requests.push({ url: req.url ?? '', auth: req.headers.authorization });
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ data: [{ id: 1, label: 'from-loopback' }], page: 1, pages: 1, results: 1 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}, 180_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  temps.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

describe('the generated client package', () => {
  it('passes publint', () => {
    const r = run(process.execPath, [bin('publint/src/cli.js'), '--strict'], pkgDir);
    expect(r.out).not.toMatch(/error|warning|suggestion/i);
    expect(r.code).toBe(0);
  });

  it('passes @arethetypeswrong/cli', () => {
    // node16 profile: Node 10's resolution (TypeScript's moduleResolution node10) has no subpath exports (./schemas).
    const r = run(process.execPath, [bin('@arethetypeswrong/cli/dist/index.js'), tarball, '--format', 'ascii', '--profile', 'node16'], pkgDir);
    expect(r.out.split('\n').filter((line) => /💀|❌|🥴|⚠️|🐛|❗️|🎭|🚭/u.test(line) && !line.includes('(ignored)') && !line.startsWith('(ignored'))).toEqual([]);
    expect(r.out).toMatch(/node16 \(from CJS\): 🟢[^\n]*\n[^\n]*node16 \(from ESM\): 🟢[^\n]*\n[^\n]*bundler: 🟢/u);
    expect(r.code).toBe(0);
  });

  it('imports from ES modules and calls list() against a loopback server', async () => {
    writeFileSync(
      path.join(consumer, 'esm.mjs'),
      `import { createClient, LinodeApiError } from 'linode-api';\n` +
        `const page = await createClient({ token: 'tok', baseUrl: process.env.BASE_URL }).profile.personalAccessTokens.list({ pageSize: 25 });\n` +
        `console.log(JSON.stringify({ label: page.data[0].label, error: typeof LinodeApiError }));\n`,
    );
    const out = await runAsync(['esm.mjs'], consumer, { BASE_URL: baseUrl });
    expect(out.trim()).toBe('{"label":"from-loopback","error":"function"}');
    expect(requests.at(-1)).toEqual({ url: '/v4/profile/tokens?page_size=25', auth: 'Bearer tok' });
  });

  it('imports /schemas from ES modules and CommonJS, and validates through them when asked', async () => {
    writeFileSync(
      path.join(consumer, 'schemas.mjs'),
      `import { createClient } from 'linode-api';\n` +
        `import { operationSchemas, PersonalAccessTokenSchema } from 'linode-api/schemas';\n` +
        `const linode = createClient({ token: 'tok', baseUrl: process.env.BASE_URL, validate: 'both', schemas: operationSchemas });\n` +
        `const page = await linode.profile.personalAccessTokens.list();\n` +
        `const refused = await linode.profile.personalAccessTokens.create({ label: '' }).catch((e) => e.name + ' ' + e.issues[0].pointer);\n` +
        `console.log(JSON.stringify({ label: page.data[0].label, parsed: PersonalAccessTokenSchema.safeParse({ label: 'x' }).success, refused }));\n`,
    );
    const before = requests.length;
    const out = await runAsync(['schemas.mjs'], consumer, { BASE_URL: baseUrl });
    expect(out.trim()).toBe('{"label":"from-loopback","parsed":true,"refused":"ValidationError /label"}');
    expect(requests.length).toBe(before + 1);
    writeFileSync(path.join(consumer, 'schemas.cjs'), `const { PersonalAccessTokenSchema } = require('linode-api/schemas');\nconsole.log(PersonalAccessTokenSchema.safeParse({ id: 'x' }).success);\n`);
    expect((await runAsync(['schemas.cjs'], consumer, {})).trim()).toBe('false');
  });

  it('imports /mocks from ES modules and CommonJS: the client against its own handlers in msw/node', async () => {
    writeFileSync(
      path.join(consumer, 'mocks.mjs'),
      `import { setupServer } from 'msw/node';\n` +
        `import { createClient } from 'linode-api';\n` +
        `import { handlers, createPersonalAccessToken } from 'linode-api/mocks';\n` +
        `const server = setupServer(...handlers);\nserver.listen({ onUnhandledRequest: 'error' });\n` +
        `const linode = createClient({ token: 'tok' });\n` +
        `const made = await linode.profile.personalAccessTokens.create({ label: 'from-mock' });\n` +
        `const page = await linode.profile.personalAccessTokens.list();\n` +
        `server.close();\n` +
        `console.log(JSON.stringify({ id: made.id, results: page.results, label: createPersonalAccessToken().label }));\n`,
    );
    expect((await runAsync(['mocks.mjs'], consumer, {})).trim()).toBe('{"id":4,"results":4,"label":"linode-cli"}');
    writeFileSync(path.join(consumer, 'mocks.cjs'), `const { handlersByOperation } = require('linode-api/mocks');\nconsole.log(Object.keys(handlersByOperation).length);\n`);
    expect((await runAsync(['mocks.cjs'], consumer, {})).trim()).toBe('5');
  });

  it('requires from CommonJS', async () => {
    writeFileSync(
      path.join(consumer, 'cjs.cjs'),
      `const { createClient } = require('linode-api');\n` +
        `createClient({ token: 'tok', baseUrl: process.env.BASE_URL, apiVersion: 'v4beta' }).profile.personalAccessTokens.list()` +
        `.then((page) => console.log(page.data[0].label));\n`,
    );
    const out = await runAsync(['cjs.cjs'], consumer, { BASE_URL: baseUrl });
    expect(out.trim()).toBe('from-loopback');
    expect(requests.at(-1)!.url).toBe('/v4beta/profile/tokens');
  });

  it.each([
    ['node16', 'node16'],
    ['nodenext', 'nodenext'],
    ['bundler', 'esnext'],
  ])('type-checks under moduleResolution %s with strict and exactOptionalPropertyTypes', (resolution, module) => {
    const dir = path.join(consumer, `ts-${resolution}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'index.ts'),
      `import { createClient, type PersonalAccessToken } from 'linode-api';\n` +
        `export async function labels(): Promise<string[]> {\n` +
        `  const linode = createClient({ token: 't' });\n` +
        `  const out: string[] = [];\n` +
        `  for await (const t of linode.profile.personalAccessTokens.listAll({ filter: { label: { '+contains': 'ci' } } })) {\n` +
        `    const token: PersonalAccessToken = t;\n` +
        `    out.push(token.label ?? '');\n` +
        `  }\n` +
        `  return out;\n` +
        `}\n`,
    );
    writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module, moduleResolution: resolution, target: 'es2022', lib: ['es2022', 'dom'], strict: true, exactOptionalPropertyTypes: true, noEmit: true, skipLibCheck: false, types: [] },
        files: ['index.ts'],
      }),
    );
    const { code, output } = tsc(['-p', path.join(dir, 'tsconfig.json')], dir);
    expect(output).toBe('');
    expect(code).toBe(0);
  });
});
