/**
 * `--docs-style legacy`: the older Markdown-table pages (../shared/seeds/stackql-legacy-tokens.md),
 * through templates/docs-legacy/, with that docgen's own defects fixed: raw HTML in descriptions
 * was shown as escaped text, and a resource with one field got no Fields table.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { mdTableCell } from '../../generator/escape/mdx.js';
import { docsOf, docsOfText, LINODE, SHARED } from './helpers.js';
import { analyzePage, renderPage } from './mdx.js';

const LEGACY_SEED = path.join(SHARED, 'seeds/stackql-legacy-tokens.md');
const RENDERED = path.join(SHARED, 'seeds/stackql-legacy-tokens.rendered.txt');

const oneField = YAML.stringify({
  openapi: '3.0.3',
  info: { title: 'Linode API', version: '1' },
  paths: {
    '/v4/account/settings': {
      get: {
        operationId: 'getSettings',
        tags: ['Settings'],
        description: 'Settings, as used by the <a target="_top" href="https://github.com/linode/linode-cli">Linode CLI</a> | and <b>others</b>.',
        responses: {
          '200': {
            description: 'ok',
            content: { 'application/json': { schema: { type: 'object', properties: { managed: { type: 'boolean', description: 'Whether <a href="https://x.test/m">Managed</a> is on. {x} | y' } } } } },
          },
        },
      },
    },
  },
});

describe('legacy style', () => {
  const tokens = docsOf(LINODE, { style: 'legacy' });

  it('has the legacy layout: Overview, Fields and Methods as Markdown tables', async () => {
    const page = (await tokens).files.find((f) => f.path === 'docs/services/profile/personal_access_tokens/index.md')!.content;
    const seed = readFileSync(LEGACY_SEED, 'utf8');
    const headings = (t: string) => [...t.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings(page)).toEqual(headings(seed));
    for (const line of ['| Name | Datatype | Description |', '|:-----|:---------|:------------|', '| Name | Accessible by | Required Params | Description |', '|:-----|:--------------|:----------------|:------------|', '<tr><td><b>Type</b></td><td>Resource</td></tr>']) {
      expect(page).toContain(line);
      expect(seed).toContain(line);
    }
    expect(page).toContain("| `get_personal_access_token` | `SELECT` | `tokenId` | Returns a single Personal Access Token.<br /><br />");
    expect(page).toContain('| `id` | `integer` | __Read-only__ This token\'s unique ID, which can be used to revoke it.<br /> |');
    expect(YAML.parse(/^---\n([\s\S]*?)\n---\n/.exec(page)![1]!)).toMatchObject({ title: 'personal_access_tokens', image: '/img/providers/linode/stackql-linode-provider-featured-image.png' });
  });

  it('the seed showed raw HTML as text; ours shows a link', async () => {
    expect(readFileSync(RENDERED, 'utf8')).toContain('<a target="_top" href="https://github.com/linode/linode-cli">Linode CLI</a>');
    const { files } = await docsOfText(oneField, { style: 'legacy' });
    const page = files.find((f) => f.path.endsWith('/settings/index.md'))!.content;
    const html = await renderPage(page);
    expect(html).toContain('<a href="https://github.com/linode/linode-cli">Linode CLI</a>');
    expect(html).toContain('<a href="https://x.test/m">Managed</a>');
    expect(html).not.toMatch(/&lt;a /);
    // The pipe stays in its cell.
    expect(page).toContain('| Settings, as used by the [Linode CLI](https://github.com/linode/linode-cli) \\| and **others**.<br /> |');
  });

  it('a resource with one field has its Fields table', async () => {
    const { files } = await docsOfText(oneField, { style: 'legacy' });
    const page = files.find((f) => f.path.endsWith('/settings/index.md'))!.content;
    expect(page).toContain('## Fields\n| Name | Datatype | Description |\n|:-----|:---------|:------------|\n| `managed` | `boolean` | Whether [Managed](https://x.test/m) is on. \\{x\\} \\| y<br /> |\n## Methods');
  });

  it('every legacy page compiles with @mdx-js/mdx', async () => {
    for (const f of (await tokens).files) await analyzePage(f.content);
    for (const f of (await docsOfText(oneField, { style: 'legacy' })).files) await analyzePage(f.content);
  });

  it('mdTableCell keeps a value in its cell', () => {
    expect(mdTableCell('a | b')).toBe('a \\| b');
    expect(mdTableCell('a \\| b')).toBe('a \\| b');
    expect(mdTableCell('x|y', 'code')).toBe('`x\\|y`');
    expect(mdTableCell('line\n\nbreak', 'md-br')).toBe('line<br /><br />break');
    expect(mdTableCell('*|*', 'text')).toBe('\\*\\|\\*');
  });
});
