/**
 * The mocks target: the generated client against the generated MSW handlers (msw/node) for every tokens
 * operation, with in-memory state, pagination, 404s and error scenarios; and every factory's value passes its
 * schema, for the tokens spec and every fixture.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createClient, NotFoundError, RateLimitError } from '../../generated/client/src/index.js';
import { createMockApi, createPersonalAccessToken, handlers, handlersByOperation } from '../../generated/client/src/mocks.js';
import { operationSchemas, PersonalAccessTokenSchema } from '../../generated/client/src/schemas.js';
import { GOLDEN, goldenOutput } from '../helpers/golden.js';
import { ROOT } from '../helpers/pipeline.js';

const api = createMockApi({ size: 30 });
const server = setupServer(...api.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => api.reset());
afterAll(() => server.close());

const linode = createClient({ token: 'test-token', sleep: async () => {}, validate: 'response', schemas: operationSchemas });
const tokens = linode.profile.personalAccessTokens;

describe('the tokens client against the generated handlers', () => {
  it('lists a seeded collection page by page, with page, pages and results right', async () => {
    const first = await tokens.list({ pageSize: 25 });
    expect([first.page, first.pages, first.results, first.data!.length]).toEqual([1, 2, 30, 25]);
    const second = await tokens.list({ page: 2, pageSize: 25 });
    expect([second.page, second.data!.length, second.data![0]!.id]).toEqual([2, 5, 26]);
    let count = 0;
    for await (const token of tokens.listAll()) {
      expect(PersonalAccessTokenSchema.safeParse(token).success).toBe(true);
      count++;
    }
    expect(count).toBe(30);
  });

  it('creates a token, then lists and gets it; updates it; deletes it, then answers 404 in the spec’s error shape', async () => {
    const created = await tokens.create({ label: 'ci-token', scopes: 'linodes:read_only' });
    expect(created).toMatchObject({ id: 31, label: 'ci-token', scopes: 'linodes:read_only' });
    const all = [];
    for await (const t of tokens.listAll()) all.push(t);
    expect(all.map((t) => t.label)).toContain('ci-token');
    expect(await tokens.get(31)).toMatchObject({ id: 31, label: 'ci-token' });
    expect(await tokens.update(31, { label: 'renamed' })).toMatchObject({ id: 31, label: 'renamed' });
    await tokens.delete(31);
    const error = await tokens.get(31).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).errors).toEqual([{ field: 'fieldname', reason: 'fieldname must be a valid value' }]);
  });

  it('answers a scenario: a 429 with Retry-After that the client retries, an error status, a delay', async () => {
    api.override('getPersonalAccessToken', { status: 429, headers: { 'retry-after': '1' }, once: true });
    expect(await tokens.get(1)).toMatchObject({ id: 1 });
    api.override('getPersonalAccessToken', { status: 429, headers: { 'retry-after': '1' } });
    expect(await tokens.get(1).catch((e: unknown) => e)).toBeInstanceOf(RateLimitError);
    api.override('getPersonalAccessTokens', { delayMs: 50 });
    const started = Date.now();
    await tokens.list();
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('exports every handler in one array and each by its operation', () => {
    expect(handlers).toHaveLength(5);
    expect(Object.keys(handlersByOperation).sort()).toEqual(['deletePersonalAccessToken', 'getPersonalAccessToken', 'getPersonalAccessTokens', 'postPersonalAccessToken', 'putPersonalAccessToken']);
  });

  it('makes deterministic factory values, with overrides on top', () => {
    expect(createPersonalAccessToken()).toEqual(createPersonalAccessToken());
    expect(createPersonalAccessToken({ label: 'x' })).toMatchObject({ id: 123, label: 'x' });
  });
});

describe('every factory value passes its schema', () => {
  it.each([['generated (linode-tokens)', path.join(ROOT, 'generated/client/src')], ...readdirSync(GOLDEN).sort().map((name): [string, string] => [name, path.join(goldenOutput(name), 'client/src')])])('%s', async (_name, src) => {
    const mocks = (await import(path.join(src, 'mocks.ts'))) as Record<string, unknown>;
    const schemas = (await import(path.join(src, 'schemas.ts'))) as Record<string, z.ZodType>;
    let checked = 0;
    for (const [name, factory] of Object.entries(mocks)) {
      const schema = schemas[`${name.replace(/^create/, '')}Schema`];
      if (!name.startsWith('create') || typeof factory !== 'function' || !schema) continue;
      expect(schema.safeParse(factory()).error?.issues ?? [], name).toEqual([]);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
});
