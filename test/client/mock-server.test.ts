/**
 * The generated client against Prism serving spec/linode-tokens.yaml with request validation:
 * every operation, with both API versions. Prism answers a request that breaks the spec with an
 * error status, which the client turns into a thrown LinodeApiError, so these tests fail on it.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createClient,
  createContext,
  deletePersonalAccessToken,
  getPersonalAccessToken,
  getPersonalAccessTokens,
  LinodeApiError,
  postPersonalAccessToken,
  putPersonalAccessToken,
} from '../../generated/client/src/index.js';
import { ROOT } from '../helpers/pipeline.js';
import { startPrism, type MockServer } from '../helpers/prism.js';

let prism: MockServer;
beforeAll(async () => {
  prism = await startPrism(path.join(ROOT, 'spec/linode-tokens.yaml'));
}, 40_000);
afterAll(async () => prism?.stop());

describe.each(['v4', 'v4beta'] as const)('every operation against the mock server, API version %s', (apiVersion) => {
  const client = () => createClient({ token: 'test-token', baseUrl: prism.baseUrl, apiVersion, maxRetries: 0 });

  it('list() returns the typed envelope', async () => {
    const page = await client().profile.personalAccessTokens.list({ page: 1, pageSize: 100 });
    expect(page).toMatchObject({ page: 1, pages: 1, results: 1 });
    expect(page.data?.[0]).toMatchObject({ id: 123, label: 'linode-cli', scopes: '*' });
  });

  it('listAll() iterates the items', async () => {
    const labels: string[] = [];
    for await (const token of client().profile.personalAccessTokens.listAll({ filter: { label: { '+contains': 'cli' } } })) {
      labels.push(token.label ?? '');
    }
    expect(labels).toEqual(['linode-cli']);
  });

  it('get(), create(), update() and delete() are accepted by the spec and typed', async () => {
    const tokens = client().profile.personalAccessTokens;
    expect((await tokens.get(123)).token).toBe('abcdefghijklmnop');
    expect((await tokens.create({ label: 'ci', scopes: 'linodes:read_only', expiry: null })).id).toBe(123);
    expect((await tokens.update(123, { label: 'renamed' })).label).toBe('linode-cli');
    expect(await tokens.delete(123)).toEqual({});
  });

  it('a request that breaks the spec fails (the mock server validates requests)', async () => {
    const tokens = client().profile.personalAccessTokens;
    // @ts-expect-error label must be a string: the type rejects it, and so does the server.
    await expect(tokens.update(123, { label: 42 })).rejects.toBeInstanceOf(LinodeApiError);
  });
});

describe('the standalone functions, with a context from createContext()', () => {
  it('call every operation like the client methods do', async () => {
    const ctx = createContext({ token: 'test-token', baseUrl: prism.baseUrl, apiVersion: 'v4beta', maxRetries: 0 });
    const page = await getPersonalAccessTokens(ctx, { page: 1, pageSize: 25 });
    expect(page.data?.[0]?.id).toBe(123);
    expect((await getPersonalAccessToken(ctx, 123)).token).toBe('abcdefghijklmnop');
    expect((await postPersonalAccessToken(ctx, { label: 'ci', scopes: '*', expiry: null })).id).toBe(123);
    expect((await putPersonalAccessToken(ctx, 123, { label: 'renamed' })).label).toBe('linode-cli');
    expect(await deletePersonalAccessToken(ctx, 123)).toEqual({});
  });

  it('refuse an object that is not a context', async () => {
    await expect(getPersonalAccessTokens({} as never)).rejects.toThrow(/Not a client context/);
  });
});
