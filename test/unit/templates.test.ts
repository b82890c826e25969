import { describe, expect, it } from 'vitest';
import Handlebars from 'handlebars';
import { jsonValue } from '../../generator/escape/json.js';
import { jsdocLines, tsString } from '../../generator/escape/typescript.js';
import { genericProfile } from '../../generator/profiles/generic.js';
import { linodeProfile } from '../../generator/profiles/linode.js';
import { createTemplateEngine as createEngine } from '../../generator/render/engine.js';
import { typescriptHelpers } from '../../generator/render/typescript-helpers.js';
import { clientHelpers } from '../../generator/targets/client/helpers.js';

/** An environment with the client target's helpers, as the pipeline makes it. */
const createTemplateEngine = (files: Map<string, string>) =>
  createEngine(files, { partialRoots: ['client'], helpers: [typescriptHelpers(linodeProfile.content), clientHelpers(linodeProfile.content)] });
import { checkAndPrint } from '../../generator/typescript/format.js';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveConfig } from '../../generator/config.js';
import { loadTemplates } from '../../generator/inputs.js';
import { parseSpecText } from '../../generator/load/load.js';
import { generateFiles } from '../../generator/pipeline.js';
import { ROOT } from '../helpers/pipeline.js';
import { SpecloomError } from '../../generator/errors.js';

describe('escaping helpers', () => {
  it('tsString: quotes, backslashes, newlines and line separators cannot end the literal', () => {
    const hostile = "a'b\\c\nd\u2028e`${x}`";
    const literal = tsString(hostile);
    expect(literal).toBe("'a\\'b\\\\c\\nd\\u2028e`${x}`'");
    expect(new Function(`return ${literal}`)()).toBe(hostile);
  });

  it('jsdocLines: "*/" cannot close the comment and "@" at a line start is not a tag', () => {
    const lines = jsdocLines('ends here */ alert(1)\n@param x');
    expect(lines.join('\n')).not.toContain('*/');
    expect(lines[1]).toBe('\\@param x');
  });

  it('jsonValue escapes U+2028/2029', () => {
    expect(jsonValue('a\u2028b')).toBe('"a\\u2028b"');
  });

  it("the Linode profile's clean-up drops <<LB>> markers and extra blank lines; the generic one keeps the text", () => {
    const text = 'Returns a token.\n\n\n<<LB>>\n\n---\n\n\n- __CLI__.';
    expect(linodeProfile.content.cleanText(text)).toBe('Returns a token.\n\n---\n\n- __CLI__.');
    expect(genericProfile.content.cleanText(text)).toBe('Returns a token.\n\n<<LB>>\n\n---\n\n- __CLI__.');
  });
});

describe('template engine', () => {
  it('refuses spec text output without an escaping helper, naming the template', () => {
    const engine = createTemplateEngine(new Map([['client/x.ts.hbs', 'const a = {{value}};']]));
    expect(() => engine.render('client/x.ts.hbs', { value: "'; process.exit(1); '" })).toThrowError(/client\/x\.ts\.hbs.*without an escaping helper/);
  });

  it('lets numbers through and escapes through helpers', () => {
    const engine = createTemplateEngine(new Map([['t.hbs', 'const a = {{tsString s}}; const n = {{n}}; const {{id name}} = 1;']]));
    expect(engine.render('t.hbs', { s: "it's", n: 3, name: 'ok' })).toBe("const a = 'it\\'s'; const n = 3; const ok = 1;");
  });

  it('rejects a non-identifier passed to {{id}}', () => {
    const engine = createTemplateEngine(new Map([['t.hbs', 'const {{id name}} = 1;']]));
    expect(() => engine.render('t.hbs', { name: 'a; evil()' })).toThrowError(SpecloomError);
  });

  it('keeps the strict output rule to its own environments: Handlebars itself still HTML-escapes', () => {
    createTemplateEngine(new Map([['t.hbs', '{{n}}']])).render('t.hbs', { n: 1 });
    expect(Handlebars.compile('{{x}}')({ x: '<b>' })).toBe('&lt;b&gt;');
    expect(Handlebars.create().compile('{{x}}')({ x: 'a&b' })).toBe('a&amp;b');
  });

  it('scopes partials to their template roots: a partial of another root is not seen, a later root wins', () => {
    const files = new Map([
      ['a/partials/p.hbs', 'from a'],
      ['b/partials/p.hbs', 'from b'],
      ['c/partials/q.hbs', 'from c'],
      ['a/t.hbs', '{{> p}}'],
      ['a/u.hbs', '{{> q}}'],
    ]);
    expect(createEngine(files, { partialRoots: ['a'], helpers: [] }).render('a/t.hbs', {})).toBe('from a');
    expect(createEngine(files, { partialRoots: ['a', 'b'], helpers: [] }).render('a/t.hbs', {})).toBe('from b');
    expect(() => createEngine(files, { partialRoots: ['a'], helpers: [] }).render('a/u.hbs', {})).toThrowError(/partial q could not be found/);
  });

  it('keeps helpers to their environments', () => {
    const files = new Map([['t.hbs', '{{tsString s}}']]);
    expect(createTemplateEngine(files).render('t.hbs', { s: 'x' })).toBe("'x'");
    expect(() => createEngine(files, { partialRoots: [], helpers: [] }).render('t.hbs', { s: 'x' })).toThrowError(/t\.hbs failed/);
  });

  it('reports a template syntax error as a SpecloomError naming the template', () => {
    const engine = createTemplateEngine(new Map([['client/bad.hbs', '{{#if x}}unclosed']]));
    expect(() => engine.render('client/bad.hbs', { x: true })).toThrowError(/template client\/bad\.hbs failed/);
  });
});

describe('ts-morph check', () => {
  it('fails on invalid TypeScript, naming the template and the line', () => {
    expect(() => checkAndPrint([{ path: 'client/src/a.ts', text: 'export const a = ;\n', origin: 'template client/src/a.ts.hbs' }])).toThrowError(
      /template client\/src\/a\.ts\.hbs produced invalid TypeScript in client\/src\/a\.ts at line 1/,
    );
  });

  it('keeps a shaped file as rendered (only cleaned up), and still fails on its syntax errors', () => {
    const text = 'export class A {\nfoo(): number {\nreturn 1\n}\n}   \n\n\n\n';
    expect(checkAndPrint([{ path: 'a.ts', text, origin: 't', shaped: true }]).get('a.ts')).toBe('export class A {\nfoo(): number {\nreturn 1\n}\n}\n\n');
    expect(() => checkAndPrint([{ path: 'a.ts', text: 'export const a = ;\n', origin: 'template client/src/a.ts.hbs', shaped: true }])).toThrowError(/template client\/src\/a\.ts\.hbs produced invalid TypeScript/);
  });

  it('formats the TypeScript of a target whose templates the user overrode; a copy of a built-in template is no override', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'specloom-override-'));
    try {
      const spec = readFileSync(path.join(ROOT, 'test/fixtures/petstore.yaml'), 'utf8');
      const copied = path.join(dir, 'copy', 'client/src');
      mkdirSync(copied, { recursive: true });
      writeFileSync(path.join(copied, 'index.ts.hbs'), readFileSync(path.join(ROOT, 'templates/client/src/index.ts.hbs'), 'utf8'));
      expect((await loadTemplates(path.join(dir, 'copy'))).userPaths).toEqual(new Set());
      const changed = path.join(dir, 'changed', 'client/src');
      mkdirSync(changed, { recursive: true });
      writeFileSync(path.join(changed, 'index.ts.hbs'), 'export class A {\nfoo(): number {\nreturn 1\n}\n}\n');
      const templates = await loadTemplates(path.join(dir, 'changed'));
      expect([...templates.userPaths!]).toEqual(['client/src/index.ts.hbs']);
      const { files } = await generateFiles(parseSpecText(spec, 'petstore.yaml'), templates, resolveConfig({ spec: 'petstore.yaml' }));
      expect(files.find((f) => f.path === 'client/src/index.ts')?.content).toBe('export class A {\n  foo(): number {\n    return 1;\n  }\n}\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints valid TypeScript formatted', () => {
    const out = checkAndPrint([{ path: 'a.ts', text: 'export class A {\nfoo(): number {\nreturn 1\n}\n}\n', origin: 't' }]);
    expect(out.get('a.ts')).toBe('export class A {\n  foo(): number {\n    return 1;\n  }\n}\n');
  });
});

describe('markdown and literal helpers', () => {
  it('tsLiteral prints JSON values as TypeScript, keys bare when they can be', async () => {
    const { tsLiteral } = await import('../../generator/escape/typescript.js');
    const { isIdentifier } = await import('../../generator/names/naming.js');
    expect(tsLiteral({ label: "it's", 'page-size': 25, nested: [true, null] }, isIdentifier)).toBe("{ label: 'it\\'s', 'page-size': 25, nested: [true, null] }");
  });

  it('markdownInline keeps a table cell one line and neutralises HTML and pipes', async () => {
    const { markdownInline } = await import('../../generator/escape/markdown.js');
    expect(markdownInline('a | b\n<script>alert(1)</script>')).toBe('a \\| b \\<script\\>alert(1)\\</script\\>');
    expect(markdownInline('# not a heading')).toBe('\\# not a heading');
  });

  it('markdownBlock keeps paragraphs and neutralises raw HTML', async () => {
    const { markdownBlock } = await import('../../generator/escape/markdown.js');
    expect(markdownBlock('One.\n\n<img src=x onerror=alert(1)>')).toBe('One.\n\n\\<img src=x onerror=alert(1)>');
  });
});
