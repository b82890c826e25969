/**
 * One escaping function per MDX context, each fed hostile text: the result must compile with
 * @mdx-js/mdx in its context and show the input as the reader should see it.
 */
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { codeFence, jsString, jsxAttr, mdxCell, mdxCellBlocks, mdxCodeSpan, mdxLiteral, mdxText } from '../../generator/escape/mdx.js';
import { shellAuth } from '../../generator/escape/shell.js';
import { sqlIdent, sqlJson, sqlName, sqlPlaceholder, sqlString } from '../../generator/escape/sql.js';
import { manifestYaml, yamlScalar } from '../../generator/escape/yaml.js';
import { renderPage } from './mdx.js';

const HOSTILE = [
  'a {b} c',
  '}{',
  '<script>alert(1)</script>',
  "import x from 'y'",
  'export const a = 1',
  'use `code {x}` and ``a`b``',
  'a | b | c',
  "it's",
  '{{ label }}',
  '`unclosed',
  '</TabItem>\n</Tabs>',
  '```\nfence',
  '# Heading',
  'para\n---',
  '<https://example.com/a?b=c>',
  '<!-- comment -->',
  '\\{ escaped \\}',
  'back\\\\{slash',
  'x < y > z & w',
  'first paragraph\n\nsecond {paragraph}\n\n> 📘\n>\n> callout',
];

/** The text a reader sees (tags dropped, references decoded), whitespace collapsed. */
function visible(html: string): string {
  return html
    .replace(/<br><\/br>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('mdxText (Markdown flow text under a tab)', () => {
  it.each(HOSTILE)('compiles inside a TabItem and keeps the text: %j', async (input) => {
    const page = `<TabItem value="a">\n\n${mdxText(input)}\n\n</TabItem>\n`;
    const html = await renderPage(page);
    expect(html.startsWith('<div class="tab" data-value="a">')).toBe(true);
    expect(html.endsWith('</div>')).toBe(true);
  });

  it('leaves braces in code spans alone and shows them as braces (not &#123;)', async () => {
    const out = mdxText('Use `{"a": 1}` here, and {b} there.');
    expect(out).toBe('Use `{"a": 1}` here, and \\{b\\} there.');
    expect(await renderPage(out)).toBe('<p>Use <code>{"a": 1}</code> here, and {b} there.</p>');
  });

  it('turns ES module syntax at a line start into text', async () => {
    const out = mdxText("import x from 'y'\nexport default 1");
    expect(out).toBe("&#105;mport x from 'y'\n&#101;xport default 1");
    expect(visible(await renderPage(out))).toBe("import x from 'y' export default 1");
  });

  it('shows HTML as text, except links, <br>, <b>, <i>, <code> which become Markdown', async () => {
    const out = mdxText('<script>x</script> <a href="https://a.b/c?d=1&amp;e=2">link</a> <b>bold</b> <code>{c}</code>');
    expect(out).toBe('&lt;script>x&lt;/script> [link](https://a.b/c?d=1&e=2) **bold** `{c}`');
    expect(await renderPage(out)).toBe('<p>&lt;script&gt;x&lt;/script&gt; <a href="https://a.b/c?d=1&amp;e=2">link</a> <strong>bold</strong> <code>{c}</code></p>');
  });

  it('renders the allowlisted HTML of spec text as elements (lists, sup, p), attributes and unsafe links dropped', async () => {
    const out = mdxText('Scopes: <ul><li>`account:read_only` - GET {x}</li><li>two</li></ul> and 2 <sup>128-prefix</sup>. <p onclick="alert(1)">p</p> <a href="javascript:alert(1)">bad</a> <img src=x onerror=alert(1)>');
    expect(await renderPage(out)).toBe(
      '<p>Scopes: <ul><li><code>account:read_only</code> - GET {x}</li><li>two</li></ul> and 2 <sup>128-prefix</sup>. <p>p</p> bad &lt;img src=x onerror=alert(1)&gt;</p>',
    );
  });

  it('keeps an element from spanning paragraphs (MDX cannot): a list cut by a blank line loses its ul, not its items', async () => {
    const html = await renderPage(mdxText('<ul><li>one</li>\n\n<li>two</li></ul>'));
    expect(html).toBe('<li>one</li>\n<li>two</li>');
  });

  it('turns autolinks (which MDX rejects) into links', async () => {
    expect(mdxText('see <https://x.y/{id}>')).toBe('see [https://x.y/\\{id\\}](https://x.y/%7Bid%7D)');
    expect(await renderPage(mdxText('mail <a@b.co>'))).toBe('<p>mail <a href="mailto:a@b.co">a@b.co</a></p>');
  });

  it('keeps paragraphs, lists and callouts as Markdown blocks', async () => {
    const html = await renderPage(mdxText('first {x}\n\n- one\n- two\n\n> 📘\n>\n> note'));
    expect(html).toBe('<p>first {x}</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<blockquote>\n<p>📘</p>\n<p>note</p>\n</blockquote>');
  });

  it('adds no headings to the page', async () => {
    const html = await renderPage(mdxText('# Title\n\ntext\n---\n\nmore\n===\n\n- # in a list\n> ## in a quote\n1. ### numbered'));
    expect(html).not.toMatch(/<h\d/);
  });

  it('closes an unclosed fence so it cannot swallow the rest of the page', async () => {
    const page = `<TabItem value="a">\n\n${mdxText('text\n\n```\ncode {x}')}\n\n</TabItem>\n\n## After\n`;
    const html = await renderPage(page);
    expect(html).toContain('<code>code {x}\n</code>');
    expect(html).toContain('<h2>After</h2>');
  });

  it('keeps an existing backslash escape from turning into an escaped backslash', async () => {
    expect(mdxText('\\{ and \\\\{')).toBe('\\{ and \\\\\\{');
    expect(await renderPage(mdxText('\\{ and \\\\{'))).toBe('<p>{ and \\{</p>');
  });
});

describe('mdxCell (Markdown folded into an HTML table cell)', () => {
  const cell = async (content: string) => renderPage(`<table><tbody><tr>\n    <td>${content}</td>\n</tr></tbody></table>\n`);

  it.each(HOSTILE)('stays on one line and inside its cell: %j', async (input) => {
    for (const breaks of ['br', 'space'] as const) {
      const out = mdxCell(input, breaks);
      expect(out).not.toContain('\n');
      const html = await cell(out);
      expect(html).toMatch(/^<table><tbody><tr><td>[\s\S]*<\/td><\/tr><\/tbody><\/table>$/);
      expect(html.match(/<td>/g)).toHaveLength(1);
    }
  });

  it('renders an HTML list laid out over lines as a list, without breaks between its items', async () => {
    const out = mdxCell('Scopes:\n<ul>\n  <li>`a:read_only` - one</li>\n  <li>two</li>\n</ul>\nafter');
    expect(out).toBe('Scopes:<ul><li>`a:read_only` - one</li><li>two</li></ul>after');
    expect(await cell(out)).toBe('<table><tbody><tr><td>Scopes:<ul><li><code>a:read_only</code> - one</li><li>two</li></ul>after</td></tr></tbody></table>');
  });

  it('joins paragraphs with <br /> in the Methods table, as the reference pages do', () => {
    expect(mdxCell('Para one.\n\nPara two.\n- item')).toBe('Para one.<br /><br />Para two.<br />- item');
    expect(mdxCell('Para one.\n\nPara two.', 'space')).toBe('Para one.  Para two.');
  });

  it('turns fenced code into code spans and a callout into text', async () => {
    const out = mdxCell('Scopes:\n\n    ```\n    account:read_only {x}\n    ```\n\n> 📘\n>\n> note');
    expect(out).toBe('Scopes:<br /><br />`account:read_only {x}`<br /><br />&gt; 📘<br />&gt;<br />&gt; note');
    expect(await cell(out)).toBe('<table><tbody><tr><td>Scopes:<br><br><code>account:read_only {x}</code><br><br>&gt; 📘<br>&gt;<br>&gt; note</td></tr></tbody></table>');
  });

  it('folds a code span that runs over a line break', () => {
    expect(mdxCell('a `b\nc` d')).toBe('a `b c` d');
  });

  it('shows pipes, quotes and HTML as text', async () => {
    const html = await cell(mdxCell("a | b 'c' <b>d</b> <em>e</em> <div>f</div>"));
    expect(html).toBe('<table><tbody><tr><td>a | b \'c\' <strong>d</strong> <em>e</em> &lt;div&gt;f&lt;/div&gt;</td></tr></tbody></table>');
  });
});

describe('mdxLiteral (text with no Markdown meaning)', () => {
  it.each(HOSTILE)('shows the input as it is: %j', async (input) => {
    const html = await renderPage(`<table><tbody><tr><td>${mdxLiteral(input)}</td></tr></tbody></table>\n\n${mdxLiteral(input)}\n\n<code>${mdxLiteral(input)}</code>\n`);
    const expected = input.replace(/\s*\n\s*/g, ' ').replace(/\s+/g, ' ').trim();
    const cells = [...html.matchAll(/<td>([\s\S]*?)<\/td>|<p>([\s\S]*?)<\/p>|<code>([\s\S]*?)<\/code>/g)].map((m) => visible(m[1] ?? m[2] ?? m[3] ?? ''));
    expect(cells.length).toBeGreaterThanOrEqual(3);
    for (const c of cells) expect(c).toBe(expected);
  });

  it('leaves intraword underscores and plain values unescaped', () => {
    expect(mdxLiteral('personal_access_tokens')).toBe('personal_access_tokens');
    expect(mdxLiteral('2018-01-01T00:01:01')).toBe('2018-01-01T00:01:01');
    expect(mdxLiteral('array<string>')).toBe('array&lt;string>');
    expect(mdxLiteral('_x_ *y* {z}')).toBe('\\_x\\_ \\*y\\* \\{z\\}');
  });
});

describe('mdxCodeSpan', () => {
  it.each(['a {b}', 'a`b', '``x``', '`', ' a ', "<script>'|"])('shows %j literally', async (input) => {
    const html = await renderPage(mdxCodeSpan(input));
    expect(html).toBe(`<p><code>${input.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</code></p>`);
  });
});

describe('jsxAttr (a JSX attribute string)', () => {
  it.each(['linode.profile.x', 'a "quoted" value', 'a & b {c} <d>', "it's", 'line\nbreak', '&amp;'])('round-trips %j', async (input) => {
    const html = await renderPage(`<CopyableCode code=${jsxAttr(input)} />\n`);
    const m = /^<code class="copyable">([\s\S]*)<\/code>$/.exec(html);
    expect(m).not.toBeNull();
    expect(m![1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')).toBe(input);
  });
});

describe('jsString (a string inside a JSX expression)', () => {
  it.each(["it's", '}', '{', "'}]} />", '\\', 'a\nb', '\u2028'])('round-trips %j in a Tabs values list', async (input) => {
    const html = await renderPage(`<Tabs defaultValue="a" values={[\n        { label: ${jsString(input)}, value: 'a' }\n    ]}>\n</Tabs>\n`);
    const m = /<li data-value="a">([\s\S]*?)<\/li>/.exec(html);
    expect(m![1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')).toBe(input);
  });
});

describe('SQL', () => {
  it('sqlString doubles quotes', () => {
    expect(sqlString("it's")).toBe("'it''s'");
    expect(sqlString("'; DROP TABLE x; --")).toBe("'''; DROP TABLE x; --'");
  });

  it('sqlIdent quotes what is not a plain word and cannot start a new line', () => {
    expect(sqlIdent('tokenId')).toBe('tokenId');
    expect(sqlIdent('data__label')).toBe('data__label');
    expect(sqlIdent('x-request-id')).toBe('"x-request-id"');
    expect(sqlIdent('a"b')).toBe('"a""b"');
    expect(sqlIdent('a\n```\nb')).toBe('"a ``` b"');
    expect(sqlName(['linode', 'profile', 'my-resource'])).toBe('linode.profile."my-resource"');
  });

  it('placeholders: numbers and booleans bare, the rest quoted', () => {
    expect(sqlPlaceholder('tokenId', false)).toBe('{{ tokenId }}');
    expect(sqlPlaceholder('label', true)).toBe("'{{ label }}'");
    expect(sqlPlaceholder("a'b }}", true)).toBe("'{{ a_b___ }}'");
  });

  it('JSON inside a SQL string literal cannot end the literal', () => {
    expect(sqlJson("it's")).toBe('"it\'\'s"');
  });

  it('a SQL block never contains a line that closes its fence', () => {
    const sql = ['SELECT', sqlIdent('```'), 'FROM', sqlName(['a', '```b']), 'WHERE x = ' + sqlString('```')].join('\n');
    expect(sql.split('\n').some((l) => /^ {0,3}```/.test(l))).toBe(false);
    expect(codeFence('a\n````\nb')).toBe('`````');
    expect(codeFence('plain')).toBe('```');
  });
});

describe('YAML (the yaml library)', () => {
  it('yamlScalar keeps front matter values on one line and parses back', () => {
    for (const v of ['linode', 'a: b', '#x', "it's", 'multi\nline', '- item', 'null', '123', '{x}', '--- ']) {
      const out = yamlScalar(v);
      expect(out).not.toContain('\n');
      expect(YAML.parse(`title: ${out}\n`)).toEqual({ title: v });
    }
    expect(yamlScalar('personal_access_tokens')).toBe('personal_access_tokens');
  });

  it('manifestYaml parses back to the props, multi-paragraph descriptions included', () => {
    const props = [
      { name: 'scopes', value: 'string', description: 'The scopes.\n\nIf omitted (`*`), all.\n\n- a: b\n- # c\n\n```\ncode\n```' },
      { name: 'label', value: 'string', description: "it's: {{ x }} | <script> `y`" },
      { name: 'indented', value: 'string', description: '  leading spaces\ntrailing  ' },
      { name: 'count', value: 'integer' },
    ];
    const text = manifestYaml([{ name: 'tokens', props }]);
    expect(text.startsWith('# Description fields are for documentation purposes\n- name: tokens\n  props:\n    - name: scopes\n      value: string\n      description: >-\n')).toBe(true);
    expect(YAML.parse(text)).toEqual([{ name: 'tokens', props }]);
    // Inside the ```yaml block: no line can close the fence.
    expect(text.split('\n').some((l) => /^ {0,3}(```|~~~)/.test(l))).toBe(false);
  });
});

describe('shellAuth', () => {
  it('writes the --auth example for bash and PowerShell', () => {
    expect(shellAuth('linode', 'bearer', 'YOUR_LINODE_TOKEN_VAR', 'bash')).toBe(`'{ "linode": { "type": "bearer",  "credentialsenvvar": "YOUR_LINODE_TOKEN_VAR" }}'`);
    expect(shellAuth('linode', 'bearer', 'YOUR_LINODE_TOKEN_VAR', 'powershell')).toBe(`"{ 'linode': { 'type': 'bearer',  'credentialsenvvar': 'YOUR_LINODE_TOKEN_VAR' }}"`);
    expect(shellAuth("a'b", 'bearer', 'X', 'bash')).toBe(`'{ "a'\\''b": { "type": "bearer",  "credentialsenvvar": "X" }}'`);
    expect(shellAuth('a$b"c', 'bearer', 'X', 'powershell')).toBe('"{ \'a`$b`"c\': { \'type\': \'bearer\',  \'credentialsenvvar\': \'X\' }}"');
  });
});

describe('no slow paths', () => {
  it('escapes long hostile text in linear-ish time', () => {
    const hostile = ['- '.repeat(5000) + 'x', '`a\n'.repeat(5000), '<a '.repeat(3000), '`'.repeat(2000) + 'a' + '``'.repeat(1000), '{'.repeat(20000), '<'.repeat(20000), '\\'.repeat(20001)];
    const start = performance.now();
    for (const h of hostile) {
      mdxText(h);
      mdxCell(h);
      mdxLiteral(h);
    }
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe('mdxCellBlocks (a description in an HTML table cell, its structure kept)', () => {
  const cell = async (content: string) => renderPage(`<table><tbody><tr>\n    <td>${content}</td>\n</tr></tbody></table>\n`);

  it.each(HOSTILE)('stays on one line and inside its cell: %j', async (input) => {
    const out = mdxCellBlocks(input);
    expect(out).not.toContain('\n');
    const html = await cell(out);
    expect(html.match(/<td>/g)).toHaveLength(1);
    expect(html).toMatch(/^<table><tbody><tr><td>[\s\S]*<\/td><\/tr><\/tbody><\/table>$/);
  });

  it('renders lists as lists, code as code, drops rules, and shows no Markdown markers', async () => {
    const input = 'Accepted formats:\n\n- `ssh-rsa` {x}\n- ssh-ed25519\n\n---\n\n## Notes\n\n1. first\n2. second\n\n```\nlinode-cli profile token-create \\\n  --label {x}\n```';
    const html = await cell(mdxCellBlocks(input));
    expect(html).toBe(
      '<table><tbody><tr><td>Accepted formats:<ul><li><code>ssh-rsa</code> {x}</li><li>ssh-ed25519</li></ul><strong>Notes</strong><ol><li>first</li><li>second</li></ol><pre><code>linode-cli profile token-create \\\n  --label {x}</code></pre></td></tr></tbody></table>',
    );
    expect(html).not.toMatch(/---|(^|>)\s*[-#]\s/);
  });

  it('folds all but the first block of a long description into a details element', async () => {
    const long = `${'A first paragraph that says what the field is. '.repeat(7)}\n\n- one thing to know about it\n- another {x}\n\nAnd a last paragraph with \`code\`.`;
    const out = mdxCellBlocks(long);
    expect(out).toMatch(/^A first paragraph[^<]*<details><summary>More<\/summary><ul><li>one thing/);
    expect(await cell(out)).toContain('<details><summary>More</summary><ul><li>one thing to know about it</li><li>another {x}</li></ul>And a last paragraph with <code>code</code>.</details>');
    expect(mdxCellBlocks('Short.\n\n- a\n- b')).not.toContain('<details>');
  });

  it('shows a heading, ATX or setext, as its text in bold', () => {
    expect(mdxCellBlocks('Title `x` *y*\n=====\n\ntext')).toBe('**Title x y** text');
    expect(mdxCellBlocks('## Notes ##\n\ntext')).toBe('**Notes** text');
  });

  it('keeps a one-paragraph description as mdxCell writes it', () => {
    for (const input of ['Plain text with `code` and [a link](https://x.y).', 'Line one\nline two', 'a {b} < c']) expect(mdxCellBlocks(input)).toBe(mdxCell(input, 'space'));
  });
});

describe('the hostile fixture, rendered', () => {
  it('shows its HTML as text or as allowlisted elements, with no attribute but a safe href', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const dir = path.join(import.meta.dirname, '../golden/__golden__/hostile/docs');
    const pages = readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.md'));
    expect(pages.length).toBeGreaterThan(1);
    let sawList = false;
    for (const page of pages) {
      const html = await renderPage(readFileSync(path.join(dir, String(page)), 'utf8'));
      expect(html, String(page)).not.toMatch(/<(script|img|iframe|style|object|embed)\b/i);
      // Inside real tags only: as text, `<` is `&lt;`.
      expect(html, String(page)).not.toMatch(/<[a-z][^>]*\s(on[a-z]+|style|src)=/i);
      expect(html, String(page)).not.toMatch(/<a\s[^>]*href="\s*(javascript|data|vbscript):/i);
      sawList ||= /<ul><li><code>read_only<\/code> - GET \{x\}<\/li><li>two<\/li><\/ul>/.test(html);
    }
    expect(sawList).toBe(true);
  });
});
