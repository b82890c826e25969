/**
 * One test per defect of the StackQL docgen that issue 4 lists, each shown on the page it broke
 * (the seed page for spec/linode-tokens.yaml) or on the acme fixture, which has what the Linode
 * spec lacks (optional and typed parameters, required body fields, actions, nested types).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { ACME, docsOf, docsOfText, LINODE, SEED } from './helpers.js';
import { analyzePage, renderPage } from './mdx.js';

const linode = docsOf(LINODE);
const acme = docsOf(ACME);
const TOKENS = 'docs/services/profile/personal_access_tokens/index.md';
const WIDGETS = 'docs/services/compute/widgets/index.md';

async function page(docs: typeof linode, file: string): Promise<string> {
  const found = (await docs).files.find((f) => f.path === file);
  if (!found) throw new Error(`no ${file}`);
  return found.content;
}

/** The text of a `## heading` section, up to the next `## `. */
function section(text: string, heading: string): string {
  const start = text.indexOf(`\n## ${heading}\n`);
  if (start === -1) return '';
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end === -1 ? undefined : end);
}

/** The ```sql block of a tab. */
function sqlOf(text: string, heading: string, tab: string): string {
  const s = section(text, heading);
  const start = s.indexOf(`<TabItem value="${tab}">`);
  expect(start, `${heading} has a ${tab} tab`).toBeGreaterThan(-1);
  const m = /```sql\n([\s\S]*?)\n```/.exec(s.slice(start));
  return m![1]!;
}

/** Cells of the Methods row of a method: name, verb, required, optional. */
function methodRow(text: string, method: string): string[] {
  const s = section(text, 'Methods');
  const m = new RegExp(`<tr id="[^"]*">\\n    <td><a href="#[^"]*"><CopyableCode code="${method}" /></a></td>\\n([\\s\\S]*?)\\n</tr>`).exec(s);
  expect(m, `Methods row of ${method}`).not.toBeNull();
  return m![1]!.split('\n').map((l) => l.replace(/^ {4}<td>|<\/td>$/g, ''));
}

describe('1. path-item parameters are merged', () => {
  it('the seed page lost tokenId: empty Parameters, a REPLACE with an empty WHERE, a DELETE without it', () => {
    const seed = readFileSync(SEED, 'utf8');
    expect(section(seed, 'Parameters')).toContain('<tbody>\n</tbody>');
    expect(seed).toContain('WHERE \n\nRETURNING');
    expect(seed).toContain('DELETE FROM linode.profile.personal_access_tokens;');
  });

  it('tokenId is in Required Params, in Parameters and in the WHERE of the single-item SELECT, REPLACE and DELETE', async () => {
    const text = await page(linode, TOKENS);
    for (const m of ['get_personal_access_token', 'put_personal_access_token', 'delete_personal_access_token']) {
      expect(methodRow(text, m)[1]).toBe('<a href="#parameter-tokenId"><code>tokenId</code></a>');
    }
    expect(methodRow(text, 'get_personal_access_tokens')[1]).toBe('');
    expect(section(text, 'Parameters')).toContain('<tr id="parameter-tokenId">\n    <td><CopyableCode code="tokenId" /></td>\n    <td><code>integer</code></td>\n    <td>The ID of the token to access.</td>\n</tr>');
    const where = 'WHERE tokenId = {{ tokenId }} /* required */';
    expect(sqlOf(text, '`SELECT` examples', 'get_personal_access_token')).toContain(`FROM linode.profile.personal_access_tokens\n${where}\n;`);
    expect(sqlOf(text, '`SELECT` examples', 'get_personal_access_tokens')).not.toContain('WHERE');
    expect(sqlOf(text, '`REPLACE` examples', 'put_personal_access_token')).toContain(`data__label = '{{ label }}'\n${where}\nRETURNING`);
    expect(sqlOf(text, '`DELETE` examples', 'delete_personal_access_token')).toBe(`DELETE FROM linode.profile.personal_access_tokens\n${where}\n;`);
  });

  it('apiVersion, a server choice, is no parameter anywhere', async () => {
    for (const f of (await linode).files) expect(f.content).not.toContain('apiVersion');
  });
});

describe('2. required markers do not swallow what follows them', () => {
  it('uses /* required */, never a -- comment before a comma or semicolon', async () => {
    const text = await page(acme, WIDGETS);
    const sqlLines = [...text.matchAll(/```sql\n([\s\S]*?)\n```/g)].flatMap((m) => m[1]!.split('\n'));
    const marked = sqlLines.filter((l) => l.includes('required'));
    expect(marked.length).toBeGreaterThan(5);
    for (const line of marked) expect(line).toMatch(/ \/\* required \*\/(,|, )?$/);
    // A -- comment only ever fills a whole line (an optional parameter), never ends a value line.
    for (const line of sqlLines.filter((l) => l.includes('--'))) expect(line).toMatch(/^-- (WHERE|AND) /);
    expect(sqlOf(text, '`INSERT` examples', 'create_widget')).toContain("SELECT \n'{{ name }}' /* required */,\n{{ size }} /* required */,\n{{ enabled }},");
    expect(sqlOf(text, 'Lifecycle Methods', 'reboot_widget')).toBe('EXEC acme.compute.widgets.reboot_widget \n@widgetId={{ widgetId }} /* required */\n@@json=\n\'{\n"force": {{ force }}, \n"reason": "{{ reason }}", \n"labels": {{ labels }}\n}\'\n;');
  });
});

describe('3. placeholders are typed; SELECT puts only required parameters in WHERE', () => {
  it('numbers and booleans bare, strings quoted, for parameters as for body fields', async () => {
    const text = await page(acme, WIDGETS);
    expect(sqlOf(text, '`SELECT` examples', 'get_widget')).toContain('WHERE widgetId = {{ widgetId }} /* required */\n-- AND verbose = {{ verbose }}\n;');
    expect(sqlOf(text, '`REPLACE` examples', 'replace_widget')).toContain("SET \ndata__name = '{{ name }}' /* required */,\ndata__size = {{ size }} /* required */,\ndata__enabled = {{ enabled }},\ndata__tags = '{{ tags }}',\ndata__meta = '{{ meta }}',\ndata__status = '{{ status }}'\nWHERE");
  });

  it('optional parameters are comment lines, so the example runs as it is', async () => {
    const text = await page(acme, WIDGETS);
    expect(sqlOf(text, '`SELECT` examples', 'list_widgets')).toContain("FROM acme.compute.widgets\n-- WHERE page = {{ page }}\n-- AND label = '{{ label }}'\n;");
  });
});

describe('4. every in-page link resolves', () => {
  it('the seed links every method name to an id that does not exist', async () => {
    const facts = await analyzePage(readFileSync(SEED, 'utf8'));
    const ids = new Set([...facts.headings.map((h) => h.id), ...facts.explicitIds]);
    expect(facts.anchors.filter((a) => !ids.has(a))).toEqual(['get_personal_access_token', 'get_personal_access_tokens', 'post_personal_access_token', 'put_personal_access_token', 'delete_personal_access_token']);
  });

  it('each method row carries the id its name links to; body fields in Required Params are not links', async () => {
    for (const docs of [linode, acme]) {
      for (const f of (await docs).files) {
        const facts = await analyzePage(f.content);
        const ids = new Set([...facts.headings.map((h) => h.id), ...facts.explicitIds]);
        expect(facts.anchors.filter((a) => !ids.has(a)), f.path).toEqual([]);
      }
    }
    expect(methodRow(await page(acme, WIDGETS), 'create_widget')[1]).toBe('<code>name</code>, <code>size</code>');
    expect(methodRow(await page(acme, 'docs/services/storage/buckets/index.md'), 'methods')).toBeDefined();
    expect(await page(acme, 'docs/services/storage/buckets/index.md')).toContain('<tr id="method-methods">\n    <td><a href="#method-methods">');
  });
});

describe('5. list methods document the items, not the pagination envelope', () => {
  it('the seed shows data, page, pages, results for the list', () => {
    const seed = readFileSync(SEED, 'utf8');
    expect(seed).toContain('SELECT\ndata,\npage,\npages,\nresults\nFROM');
  });

  it('the list tab and its SELECT have the token fields', async () => {
    const text = await page(linode, TOKENS);
    const fields = section(text, 'Fields');
    const listTab = fields.slice(fields.indexOf('<TabItem value="get_personal_access_tokens">'));
    const rows = [...listTab.matchAll(/<td><CopyableCode code="(\w+)" \/><\/td>/g)].map((m) => m[1]);
    expect(rows).toEqual(['id', 'created', 'expiry', 'label', 'scopes', 'token']);
    expect(sqlOf(text, '`SELECT` examples', 'get_personal_access_tokens')).toBe('SELECT\nid,\ncreated,\nexpiry,\nlabel,\nscopes,\ntoken\nFROM linode.profile.personal_access_tokens\n;');
  });

  it('an objectKey from x-stackQL-resources is followed too', async () => {
    const spec = YAML.stringify({
      openapi: '3.0.3',
      info: { title: 'X', version: '1' },
      paths: {
        '/qs': {
          get: {
            operationId: 'get-qs',
            responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { questions: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, text: { type: 'string' } } } } } } } } } },
          },
        },
      },
      components: {
        'x-stackQL-resources': {
          qs: {
            id: 'x.svc.qs',
            name: 'qs',
            methods: { get_qs: { operation: { $ref: '#/paths/~1qs/get' }, response: { mediaType: 'application/json', openAPIDocKey: '200', objectKey: '$.questions' } } },
            sqlVerbs: { select: [{ $ref: '#/components/x-stackQL-resources/qs/methods/get_qs' }] },
          },
        },
      },
    });
    const { files } = await docsOfText(spec);
    const text = files.find((f) => f.path === 'docs/services/svc/qs/index.md')!.content;
    expect(sqlOf(text, '`SELECT` examples', 'get_qs')).toBe('SELECT\nid,\ntext\nFROM x.svc.qs\n;');
  });
});

describe('6. nested types and enums are shown', () => {
  it('array<string>, array<object> and enum values', async () => {
    const text = await page(acme, WIDGETS);
    const row = (name: string) => new RegExp(`<td><CopyableCode code="${name}" /></td>\\n    <td><code>(.*)</code></td>\\n    <td>(.*)</td>`).exec(section(text, 'Fields'))!.slice(1);
    expect(row('tags')).toEqual(['array&lt;string>', '(enum: a, b)']);
    expect(row('parts')).toEqual(['array&lt;object>', '']);
    expect(row('status')).toEqual(['string', '(enum: active, offline)']);
    expect(row('created')).toEqual(['string (date-time)', '(example: 2020-01-01T00:00:00)']);
    const html = await renderPage(text);
    expect(html).toContain('<td><code>array&lt;string&gt;</code></td>');
  });
});

describe('7. spec text is escaped for its context', () => {
  it('braces stay braces in inline code, and a callout is a callout', async () => {
    const html = await renderPage(await page(acme, WIDGETS));
    expect(html).toContain('<code>{"label": "x"}</code> | pipes | and {braces}.');
    expect(html).not.toContain('&amp;#123;');
    expect(html).toContain('<blockquote>\n<p>📘</p>\n<p>A callout, not a quote of <code>&amp;gt;</code>.</p>\n</blockquote>');
    expect(html).toContain("<p>import x from 'y'\nexport const z = 1</p>");
    // In the Manifest's code block, text is literal.
    expect(html).toContain("description: &gt;-\n        The widget's name. Use `{name}`; not {name}.");
  });

  it('each context has its own helper in the templates', () => {
    const resource = readFileSync(new URL('../../templates/stackql-docs/current/resource.md.hbs', import.meta.url), 'utf8');
    for (const helper of ['mdxText', 'mdxCell', 'mdxLiteral', 'jsxAttr', 'yaml']) expect(resource).toContain(`{{${helper} `);
    expect(readFileSync(new URL('../../templates/stackql-docs/current/partials/tabs.hbs', import.meta.url), 'utf8')).toContain('{{jsString ');
    expect(readFileSync(new URL('../../templates/stackql-docs/current/partials/insert.hbs', import.meta.url), 'utf8')).toContain('{{manifestYaml ');
  });
});

describe('8. the Manifest is YAML that parses', () => {
  it('the seed Manifest breaks on the multi-paragraph scopes description', () => {
    const seed = readFileSync(SEED, 'utf8');
    const yaml = /```yaml\n([\s\S]*?)```/.exec(seed)![1]!;
    expect(() => YAML.parse(yaml)).toThrow();
  });

  it('ours parses to the INSERT columns with their descriptions', async () => {
    const text = await page(linode, TOKENS);
    const yaml = /```yaml\n([\s\S]*?)\n```/.exec(text)![1]!;
    const parsed = YAML.parse(yaml) as { name: string; props: { name: string; value: string; description: string }[] }[];
    expect(parsed[0]!.name).toBe('personal_access_tokens');
    expect(parsed[0]!.props.map((p) => [p.name, p.value])).toEqual([['expiry', 'string'], ['label', 'string'], ['scopes', 'string']]);
    expect(parsed[0]!.props[2]!.description).toContain('the acting token.\n\nIf omitted or entered with a wildcard character (`*`)');
  });
});

describe('9. the provider index counts resources, not index pages', () => {
  it('counts services and resource pages', async () => {
    for (const docs of [linode, acme]) {
      const { files } = await docs;
      const resources = files.filter((f) => /^docs\/services\/[^/]+\/[^/]+\/index\.md$/.test(f.path)).length;
      const services = files.filter((f) => /^docs\/services\/[^/]+\/index\.md$/.test(f.path)).length;
      const index = files.find((f) => f.path === 'docs/index.md')!.content;
      expect(index).toContain(`total services: __${services}__  \ntotal resources: __${resources}__  `);
    }
    const acmeIndex = (await acme).files.find((f) => f.path === 'docs/index.md')!.content;
    expect(acmeIndex).toContain('total services: __2__  \ntotal resources: __2__  ');
    const compute = (await acme).files.find((f) => f.path === 'docs/services/compute/index.md')!.content;
    expect(compute).toContain('total resources: __1__  ');
  });
});
