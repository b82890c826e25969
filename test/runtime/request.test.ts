/** request(): URL, headers, body, X-Filter, response parsing, withResponse(), hooks, context options. */
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  APIPromise,
  createClientContext,
  rawFilter,
  request,
  type ClientContext,
  type ClientOptions,
  type RequestInfoForHook,
  type ResponseInfoForHook,
} from '../../templates/client/src/core/runtime.js';
import { useFaultServer, SECRET_TOKEN, recordingSleep, replies, testDefaults } from './fault-server.js';

const fault = useFaultServer();

const client = (options: ClientOptions = {}): ClientContext =>
  createClientContext({ baseUrl: fault.server.baseUrl, token: SECRET_TOKEN, sleep: recordingSleep().sleep, ...options }, testDefaults);

describe('URL', () => {
  it('fills {apiVersion}, encodes path parameters (../ cannot climb), repeats arrays, skips undefined', async () => {
    fault.server.reply(replies.json(200, {}));
    await request(client({ baseUrl: `${fault.server.baseUrl}//` }), {
      method: 'GET',
      path: '/{apiVersion}/things/{thingId}/{label}',
      pathParams: { thingId: 42, label: '../../admin a/b?c#d' },
      query: { page: 2, tags: ['x', 'y z'], active: true, skip: undefined, none: null },
    });
    expect(fault.server.requests[0]?.url).toBe('/v4/things/42/..%2F..%2Fadmin%20a%2Fb%3Fc%23d?page=2&tags=x&tags=y+z&active=true');
  });

  it('uses the apiVersion option', async () => {
    fault.server.reply(replies.json(200, {}));
    await request(client({ apiVersion: 'v4beta' }), { method: 'GET', path: '/{apiVersion}/x' });
    expect(fault.server.requests[0]?.url).toBe('/v4beta/x');
  });

  it.each([
    ['missing', {}],
    ['empty', { id: '' }],
    ['"."', { id: '.' }],
    ['".."', { id: '..' }],
  ])('rejects a %s path parameter before sending', async (_, pathParams) => {
    await expect(request(client(), { method: 'DELETE', path: '/{apiVersion}/things/{id}', pathParams })).rejects.toThrow(
      /path parameter "id"/,
    );
    expect(fault.server.requests).toHaveLength(0);
  });
});

describe('headers and body', () => {
  it('sends auth, accept, user agent, JSON body, and merges client, operation and per-request headers', async () => {
    fault.server.reply(replies.json(200, { id: 1 }));
    const ctx = client({ headers: { 'X-Client': 'c', 'X-Override': 'client' } });
    await request(
      ctx,
      {
        method: 'POST',
        path: '/{apiVersion}/things',
        headers: { 'X-Op': 'op', 'X-Skipped': undefined, 'X-Override': 'op' },
        body: { label: 'é', n: 1 },
      },
      { headers: { 'X-Override': 'request' } },
    );
    const sent = fault.server.requests[0]!;
    expect(sent.method).toBe('POST');
    expect(sent.headers['authorization']).toBe(`Bearer ${SECRET_TOKEN}`);
    expect(sent.headers['accept']).toBe('application/json');
    expect(sent.headers['user-agent']).toBe('example-api/1.2.3 (specloom)');
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.headers['x-client']).toBe('c');
    expect(sent.headers['x-op']).toBe('op');
    expect(sent.headers['x-override']).toBe('request');
    expect(sent.headers).not.toHaveProperty('x-skipped');
    expect(JSON.parse(sent.body)).toEqual({ label: 'é', n: 1 });
  });

  it('sends no body and no content-type without a body, and no Authorization without a token', async () => {
    fault.server.reply(replies.json(200, {}));
    await request(client({ token: '', userAgent: 'custom/1' }), { method: 'GET', path: '/{apiVersion}/x' });
    const sent = fault.server.requests[0]!;
    expect(sent.body).toBe('');
    expect(sent.headers).not.toHaveProperty('content-type');
    expect(sent.headers).not.toHaveProperty('authorization');
    expect(sent.headers['user-agent']).toBe('custom/1');
  });

  it('calls a sync or async token provider on each request', async () => {
    let calls = 0;
    const ctx = client({ token: async () => `t${++calls}` });
    fault.server.reply(replies.json(200, {}), replies.json(200, {}));
    await request(ctx, { method: 'GET', path: '/{apiVersion}/x' });
    await request(ctx, { method: 'GET', path: '/{apiVersion}/x' });
    expect(fault.server.requests.map((r) => r.headers['authorization'])).toEqual(['Bearer t1', 'Bearer t2']);
    fault.server.reply(replies.json(200, {}));
    await request(client({ token: () => 'sync' }), { method: 'GET', path: '/{apiVersion}/x' });
    expect(fault.server.requests[2]?.headers['authorization']).toBe('Bearer sync');
  });

  it('falls back to the token environment variable', async () => {
    process.env['SPECLOOM_RUNTIME_TEST_TOKEN'] = 'from-env';
    try {
      const ctx = createClientContext({ baseUrl: fault.server.baseUrl }, testDefaults);
      expect(ctx.hasToken).toBe(true);
      fault.server.reply(replies.json(200, {}));
      await request(ctx, { method: 'GET', path: '/{apiVersion}/x' });
      expect(fault.server.requests[0]?.headers['authorization']).toBe('Bearer from-env');
    } finally {
      delete process.env['SPECLOOM_RUNTIME_TEST_TOKEN'];
    }
    expect(createClientContext({ baseUrl: fault.server.baseUrl }, testDefaults).hasToken).toBe(false);
  });

  it('sends filters as X-Filter JSON (non-ASCII escaped), typed or raw', async () => {
    fault.server.reply(replies.json(200, {}), replies.json(200, {}));
    const filter = { '+or': [{ label: 'wéb 🚀' }, { created: { '+gte': '2024-01-01T00:00:00' } }], '+order_by': 'label' };
    await request(client(), { method: 'GET', path: '/{apiVersion}/x', filter });
    await request(client(), { method: 'GET', path: '/{apiVersion}/x', filter: rawFilter({ region: 'us-east' }) });
    const header = fault.server.requests[0]?.headers['x-filter'] as string;
    expect(header).toMatch(/^[\x20-\x7e]+$/);
    expect(JSON.parse(header)).toEqual(filter);
    expect(fault.server.requests[1]?.headers['x-filter']).toBe('{"region":"us-east"}');
  });

  it('sends no X-Filter without a filter', async () => {
    fault.server.reply(replies.json(200, {}));
    await request(client(), { method: 'GET', path: '/{apiVersion}/x', filter: undefined });
    expect(fault.server.requests[0]?.headers).not.toHaveProperty('x-filter');
  });
});

describe('responses', () => {
  it('parses JSON, keeps {} as {}, gives undefined for 204 and empty bodies, text for text', async () => {
    fault.server.reply(
      replies.json(200, { id: 7, tags: ['a'] }),
      replies.json(200, {}),
      replies.noContent(),
      { status: 200, headers: { 'content-type': 'application/json' }, body: '' },
      { status: 200, headers: { 'content-type': 'text/plain' }, body: 'pong' },
    );
    const ctx = client();
    const get = () => request<unknown>(ctx, { method: 'GET', path: '/{apiVersion}/x' });
    expect(await get()).toEqual({ id: 7, tags: ['a'] });
    expect(await get()).toEqual({});
    expect(await get()).toBeUndefined();
    expect(await get()).toBeUndefined();
    expect(await get()).toBe('pong');
  });

  it('rejects invalid JSON in a success response', async () => {
    fault.server.reply({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"truncated":' });
    await expect(request(client(), { method: 'GET', path: '/{apiVersion}/x' })).rejects.toThrow(/Invalid JSON in the response to GET/);
  });

  it('withResponse() gives the data and the raw Response (status, rate-limit headers)', async () => {
    fault.server.reply(replies.json(200, { id: 1 }, { 'X-RateLimit-Remaining': '799' }));
    const promise = request<{ id: number }>(client(), { method: 'GET', path: '/{apiVersion}/x' });
    expect(promise).toBeInstanceOf(APIPromise);
    expect(promise).toBeInstanceOf(Promise);
    const { data, response } = await promise.withResponse();
    expectTypeOf(data).toEqualTypeOf<{ id: number }>();
    expect(data).toEqual({ id: 1 });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-ratelimit-remaining')).toBe('799');
    // The same promise also resolves to the data, once: one request.
    expect(await promise).toEqual({ id: 1 });
    expect(fault.server.requests).toHaveLength(1);
  });

  it('chains like a promise: then, catch, finally, Promise.all', async () => {
    fault.server.reply(replies.json(200, { n: 1 }), replies.error(404, { reason: 'Not found' }));
    const ctx = client({ maxRetries: 0 });
    const doubled = request<{ n: number }>(ctx, { method: 'GET', path: '/{apiVersion}/a' }).then((d) => d.n * 2);
    expectTypeOf(doubled).toEqualTypeOf<Promise<number>>();
    let finished = false;
    const caught = request(ctx, { method: 'GET', path: '/{apiVersion}/b' })
      .catch((e: unknown) => (e as Error).message)
      .finally(() => {
        finished = true;
      });
    expect(await Promise.all([doubled, caught])).toEqual([2, '404 Not found']);
    expect(finished).toBe(true);
  });
});

describe('hooks', () => {
  it('onRequest and onResponse see every attempt, with Authorization redacted', async () => {
    fault.server.reply(replies.json(503, { errors: [{ reason: 'busy' }] }), replies.json(200, {}, { 'x-request-id': 'r2' }));
    const requests: RequestInfoForHook[] = [];
    const responses: ResponseInfoForHook[] = [];
    const ctx = client({
      headers: { 'X-Api-Key': 'also-secret' },
      onRequest: (info) => void requests.push(info),
      onResponse: async (info) => void responses.push(info),
    });
    await request(ctx, { method: 'GET', path: '/{apiVersion}/x', query: { page: 1 } });
    const url = `${fault.server.baseUrl}/v4/x?page=1`;
    expect(requests.map((r) => [r.method, r.url, r.attempt])).toEqual([['GET', url, 1], ['GET', url, 2]]);
    expect(requests[0]?.headers['authorization']).toBe('Bearer ***');
    expect(requests[0]?.headers['x-api-key']).toBe('***');
    expect(requests[0]?.headers['user-agent']).toBe('example-api/1.2.3 (specloom)');
    expect(responses.map((r) => [r.status, r.attempt])).toEqual([[503, 1], [200, 2]]);
    expect(responses[1]?.headers['x-request-id']).toBe('r2');
    expect(responses[1]?.durationMs).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify([requests, responses])).not.toContain(SECRET_TOKEN);
  });

  it('a hook that throws fails the request', async () => {
    const ctx = client({
      onRequest: () => {
        throw new Error('hook says no');
      },
    });
    await expect(request(ctx, { method: 'GET', path: '/{apiVersion}/x' })).rejects.toThrow('hook says no');
    expect(fault.server.requests).toHaveLength(0);
  });
});

describe('createClientContext', () => {
  it('resolves the options into a readable, frozen context', () => {
    const ctx = createClientContext({ baseUrl: 'https://example.test/api/', maxRetries: 5, timeoutMs: 1000 }, testDefaults);
    expect({ ...ctx }).toEqual({
      baseUrl: 'https://example.test/api',
      apiVersion: 'v4',
      maxRetries: 5,
      timeoutMs: 1000,
      userAgent: 'example-api/1.2.3 (specloom)',
      headers: {},
      hasToken: false,
    });
    expect(Object.isFrozen(ctx)).toBe(true);
    expect(createClientContext({}, testDefaults).baseUrl).toBe('https://api.example.test');
  });

  it('refuses an API version the API does not offer, and bad numbers', () => {
    expect(() => createClientContext({ apiVersion: 'v3' }, testDefaults)).toThrow('Unknown API version "v3": expected one of v4, v4beta');
    expect(() => createClientContext({ maxRetries: -1 }, testDefaults)).toThrow(/maxRetries/);
    expect(() => createClientContext({ timeoutMs: 0 }, testDefaults)).toThrow(/timeoutMs/);
    expect(() => createClientContext({ baseUrl: 'ftp://example.test' }, testDefaults)).toThrow(/baseUrl/);
    expect(() => createClientContext({ baseUrl: 'not a url' }, testDefaults)).toThrow(/baseUrl/);
  });

  it('request() refuses a context it did not make', async () => {
    const fake = { ...createClientContext({}, testDefaults) };
    await expect(request(fake, { method: 'GET', path: '/x' })).rejects.toThrow(/Not a client context/);
  });

  it('looks up globalThis.fetch at call time, or uses the fetch option', async () => {
    const seen: string[] = [];
    const fake: typeof fetch = async (input) => {
      seen.push(String(input));
      return new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } });
    };
    expect(await request(client({ fetch: fake }), { method: 'GET', path: '/{apiVersion}/a' })).toEqual({ ok: true });
    const original = globalThis.fetch;
    const ctx = client();
    globalThis.fetch = fake;
    try {
      await request(ctx, { method: 'GET', path: '/{apiVersion}/b' });
    } finally {
      globalThis.fetch = original;
    }
    expect(seen).toEqual([`${fault.server.baseUrl}/v4/a`, `${fault.server.baseUrl}/v4/b`]);
  });
});
