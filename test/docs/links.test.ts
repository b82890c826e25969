/**
 * Links in spec text on the docs pages (#15): in-page links that name a method, parameter or section of the page go
 * to it; links into the API's own docs site become absolute where the spec says where that site is
 * (externalDocs, info.contact), and only their text otherwise; absolute links stay; code is left alone.
 */
import { describe, expect, it } from 'vitest';
import { rewriteLinks } from '../../generator/escape/links.js';
import { pageLinks } from '../../generator/targets/stackql-docs/links.js';
import { docsOfText } from './helpers.js';
import { analyzePage } from './mdx.js';

const page = {
  ids: ['overview', 'methods', 'parameters', 'get_category', 'list_categories', 'parameter-category_id'],
  methods: [
    { name: 'get_category', operationId: 'getCategory', method: 'get' as const, path: '/categories/{categoryId}', anchor: 'get_category' },
    { name: 'list_categories', operationId: 'getCategories', method: 'get' as const, path: '/api/categories', anchor: 'list_categories' },
  ],
  parameters: { category_id: 'parameter-category_id' },
};

describe('rewriteLinks with a page policy', () => {
  const withDocs = pageLinks(page, { docsUrl: 'https://docs.example.com/api/reference', siteUrl: 'https://example.com' });
  const withSite = pageLinks(page, { siteUrl: 'https://example.com' });
  const bare = pageLinks(page, {});

  it('points in-page links that name something on the page at it', () => {
    expect(rewriteLinks('See [the list](#operation/getCategories), [one](#get-/categories/{categoryId}) and [id](#category_id).', bare)).toBe(
      'See [the list](#list_categories), [one](#get_category) and [id](#parameter-category_id).',
    );
    expect(rewriteLinks('[methods](#Methods)', bare)).toBe('[methods](#methods)');
  });

  it('sends other in-page links to the API reference (externalDocs), or keeps their text', () => {
    expect(rewriteLinks('Mind the [rate limit](#rate-limiting).', withDocs)).toBe('Mind the [rate limit](https://docs.example.com/api/reference#rate-limiting).');
    expect(rewriteLinks('Mind the [rate limit](#rate-limiting).', withSite)).toBe('Mind the rate limit.');
  });

  it('makes root-relative and relative links absolute on the API site, or keeps their text', () => {
    expect(rewriteLinks('[regions](/docs/api/regions/) and [pay](/docs/api/account/#payment-method-add)', withSite)).toBe(
      '[regions](https://example.com/docs/api/regions/) and [pay](https://example.com/docs/api/account/#payment-method-add)',
    );
    expect(rewriteLinks('[guide](../guides/x) [ref]: /docs/y', bare)).toBe('guide [ref]: /docs/y');
    expect(rewriteLinks('[a](/docs/api/regions/)', bare)).toBe('a');
  });

  it('rewrites HTML links and reference definitions the same way, and leaves absolute links and code alone', () => {
    expect(rewriteLinks('<a href="/docs/api/regions/">regions</a>', withSite)).toBe('<a href="https://example.com/docs/api/regions/">regions</a>');
    expect(rewriteLinks('Inline <a href="#nowhere">here</a> too.', bare)).toBe('Inline here</a> too.');
    expect(rewriteLinks('[x][r]\n\n[r]: /docs/r', withSite)).toBe('[x][r]\n\n[r]: https://example.com/docs/r');
    const untouched = 'Go to [site](https://example.com/a#b), write `[a](/b)`, mail [us](mailto:a@example.com).';
    expect(rewriteLinks(untouched, bare)).toBe(untouched);
  });
});

describe('the docs pages of a spec whose text links into its own docs site', () => {
  const spec = (externalDocs: string) => `
openapi: 3.0.3
info:
  title: Spells API
  version: '1'
  contact: { url: 'https://spells.example' }
  description: |
    ## Rate limiting
    Calls are limited, see [limits](#rate-limiting), the [guide](/docs/guide/) and [errors](#errors).
${externalDocs}
paths:
  /api/spells:
    get:
      operationId: getSpells
      tags: [Spells]
      description: One of [the spells](#get-/api/spells/{spellId}); see [the list](#operation/getSpells) and [casting](/docs/casting/#how).
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: array, items: { type: object, properties: { id: { type: string } } } } } } }
  /api/spells/{spellId}:
    get:
      operationId: getSpell
      tags: [Spells]
      parameters: [{ name: spellId, in: path, required: true, schema: { type: string }, description: 'See [rules](#rules).' }]
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: object, properties: { id: { type: string } } } } } }
`;

  it('resolves every link: on the page, on the API site, or as text; every page passes the in-page link check', async () => {
    for (const [externalDocs, external] of [['', false], ["externalDocs: { url: 'https://spells.example/reference' }", true]] as const) {
      const { files } = await docsOfText(spec(externalDocs), {}, 'spells.yaml');
      const all = files.map((f) => f.content).join('\n');
      expect(all).not.toMatch(/\]\(\/docs|href="\/docs/);
      expect(all).toContain('(https://spells.example/docs/casting/#how)');
      expect(all).toContain('](#get_spell)');
      expect(all).toContain('](#get_spells)');
      if (external) expect(all).toContain('(https://spells.example/reference#errors)');
      else expect(all).not.toContain('#errors');
      for (const file of files) {
        const facts = await analyzePage(file.content);
        const ids = [...facts.headings.map((h) => h.id), ...facts.explicitIds];
        expect(facts.anchors.filter((a) => !ids.includes(a)), file.path).toEqual([]);
      }
    }
  });
});
