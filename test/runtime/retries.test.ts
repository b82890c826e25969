/** Retries (which statuses, which methods, how long to wait), timeouts, caller aborts, network failures. */
import { describe, expect, it } from 'vitest';
import {
  ConnectionError,
  createClientContext,
  InternalServerError,
  RateLimitError,
  request,
  TimeoutError,
  UserAbortError,
  type ClientOptions,
  type HttpMethod,
  type RequestOptions,
} from '../../templates/client/src/core/runtime.js';
import { FaultServer, useFaultServer, SECRET_TOKEN, recordingSleep, replies, testDefaults } from './fault-server.js';

const fault = useFaultServer();

function setup(options: ClientOptions = {}) {
  const { delays, sleep } = recordingSleep();
  const ctx = createClientContext({ baseUrl: fault.server.baseUrl, token: SECRET_TOKEN, sleep, random: () => 0.5, ...options }, testDefaults);
  const call = (method: HttpMethod = 'GET', requestOptions: RequestOptions = {}) =>
    request<unknown>(ctx, { method, path: '/{apiVersion}/x', ...(method === 'POST' ? { body: {} } : {}) }, requestOptions);
  return { ctx, delays, call };
}

describe('which failures are retried', () => {
  it('retries 500, 502, 503, 504, 408 and 429 for GET, then succeeds', async () => {
    const { call } = setup({ maxRetries: 6 });
    fault.server.reply(
      replies.error(500, { reason: 'a' }),
      replies.error(502, { reason: 'b' }),
      replies.error(503, { reason: 'c' }),
      replies.error(504, { reason: 'd' }),
      replies.error(408, { reason: 'e' }),
      replies.rateLimited('0'),
      replies.json(200, { ok: true }),
    );
    expect(await call()).toEqual({ ok: true });
    expect(fault.server.requests).toHaveLength(7);
  });

  it('gives up after maxRetries (default 2; per client; per request) with the last error', async () => {
    fault.server.handle(() => replies.error(500, { reason: 'down' }));
    await expect(setup().call()).rejects.toThrow(InternalServerError);
    expect(fault.server.requests).toHaveLength(3);
    fault.server.requests.length = 0;
    await expect(setup({ maxRetries: 0 }).call()).rejects.toThrow('500 down');
    expect(fault.server.requests).toHaveLength(1);
    fault.server.requests.length = 0;
    await expect(setup({ maxRetries: 0 }).call('GET', { maxRetries: 1 })).rejects.toThrow(InternalServerError);
    expect(fault.server.requests).toHaveLength(2);
  });

  it.each<HttpMethod>(['PUT', 'DELETE', 'HEAD', 'OPTIONS'])('retries a 503 for %s', async (method) => {
    fault.server.reply(replies.error(503, { reason: 'x' }), { status: 200 });
    await setup().call(method);
    expect(fault.server.requests.map((r) => r.method)).toEqual([method, method]);
  });

  it.each<HttpMethod>(['POST', 'PATCH'])('does not retry a 5xx for %s, but retries 429 and 408', async (method) => {
    fault.server.reply(replies.error(500, { reason: 'x' }));
    await expect(setup().call(method)).rejects.toThrow(InternalServerError);
    expect(fault.server.requests).toHaveLength(1);
    fault.server.reply(replies.rateLimited('1'), replies.error(408, { reason: 'slow' }), replies.json(200, { id: 1 }));
    expect(await setup().call(method)).toEqual({ id: 1 });
    expect(fault.server.requests).toHaveLength(4);
  });

  it('does not retry a 503 in maintenance mode', async () => {
    fault.server.reply(replies.maintenance());
    await expect(setup().call()).rejects.toThrow('503 Currently in maintenance mode.');
    expect(fault.server.requests).toHaveLength(1);
  });

  it.each([400, 401, 403, 404, 409, 422, 501])('does not retry %i', async (status) => {
    fault.server.reply(replies.error(status, { reason: 'no' }));
    await expect(setup().call()).rejects.toThrow(`${status} no`);
    expect(fault.server.requests).toHaveLength(1);
  });
});

describe('how long to wait', () => {
  it('honours Retry-After in seconds, as an HTTP-date, and retry-after-ms; clamped to [0, 60 s]', async () => {
    const { call, delays } = setup({ maxRetries: 5 });
    const inThreeSeconds = new Date(Date.now() + 3000).toUTCString();
    fault.server.reply(
      replies.rateLimited('2'),
      replies.rateLimited(inThreeSeconds),
      replies.rateLimited('5', { 'retry-after-ms': '1500' }),
      replies.rateLimited('3600'),
      replies.rateLimited('Wed, 21 Oct 2015 07:28:00 GMT'),
      replies.json(200, {}),
    );
    await call();
    expect(delays[0]).toBe(2000);
    expect(delays[1]).toBeGreaterThan(1000);
    expect(delays[1]).toBeLessThanOrEqual(3000);
    expect(delays.slice(2)).toEqual([1500, 60_000, 0]);
  });

  it('otherwise backs off exponentially with full jitter: base 500 ms, cap 8 s', async () => {
    const { call, delays } = setup({ maxRetries: 6, random: () => 0.999 });
    fault.server.handle(() => replies.error(502, { reason: 'x' }));
    await expect(call()).rejects.toThrow(InternalServerError);
    expect(delays).toEqual([499, 999, 1998, 3996, 7992, 7992]);
    const half = setup({ maxRetries: 2, random: () => 0.5 });
    fault.server.reset();
    fault.server.handle(() => replies.rateLimited('soon'));
    await expect(half.call()).rejects.toThrow(RateLimitError);
    expect(half.delays).toEqual([250, 500]);
  });

  it('waits with a real timer by default', async () => {
    const ctx = createClientContext({ baseUrl: fault.server.baseUrl, token: SECRET_TOKEN }, testDefaults);
    fault.server.reply(replies.rateLimited('0', { 'retry-after-ms': '50' }), replies.json(200, {}));
    const started = Date.now();
    await request(ctx, { method: 'GET', path: '/x' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });
});

describe('timeouts', () => {
  it('times out per client, and retries the timeout for GET', async () => {
    fault.server.handle(() => replies.slow(2000));
    const started = Date.now();
    await expect(setup({ timeoutMs: 40, maxRetries: 1 }).call()).rejects.toThrow(/GET http:\/\/127\.0\.0\.1:\d+\/v4\/x timed out after 40 ms/);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(fault.server.requests).toHaveLength(2);
  });

  it('does not retry a timed-out POST', async () => {
    fault.server.handle(() => replies.slow(2000));
    await expect(setup({ timeoutMs: 40 }).call('POST')).rejects.toThrow(TimeoutError);
    expect(fault.server.requests).toHaveLength(1);
  });

  it('times out per request, overriding the client', async () => {
    fault.server.handle(() => replies.slow(2000));
    const error = await setup({ maxRetries: 0 }).call('GET', { timeoutMs: 40 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(ConnectionError);
  });

  it('covers reading the body, not only the headers', async () => {
    const slowBody: typeof fetch = async (_input, init) =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"partial":'));
            init?.signal?.addEventListener('abort', () => controller.error(init.signal?.reason));
          },
        }),
        { headers: { 'content-type': 'application/json' } },
      );
    await expect(setup({ fetch: slowBody, timeoutMs: 40, maxRetries: 0 }).call()).rejects.toThrow(TimeoutError);
  });
});

describe('caller aborts', () => {
  it('rejects at once with UserAbortError and does not retry', async () => {
    fault.server.handle(() => replies.slow(2000));
    const controller = new AbortController();
    const started = Date.now();
    const pending = setup({ maxRetries: 3 }).call('GET', { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user changed their mind')), 30);
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserAbortError);
    expect(error).not.toBeInstanceOf(ConnectionError);
    expect((error as Error).cause).toEqual(new Error('user changed their mind'));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(fault.server.requests).toHaveLength(1);
  });

  it('does not send when already aborted', async () => {
    await expect(setup().call('GET', { signal: AbortSignal.abort() })).rejects.toThrow(UserAbortError);
    expect(fault.server.requests).toHaveLength(0);
  });

  it('does not send when aborted during the onRequest hook', async () => {
    const controller = new AbortController();
    const { call } = setup({ onRequest: () => controller.abort() });
    await expect(call('GET', { signal: controller.signal })).rejects.toThrow(UserAbortError);
    expect(fault.server.requests).toHaveLength(0);
  });

  it('stops waiting for a retry when aborted', async () => {
    const ctx = createClientContext({ baseUrl: fault.server.baseUrl, token: SECRET_TOKEN }, testDefaults);
    fault.server.reply(replies.rateLimited('30'));
    const started = Date.now();
    const pending = request(ctx, { method: 'GET', path: '/x' }, { signal: AbortSignal.timeout(50) });
    await expect(pending).rejects.toThrow(UserAbortError);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(fault.server.requests).toHaveLength(1);
  });
});

describe('network failures', () => {
  async function closedPortUrl(): Promise<string> {
    const closed = await FaultServer.start();
    await closed.close();
    return closed.baseUrl;
  }

  it('a refused connection is a ConnectionError, retried even for POST (nothing was sent)', async () => {
    const attempts: number[] = [];
    const { call } = setup({ baseUrl: await closedPortUrl(), onRequest: (info) => void attempts.push(info.attempt) });
    const error = await call('POST').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).not.toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/v4\/x failed: .*ECONNREFUSED/);
    expect((error as Error).cause).toBeDefined();
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('a connection reset mid-request is retried for GET, not for POST', async () => {
    fault.server.reply(replies.reset(), replies.reset(), replies.json(200, { ok: true }));
    expect(await setup().call()).toEqual({ ok: true });
    expect(fault.server.requests).toHaveLength(3);
    fault.server.reset();
    fault.server.reply(replies.reset());
    await expect(setup().call('POST')).rejects.toThrow(ConnectionError);
    expect(fault.server.requests).toHaveLength(1);
  });

  it('retries a POST only when the failure shows it was not sent', async () => {
    const failing = (cause: unknown) => {
      let calls = 0;
      const fetchImpl: typeof fetch = async () => {
        calls++;
        throw new TypeError('fetch failed', { cause });
      };
      return { fetchImpl, calls: () => calls };
    };
    const dns = failing(Object.assign(new Error('getaddrinfo ENOTFOUND api.example.test'), { code: 'ENOTFOUND' }));
    await expect(setup({ fetch: dns.fetchImpl }).call('POST')).rejects.toThrow(/ENOTFOUND/);
    expect(dns.calls()).toBe(3);
    // Node, for a host with several addresses: an AggregateError without a message, one error per address.
    const both = failing(new AggregateError([Object.assign(new Error(''), { code: 'ECONNREFUSED' })], ''));
    const error = await setup({ fetch: both.fetchImpl }).call('PATCH').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/failed: fetch failed \(ECONNREFUSED\)$/);
    expect(both.calls()).toBe(3);
    const unknown = failing(undefined); // a browser's "Failed to fetch" says nothing
    await expect(setup({ fetch: unknown.fetchImpl }).call('POST')).rejects.toThrow('failed: fetch failed');
    expect(unknown.calls()).toBe(1);
  });
});
