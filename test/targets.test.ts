/**
 * The target contract from the user's side: a target of their own in the config file, the config's
 * schema, `generate()` from code, and the registry's ordering.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../generator/index.js';
import { resolveConfig } from '../generator/config.js';
import { SpecloomError } from '../generator/errors.js';
import { fixture, ROOT, runCli } from './helpers/pipeline.js';

const temps: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'specloom-targets-'));
  temps.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

function tree(dir: string): Record<string, string> {
  if (!existsSync(dir)) return {};
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out[path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/')] = readFileSync(path.join(e.parentPath, e.name), 'utf8');
  }
  return out;
}

/** The README's example: a target of one's own, written in the config file. */
const OPERATION_LIST = `
import { defineConfig } from 'specloom/config';
export default defineConfig({
  spec: 'api.yaml',
  out: 'out',
  targets: ['client', 'stackql-docs', {
    name: 'operation-list',
    emit: ({ model }) => [{ path: 'operations.txt',
      contents: model.operations.map((o) => \`\${o.method.toUpperCase()} \${o.path} \${o.operationId}\`).join('\\n') + '\\n' }],
  }],
});
`;

/** A project folder with petstore as api.yaml and specloom itself installed, as a user has it. */
function project(config: string): string {
  const cwd = tempDir();
  cpSync(fixture('petstore.yaml'), path.join(cwd, 'api.yaml'));
  writeFileSync(path.join(cwd, 'specloom.config.ts'), config);
  // `specloom/config` resolves to this checkout, as it would to the installed package.
  mkdirSync(path.join(cwd, 'node_modules'));
  symlinkSync(ROOT, path.join(cwd, 'node_modules/specloom'), 'dir');
  return cwd;
}

describe('a target of the user’s own', () => {
  it('runs from the config file beside the built-in targets, through the same write stage', () => {
    const cwd = project(OPERATION_LIST);
    const result = runCli(['generate', '--no-cache'], { cwd });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const out = tree(path.join(cwd, 'out'));
    expect(out['operations.txt']).toBe(
      'GET /pets listPets\nPOST /pets createPet\nGET /pets/{petId} showPetById\nPUT /pets/{petId}/tags setPetTags\n',
    );
    expect(JSON.parse(out['.specloom-manifest.json']!).files).toContain('operations.txt');
    expect(out['client/package.json']).toBeDefined();
    expect(out['docs/index.md']).toBeDefined();
    expect(runCli(['generate', '--check'], { cwd }).code).toBe(0);
    writeFileSync(path.join(cwd, 'out/operations.txt'), 'edited\n');
    expect(runCli(['generate', '--check'], { cwd })).toMatchObject({ code: 1, stdout: expect.stringContaining('changed  out/operations.txt') });
  });

  it.each([
    ['throws', `emit: () => { throw new Error('no operations here'); }`, /target operation-list failed in emit: no operations here/],
    ['writes outside the output folder', `emit: () => [{ path: '../escape.txt', contents: 'x' }]`, /target operation-list failed in emit: target operation-list wants to write "\.\.\/escape\.txt": .*leaves the output folder/],
    ['writes an absolute path', `emit: () => [{ path: '/tmp/x.txt', contents: 'x' }]`, /wants to write "\/tmp\/x\.txt": the path is absolute/],
    ['writes a file another target writes', `emit: () => [{ path: 'client/package.json', contents: '{}' }]`, /targets client and operation-list both write client\/package\.json/],
    ['returns no array', `emit: () => 'operations'`, /target operation-list returned something that is not an array of files/],
  ])('that %s fails generation with exit 2, its name and the reason, and writes nothing', (_what, emit, message) => {
    const cwd = project(OPERATION_LIST);
    expect(runCli(['generate', '--no-cache'], { cwd }).code).toBe(0);
    const before = tree(path.join(cwd, 'out'));
    writeFileSync(path.join(cwd, 'specloom.config.ts'), `export default { spec: 'api.yaml', out: 'out', targets: ['client', 'stackql-docs', { name: 'operation-list', ${emit} }] };\n`);
    const result = runCli(['generate', '--no-cache'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(tree(path.join(cwd, 'out'))).toEqual(before);
    expect(existsSync(path.join(cwd, 'escape.txt'))).toBe(false);
  });

  it.each([
    ['throws', `emit: () => { throw new Error('no operations here'); }`],
    ['writes outside the output folder', `emit: () => [{ path: '../escape.txt', content: 'x' }, { path: '../../escape.txt', content: 'x' }]`],
    ['writes a file another target writes', `emit: () => [{ path: 'client/package.json', content: '{}' }]`],
  ])('that %s leaves no trace of a new output folder (its files are staged while the others still work)', (_what, emit) => {
    const cwd = project(OPERATION_LIST);
    writeFileSync(path.join(cwd, 'specloom.config.ts'), `export default { spec: 'api.yaml', out: 'out', targets: ['client', 'stackql-docs', { name: 'operation-list', ${emit} }] };\n`);
    const before = readdirSync(cwd).sort();
    expect(runCli(['generate', '--no-cache'], { cwd }).code).toBe(2);
    expect(readdirSync(cwd).sort()).toEqual(before);
    expect(existsSync(path.join(path.dirname(cwd), 'escape.txt'))).toBe(false);
  });

  it('gets its own config, the name registry, its plan and a template renderer', async () => {
    const templates = tempDir();
    cpSync(fixture('petstore.yaml'), path.join(templates, 'api.yaml'));
    const dir = path.join(templates, 'tpl/summary');
    mkdirSync(dir, { recursive: true });
    // A bare {{id}} of a string would fail here too: the strict output rule holds in a user target's environment.
    writeFileSync(path.join(dir, 'summary.md.hbs'), '# {{title}}\n\n{{#each ops}}- {{text id}} ({{count}})\n{{/each}}');
    const result = await generate({
      cwd: templates,
      spec: 'api.yaml',
      out: 'out',
      templates: 'tpl',
      targets: [
        'client',
        {
          name: 'summary',
          dependsOn: ['client'],
          templateRoot: 'summary',
          helpers: () => [
            (hb) => {
              hb.registerHelper('title', () => new hb.SafeString('Operations'));
              hb.registerHelper('text', (v: unknown) => new hb.SafeString(String(v).replace(/[\\`*_[\]<>#]/g, '\\$&')));
            },
          ],
          plan: ({ model, names, plans }) => ({
            file: names.claimFile('summary/index.md', 'summary'),
            // A name in the client package's scope: it cannot clash with the client's exports.
            exportName: names.scope('client/values').claim('createClient'),
            clientPackage: (plans['client'] as { packageName: string }).packageName,
            ops: model.operations.map((o) => ({ id: o.operationId, count: o.parameters.length })),
          }),
          emit: ({ plan, templates: renderer }) => {
            const p = plan as { file: string; exportName: string; clientPackage: string; ops: unknown[] };
            return [{ path: p.file, content: renderer.render('summary/summary.md.hbs', { ops: p.ops }) + `\n${p.clientPackage} ${p.exportName}\n` }];
          },
        },
      ],
    });
    const summary = result.files.find((f) => f.path === 'summary/index.md')!.content;
    expect(summary).toBe('# Operations\n\n- listPets (2)\n- createPet (0)\n- showPetById (1)\n- setPetTags (1)\n\npetstore createClient2\n');
    expect(readFileSync(path.join(templates, 'out/summary/index.md'), 'utf8')).toBe(summary);
  });
});

describe('the config schema', () => {
  const problems = (config: unknown) => {
    try {
      resolveConfig(config, {}, 'specloom.config.json');
    } catch (error) {
      expect(error).toBeInstanceOf(SpecloomError);
      return (error as SpecloomError).format();
    }
    throw new Error('the config was accepted');
  };

  it('names the key, what was expected and what was given, for every problem at once', () => {
    const text = problems({ targets: [{ name: 'stackql-docs', style: 'legacyy', provder: 'x' }, { name: 'client', packageName: 42 }] });
    expect(text).toMatch(/^specloom\.config\.json: invalid config:/);
    expect(text).toContain('targets[0].style: Invalid option: expected one of "current"|"legacy" (given: "legacyy")');
    expect(text).toContain('targets[0].provder: unknown key');
    expect(text).toContain('targets[1].packageName: Invalid input: expected string, received number (given: 42)');
  });

  it("says where the old 'client' and 'docs' keys went", () => {
    const text = problems({ docs: { style: 'legacyy', provder: 'x' }, client: { packageName: 42 } });
    expect(text).toContain("client: unknown key: the client's options moved into targets: [{ name: 'client', packageName: ... }]");
    expect(text).toContain("docs: unknown key: the docs options moved into targets: [{ name: 'stackql-docs', style: ..., provider: ... }]");
  });

  it('refuses unknown targets, a type where a name is expected, a target listed twice, and a missing dependency', () => {
    expect(problems({ targets: ['clients'] })).toContain('targets[0]: unknown target "clients" (expected one of "client", "schemas", "mocks", "stackql-docs", "stackql-provider")');
    expect(problems({ targets: [42] })).toContain('targets[0]: expected a target name or a target object (given: 42)');
    expect(problems({ targets: ['client', 'client'] })).toContain('targets[1]: target client is listed twice');
    expect(problems({ targets: [{ name: 'x', dependsOn: ['schemas'], emit: () => [] }] })).toContain('target x depends on schemas, which the config does not list');
    expect(problems({ spec: 3 })).toContain('spec: Invalid input: expected string, received number (given: 3)');
    expect(problems({ profile: 'linodee' })).toContain('profile: Invalid option');
  });

  it('orders targets after the ones they depend on, else as listed', () => {
    const t = (name: string, dependsOn: string[] = []) => ({ name, dependsOn, emit: () => [] });
    const { targets } = resolveConfig({ targets: [t('b', ['c']), 'client', t('c', ['client']), t('a')] });
    expect(targets.map((x) => x.target.name)).toEqual(['client', 'c', 'b', 'a']);
    expect(() => resolveConfig({ targets: [t('p', ['q']), t('q', ['p'])] })).toThrowError(/cycle: p -> q -> p/);
  });

  it('fails the CLI with exit 2 on a bad config, naming the file and the keys', () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'specloom.config.json'), JSON.stringify({ docs: { style: 'legacyy', provder: 'x' }, client: { packageName: 42 } }));
    const result = runCli(['generate'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^specloom: error: specloom\.config\.json: invalid config:\n/);
    expect(result.stderr).toContain('  client: unknown key');
    expect(result.stderr).toContain('  docs: unknown key');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('generate() from code', () => {
  it('writes the same files as the CLI, and prints nothing', async () => {
    const viaCli = tempDir();
    const viaApi = tempDir();
    // Both without a config file (the repository's own lists more targets than the defaults).
    expect(runCli(['generate', '--no-cache', '--spec', fixture('petstore.yaml'), '--out', viaCli], { cwd: tempDir() }).code).toBe(0);
    const writes: string[] = [];
    const original = { out: process.stdout.write, err: process.stderr.write };
    process.stdout.write = ((s: string) => (writes.push(s), true)) as typeof process.stdout.write;
    process.stderr.write = ((s: string) => (writes.push(s), true)) as typeof process.stderr.write;
    let summary;
    try {
      summary = await generate({ spec: fixture('petstore.yaml'), out: viaApi });
    } finally {
      process.stdout.write = original.out;
      process.stderr.write = original.err;
    }
    expect(writes).toEqual([]);
    expect(tree(viaApi)).toEqual(tree(viaCli));
    expect(summary.written).toEqual(expect.arrayContaining(summary.files.map((f) => f.path)));
    expect((await generate({ spec: fixture('petstore.yaml'), out: viaApi, check: true })).drift).toBe(false);
  });
});
