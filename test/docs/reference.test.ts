/**
 * Fed the StackQL provider spec the real docs-0.4.7/profile pages were made from, specloom writes
 * one page per resource, and each page has the structure of the real one: sections, tabs, field
 * rows, methods with their verbs and parameters, examples. The only differences are the ones the
 * issue's fixes cause, and each is asserted here as an expected difference:
 *
 * - fix 1: path-item parameters join Required Params, Parameters and the WHERE clauses;
 * - fix 3: typed placeholders, optional WHERE parameters as comment lines;
 * - fix 4: method rows carry the id their name links to; body fields in Required Params are not links;
 * - fix 5: list tabs (and their SELECT) show the items, not the pagination envelope;
 * - fix 6: `array` becomes `array<T>`, enum values are appended;
 * - fix 7: descriptions are Markdown blocks under tabs (the same text), fenced code in cells is code;
 * - fix 8: the Manifest parses (it has the same props);
 * - @@json: arrays and objects are JSON values, not strings.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { docsOf, REFERENCE, REFERENCE_PAGES } from './helpers.js';
import { analyzePage, attr, type MdxNode, walk } from './mdx.js';

const docs = docsOf(REFERENCE);
const RESOURCES = readdirSync(path.join(REFERENCE_PAGES, 'profile'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
// provider-index.md has CRLF line ends in places (an artifact of the docgen's template).
const refPage = (rel: string) => readFileSync(path.join(REFERENCE_PAGES, rel), 'utf8').replace(/\r\n/g, '\n');
const ourPage = async (rel: string) => (await docs).files.find((f) => f.path === rel)!.content;

// ---------------------------------------------------------------------------------------------
// The spec, read directly (not through specloom), for the expected differences.

const raw = YAML.parse(readFileSync(REFERENCE, 'utf8')) as {
  paths: Record<string, Record<string, { parameters?: { name: string; required?: boolean; schema?: { type?: string } }[] }> & { parameters?: { name: string; required?: boolean; schema?: { type?: string } }[] }>;
  components: { 'x-stackQL-resources': Record<string, { methods: Record<string, { operation: { $ref: string } }> }> };
};

/** The parameters an operation declares at path-item level (the ones the docgen dropped). */
function pathItemParams(resource: string, method: string) {
  const ref = raw.components['x-stackQL-resources'][resource]!.methods[method]!.operation.$ref;
  const [, p] = /^#\/paths\/(.*)\/\w+$/.exec(ref)!;
  const item = raw.paths[p!.replace(/~1/g, '/').replace(/~0/g, '~')]!;
  return (item.parameters ?? []).map((x) => ({ name: x.name, required: x.required === true, type: x.schema?.type ?? 'string' }));
}

/** The summary of a method's operation in the provider spec. */
function summaryOf(resource: string, method: string): string | undefined {
  const ref = raw.components['x-stackQL-resources'][resource]!.methods[method]!.operation.$ref;
  const [, p, verb] = /^#\/paths\/(.*)\/(\w+)$/.exec(ref)!;
  const item = raw.paths[p!.replace(/~1/g, '/').replace(/~0/g, '~')] as unknown as Record<string, { summary?: string }>;
  return item[verb!]?.summary;
}

function paramType(name: string): string {
  for (const item of Object.values(raw.paths)) {
    for (const v of Object.values(item)) {
      const list = Array.isArray(v) ? v : (v as { parameters?: { name: string; schema?: { type?: string } }[] }).parameters ?? [];
      for (const p of list) if (p.name === name) return p.schema?.type ?? 'string';
    }
  }
  return 'string';
}

const placeholder = (name: string, type: string) => (['integer', 'number', 'boolean'].includes(type) ? `{{ ${name} }}` : `'{{ ${name} }}'`);

// ---------------------------------------------------------------------------------------------
// Page structure, from the MDX syntax tree.

/** What a reader sees: text, code, CopyableCode values; `<br />` and markup dropped. */
function visible(node: MdxNode): string {
  if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'code') return node.value ?? '';
  if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name === 'CopyableCode') return attr(node, 'code') ?? '';
  // The label of a long cell's fold (#16) is a control, not the description's text.
  if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name === 'summary') return '';
  return (node.children ?? []).map(visible).join(' ');
}

/**
 * Descriptions compare as their words: line breaks, `<br />`s, quote and list markers and
 * backticks are layout, which the fixes change (Markdown blocks under tabs, fix 7).
 */
const words = (s: string) => s.replace(/<br \/>|[`>\s-]/g, '');

const jsx = (n: MdxNode, name: string) => (n.type === 'mdxJsxFlowElement' || n.type === 'mdxJsxTextElement') && n.name === name;
function all(node: MdxNode, name: string): MdxNode[] {
  const out: MdxNode[] = [];
  walk(node, (n) => {
    if (jsx(n, name)) out.push(n);
  });
  return out;
}

interface Row {
  id?: string;
  cells: MdxNode[];
}
function rows(table: MdxNode): Row[] {
  const body = all(table, 'tbody')[0];
  if (!body) return [];
  return (body.children ?? []).filter((n) => jsx(n, 'tr')).map((tr) => {
    const r: Row = { cells: (tr.children ?? []).filter((n) => jsx(n, 'td')) };
    const id = attr(tr, 'id');
    if (id !== undefined) r.id = id;
    return r;
  });
}

interface Tab {
  value: string;
  label: string;
  description: string;
  tables: MdxNode[];
  code: { lang: string | null; value: string }[];
}

/** The page's own code blocks (a description's code blocks have no language or another one). */
const isExample = (n: MdxNode) => n.type === 'code' && (n.lang === 'sql' || n.lang === 'yaml');

function tabsOf(tabs: MdxNode): { defaultValue: string; tabs: Tab[] } {
  const valuesAttr = tabs.attributes!.find((a) => a.name === 'values')!.value as { value: string };
  const values = new Function(`return ${valuesAttr.value}`)() as { label: string; value: string }[];
  const items = (tabs.children ?? []).filter((n) => jsx(n, 'TabItem'));
  expect(items.map((i) => attr(i, 'value'))).toEqual(values.map((v) => v.value));
  return {
    defaultValue: attr(tabs, 'defaultValue')!,
    tabs: items.map((item, i) => ({
      value: values[i]!.value,
      label: values[i]!.label,
      description: (item.children ?? []).filter((n) => !isExample(n) && !jsx(n, 'table')).map(visible).join(' '),
      tables: (item.children ?? []).filter((n) => jsx(n, 'table')),
      code: (item.children ?? []).filter(isExample).map((n) => ({ lang: n.lang ?? null, value: n.value ?? '' })),
    })),
  };
}

interface Structure {
  frontMatter: Record<string, unknown>;
  intro: string;
  overview: string[][];
  headings: string[];
  fieldsText: string;
  fieldTabs: { defaultValue: string; tabs: Tab[] } | null;
  methods: { rowId?: string; name: string; href: string; verb: string; required: string[]; requiredLinks: (string | null)[]; optional: string[]; description: string }[];
  parameters: { id?: string; name: string; type: string; description: string }[];
  examples: Record<string, { defaultValue: string; tabs: Tab[] }>;
}

async function structure(page: string): Promise<Structure> {
  const facts = await analyzePage(page);
  const top = facts.tree.children ?? [];
  const out: Structure = { frontMatter: facts.frontMatter, intro: '', overview: [], headings: [], fieldsText: '', fieldTabs: null, methods: [], parameters: [], examples: {} };
  let heading = '';
  for (const node of top) {
    if (node.type === 'heading' && node.depth === 2) {
      heading = visible(node);
      out.headings.push(heading);
      continue;
    }
    if (heading === '' && node.type === 'paragraph') out.intro = visible(node);
    if (heading === 'Overview' && jsx(node, 'table')) out.overview = rows(node).map((r) => r.cells.map(visible));
    if (heading === 'Fields' && node.type === 'paragraph') out.fieldsText += visible(node) + '\n';
    if (heading === 'Fields' && jsx(node, 'Tabs')) out.fieldTabs = tabsOf(node);
    if (heading === 'Methods' && jsx(node, 'table')) {
      out.methods = rows(node).map((r) => {
        const [name, verb, req, opt, desc] = r.cells;
        const codes = (cell: MdxNode) => all(cell, 'code').map(visible);
        const m: Structure['methods'][number] = {
          name: visible(name!).trim(),
          href: attr(all(name!, 'a')[0]!, 'href')!,
          verb: visible(verb!).trim(),
          required: codes(req!),
          requiredLinks: all(req!, 'code').map((c) => {
            const link = all(req!, 'a').find((a) => (a.children ?? []).includes(c));
            return link ? attr(link, 'href')! : null;
          }),
          optional: codes(opt!),
          description: visible(desc!),
        };
        if (r.id !== undefined) m.rowId = r.id;
        return m;
      });
    }
    if (heading === 'Parameters' && jsx(node, 'table')) {
      out.parameters = rows(node).map((r) => {
        const p: Structure['parameters'][number] = { name: visible(r.cells[0]!).trim(), type: visible(r.cells[1]!).trim(), description: visible(r.cells[2]!) };
        if (r.id !== undefined) p.id = r.id;
        return p;
      });
    }
    if (/examples$|^Lifecycle Methods$/.test(heading) && jsx(node, 'Tabs')) out.examples[heading] = tabsOf(node);
  }
  return out;
}

function fieldRows(tab: Tab) {
  return rows(tab.tables[0]!).map((r) => ({ name: visible(r.cells[0]!).trim(), type: visible(r.cells[1]!).trim(), description: visible(r.cells[2]!) }));
}

// ---------------------------------------------------------------------------------------------
// SQL examples, as data.

interface Sql {
  head: string;
  from?: string;
  columns: string[];
  values: string[];
  set: { column: string; value: string; required: boolean }[];
  where: { name: string; value: string; required: boolean; commented: boolean }[];
  returning: string[];
  params: { name: string; value: string; required: boolean }[];
  json: { key: string; value: string }[];
}

function parseSql(sql: string): Sql {
  const lines = sql.split('\n');
  const out: Sql = { head: lines[0]!.trimEnd(), columns: [], values: [], set: [], where: [], returning: [], params: [], json: [] };
  let mode: 'columns' | 'values' | 'set' | 'returning' | 'json' | 'none' = 'columns';
  const strip = (l: string) => l.replace(/[,;]\s*$/, '').replace(/ \/\* required \*\/$/, '');
  for (const rawLine of lines.slice(1)) {
    const line = rawLine.trimEnd();
    let m: RegExpExecArray | null;
    if (line === '' || line === ';' || line === "'{" || line === "}'") continue;
    if (line === ')') mode = 'none';
    else if (line === 'SELECT') mode = 'values';
    else if (line === 'SET') mode = 'set';
    else if (line === 'RETURNING') mode = 'returning';
    else if (line === '@@json=') mode = 'json';
    else if (line.startsWith('FROM ')) {
      out.from = line.slice(5);
      mode = 'none';
    } else if ((m = /^(-- )?(WHERE|AND) (\S+) = (.+?)( \/\* required \*\/)?$/.exec(line))) {
      out.where.push({ name: m[3]!, value: m[4]!, required: m[5] !== undefined, commented: m[1] !== undefined });
    } else if ((m = /^@(\S+?)=(.+?)( \/\* required \*\/)?(, )?$/.exec(line))) {
      out.params.push({ name: m[1]!, value: m[2]!, required: m[3] !== undefined });
    } else if (mode === 'set' && (m = /^(\S+) = (.+?)( \/\* required \*\/)?,?$/.exec(line))) {
      out.set.push({ column: m[1]!, value: m[2]!, required: m[3] !== undefined });
    } else if (mode === 'json' && (m = /^"([^"]+)": (.+?)(, )?$/.exec(line))) {
      out.json.push({ key: m[1]!, value: m[2]! });
    } else if (mode === 'columns') out.columns.push(strip(line));
    else if (mode === 'values') out.values.push(strip(line));
    else if (mode === 'returning') out.returning.push(strip(line));
    else throw new Error(`unexpected SQL line ${JSON.stringify(line)} in\n${sql}`);
  }
  return out;
}

const ENVELOPE = ['data', 'page', 'pages', 'results'];

// Every expected difference, by name, so the test fails if one stops happening (or a new one starts).
const UNWRAPPED_LISTS = ['apps.get_profile_apps', 'logins.get_profile_logins', 'personal_access_tokens.get_personal_access_tokens', 'ssh_keys.get_ssh_keys', 'trusted_devices.get_devices'];
const ENUM_ROWS = ['logins.get_profile_login.status', 'logins.get_profile_logins.status', 'profile.get_profile.authentication_type', 'profile.get_profile.lish_auth_method'];

describe('fed profile.provider.yaml, specloom writes the pages of docs-0.4.7/profile', () => {
  it('one page per resource, the service index and the provider index', async () => {
    const { files } = await docs;
    expect(RESOURCES).toHaveLength(10);
    expect(files.map((f) => f.path)).toEqual(['docs/index.md', 'docs/services/profile/index.md', ...RESOURCES.map((r) => `docs/services/profile/${r}/index.md`)].sort());
  });

  it('the service index is the reference one', async () => {
    expect(await ourPage('docs/services/profile/index.md')).toBe(refPage('profile/index.md') + '\n');
  });

  it('the provider index has the reference structure, with the counts of what it documents', async () => {
    const ours = await structure(await ourPage('docs/index.md'));
    const ref = await structure(refPage('provider-index.md'));
    expect(ours.headings).toEqual(ref.headings);
    expect(ours.frontMatter).toEqual({ ...ref.frontMatter });
    const text = await ourPage('docs/index.md');
    const refText = refPage('provider-index.md');
    for (const line of ['REGISTRY PULL linode;', '- <CopyableCode code="LINODE_TOKEN" /> - ', `AUTH='{ "linode": { "type": "bearer",  "credentialsenvvar": "YOUR_LINODE_TOKEN_VAR" }}'`, `$Auth = "{ 'linode': { 'type': 'bearer',  'credentialsenvvar': 'YOUR_LINODE_TOKEN_VAR' }}"`, '<a href="/services/profile/">profile</a><br />']) {
      expect(text).toContain(line);
      expect(refText).toContain(line);
    }
    // The reference counts 20 services of the whole provider (and index pages as resources); this spec has one service of 10 resources.
    expect(refText).toContain('total services: __20__  \ntotal resources: __156__  ');
    expect(text).toContain('total services: __1__  \ntotal resources: __10__  ');
  });
});

describe.each(RESOURCES)('the %s page', (resource) => {
  const pair = (async () => ({
    ours: await structure(await ourPage(`docs/services/profile/${resource}/index.md`)),
    ref: await structure(refPage(`profile/${resource}/index.md`)),
  }))();

  it('has the same front matter, intro, overview and sections', async () => {
    const { ours, ref } = await pair;
    expect(ours.frontMatter).toEqual(ref.frontMatter);
    expect(ours.intro).toBe(ref.intro);
    expect(ours.overview).toEqual(ref.overview);
    expect(ours.headings).toEqual(ref.headings);
    expect(ours.fieldsText).toBe(ref.fieldsText);
  });

  it('has the same Fields tabs and rows, list tabs showing the items (fix 5), nested types (fix 6)', async () => {
    const { ours, ref } = await pair;
    expect(ours.fieldTabs === null).toBe(ref.fieldTabs === null);
    if (!ours.fieldTabs || !ref.fieldTabs) return;
    expect(ours.fieldTabs.defaultValue).toBe(ref.fieldTabs.defaultValue);
    expect(ours.fieldTabs.tabs.map((t) => [t.value, t.label])).toEqual(ref.fieldTabs.tabs.map((t) => [t.value, t.label]));
    for (const [i, refTab] of ref.fieldTabs.tabs.entries()) {
      const ourTab = ours.fieldTabs.tabs[i]!;
      expect(words(ourTab.description)).toBe(words(refTab.description));
      let expected = fieldRows(refTab);
      if (expected.map((r) => r.name).join() === ENVELOPE.join()) {
        expect(UNWRAPPED_LISTS).toContain(`${resource}.${refTab.value}`);
        // The list documents what the single-item tab documents.
        expected = fieldRows(ref.fieldTabs.tabs.find((t) => t !== refTab)!);
      } else {
        expect(UNWRAPPED_LISTS).not.toContain(`${resource}.${refTab.value}`);
      }
      const actual = fieldRows(ourTab);
      expect(actual.map((r) => r.name)).toEqual(expected.map((r) => r.name));
      for (const [j, row] of actual.entries()) {
        const exp = expected[j]!;
        if (exp.type === 'array') expect(row.type).toMatch(/^array<(string|object|integer)>$/);
        else expect(row.type).toBe(exp.type);
        const enumSuffix = /\s?\(enum: [^)]*\)/;
        expect(enumSuffix.test(row.description)).toBe(ENUM_ROWS.includes(`${resource}.${ourTab.value}.${row.name}`));
        expect(words(row.description.replace(enumSuffix, ''))).toBe(words(exp.description));
      }
    }
  });

  it('has the same methods and verbs, the summary as the description (#16: the whole is in the example tab); path-item parameters are required (fix 1); names link to their row (fix 4)', async () => {
    const { ours, ref } = await pair;
    expect(ours.methods.map((m) => [m.name, m.verb])).toEqual(ref.methods.map((m) => [m.name, m.verb]));
    for (const [i, r] of ref.methods.entries()) {
      const o = ours.methods[i]!;
      const added = pathItemParams(resource, r.name).filter((p) => p.required).map((p) => p.name);
      expect(o.required).toEqual([...added, ...r.required]);
      expect(o.optional).toEqual(r.optional);
      expect(o.href).toBe(`#${r.name}`);
      expect(r.rowId).toBeUndefined();
      expect(o.rowId).toBe(r.name);
      // Parameters link to their row; body fields, which have none, are not links.
      expect(o.requiredLinks).toEqual(o.required.map((n) => (ours.parameters.some((p) => p.name === n) ? `#parameter-${n}` : null)));
      // Concise where the reader scans: the summary (the example tab holds the reference's whole description, checked below).
      const summary = summaryOf(resource, r.name);
      expect(words(o.description)).toBe(words(summary ?? r.description.split(/\n\s*\n/)[0]!));
    }
  });

  it('has the same Parameters rows, plus the path-item parameters (fix 1)', async () => {
    const { ours, ref } = await pair;
    const added = [...new Set(ref.methods.flatMap((m) => pathItemParams(resource, m.name).map((p) => p.name)))];
    expect(ours.parameters.map((p) => p.name).sort()).toEqual([...new Set([...ref.parameters.map((p) => p.name), ...added])].sort());
    for (const p of ours.parameters) {
      expect(p.id).toBe(`parameter-${p.name}`);
      const r = ref.parameters.find((x) => x.name === p.name);
      if (r) expect([p.type, words(p.description)]).toEqual([r.type, words(r.description)]);
      else expect(added).toContain(p.name);
    }
  });

  it('has the same examples; WHERE, placeholders and the Manifest as the fixes make them', async () => {
    const { ours, ref } = await pair;
    expect(Object.keys(ours.examples)).toEqual(Object.keys(ref.examples));
    for (const [heading, refTabs] of Object.entries(ref.examples)) {
      const ourTabs = ours.examples[heading]!;
      expect(ourTabs.defaultValue).toBe(refTabs.defaultValue);
      expect(ourTabs.tabs.map((t) => [t.value, t.label])).toEqual(refTabs.tabs.map((t) => [t.value, t.label]));
      for (const [i, refTab] of refTabs.tabs.entries()) {
        const ourTab = ourTabs.tabs[i]!;
        expect(words(ourTab.description)).toBe(words(refTab.description));
        expect(ourTab.code.map((c) => c.lang)).toEqual(refTab.code.map((c) => c.lang));
        for (const [j, refCode] of refTab.code.entries()) {
          const ourCode = ourTab.code[j]!;
          if (refCode.lang === 'yaml') {
            compareManifest(ourCode.value, refCode.value);
            continue;
          }
          const o = parseSql(ourCode.value);
          const r = parseSql(refCode.value);
          expect(o.head).toBe(r.head);
          expect(o.from).toBe(r.from);
          const unwrapped = UNWRAPPED_LISTS.includes(`${resource}.${refTab.value}`);
          if (unwrapped) {
            expect(r.columns).toEqual(ENVELOPE);
            const item = ours.fieldTabs!.tabs.find((t) => t.value === refTab.value)!;
            expect(o.columns).toEqual(fieldRows(item).map((f) => f.name));
          } else {
            expect(o.columns).toEqual(r.columns);
          }
          expect(o.values).toEqual(r.values);
          expect(o.set).toEqual(r.set);
          expect(o.returning).toEqual(r.returning);
          expect(o.params).toEqual(r.params);
          // The reference puts optional parameters quoted in WHERE; the fix adds the path-item
          // parameters as required lines, then the optional ones as typed comment lines.
          const added = pathItemParams(resource, refTab.value).filter((p) => p.required);
          const expectedWhere = [
            ...added.map((p) => ({ name: p.name, value: placeholder(p.name, p.type), required: true, commented: false })),
            ...r.where.map((w) => {
              expect(w.required || w.commented).toBe(false);
              return { name: w.name, value: placeholder(w.name, paramType(w.name)), required: false, commented: true };
            }),
          ];
          expect(o.where.map(({ name, value, required, commented }) => ({ name, value, required, commented }))).toEqual(expectedWhere);
          // @@json: arrays are JSON values now.
          expect(o.json).toEqual(r.json.map((x) => (resource === 'security_questions' && x.key === 'security_questions' ? { key: x.key, value: `{{ ${x.key} }}` } : x)));
        }
      }
    }
  });
});

/** Same props and descriptions as the reference Manifest, which may not parse (fix 8). */
function compareManifest(ours: string, ref: string) {
  const parsed = YAML.parse(ours) as { name: string; props: { name: string; value: string; description?: string }[] }[];
  const refProps = [...ref.matchAll(/^ {4}- name: (.+)\n {6}value: (.+)\n(?: {6}description: >\n([\s\S]*?)(?=^ {4}- name: |(?![\s\S])))?/gm)].map((m) => ({ name: m[1]!, value: m[2]!, description: m[3] ?? '' }));
  expect(refProps.length).toBeGreaterThan(0);
  expect(parsed[0]!.props.map((p) => [p.name, p.value])).toEqual(refProps.map((p) => [p.name, p.value]));
  for (const [i, p] of parsed[0]!.props.entries()) expect(words(p.description ?? '')).toBe(words(refProps[i]!.description));
}
