/** The token stays secret; header injection and plain-http token leaks are refused before anything is sent. */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  ConnectionError,
  createClientContext,
  request,
  TimeoutError,
  UserAbortError,
  type ClientOptions,
} from '../../templates/client/src/core/runtime.js';
import { FaultServer, useFaultServer, SECRET_TOKEN, recordingSleep, replies, testDefaults } from './fault-server.js';

const fault = useFaultServer();

const client = (options: ClientOptions = {}) =>
  createClientContext({ baseUrl: fault.server.baseUrl, token: SECRET_TOKEN, maxRetries: 0, sleep: recordingSleep().sleep, ...options }, testDefaults);

/** Every way an error or object gets logged or reported. */
function expectNoToken(value: unknown): void {
  const views = [
    String(value),
    value instanceof Error ? value.message + String(value.stack) : '',
    JSON.stringify(value) ?? '',
    JSON.stringify(Object.keys(value as object)),
    inspect(value, { depth: 10, showHidden: true, getters: true }),
  ];
  for (const view of views) expect(view).not.toContain(SECRET_TOKEN);
}

async function rejection(promise: PromiseLike<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('the token does not leak', () => {
  it('from API errors', async () => {
    fault.server.reply(replies.error(401, { reason: 'Invalid Token' }));
    const error = await rejection(request(client(), { method: 'GET', path: '/{apiVersion}/x' }));
    expect(error).toBeInstanceOf(ApiError);
    expect(Object.keys(error as object).sort()).toEqual(['errors', 'headers', 'status']);
    expectNoToken(error);
  });

  it('from connection errors, timeouts and aborts', async () => {
    const closed = await FaultServer.start();
    const refusedUrl = closed.baseUrl;
    await closed.close();
    const refused = await rejection(request(client({ baseUrl: refusedUrl }), { method: 'GET', path: '/{apiVersion}/x' }));
    expect(refused).toBeInstanceOf(ConnectionError);
    expectNoToken(refused);

    fault.server.reply(replies.slow(2000));
    const timedOut = await rejection(request(client({ timeoutMs: 30 }), { method: 'GET', path: '/{apiVersion}/x' }));
    expect(timedOut).toBeInstanceOf(TimeoutError);
    expectNoToken(timedOut);

    fault.server.reply(replies.slow(2000));
    const aborted = await rejection(request(client(), { method: 'GET', path: '/{apiVersion}/x' }, { signal: AbortSignal.timeout(30) }));
    expect(aborted).toBeInstanceOf(UserAbortError);
    expectNoToken(aborted);
  });

  it('from the context, even with credentials in its headers', () => {
    const ctx = client({ headers: { Authorization: `Bearer ${SECRET_TOKEN}` } });
    expectNoToken(ctx);
    expect(ctx.headers['authorization']).toBe('Bearer ***');
    expectNoToken(client({ token: () => SECRET_TOKEN }));
  });
});

describe('header injection', () => {
  const crlf = 'abc\r\nX-Injected: 1';
  it.each<[string, ClientOptions]>([
    ['token', { token: crlf }],
    ['user agent', { userAgent: crlf }],
    ['client header', { headers: { 'X-Custom': crlf } }],
  ])('refuses a CR/LF in the %s when the client is made', (_, options) => {
    expect(() => client(options)).toThrow(/contains a CR or LF character/);
    try {
      client(options);
    } catch (error) {
      expect((error as Error).message).not.toContain('Injected');
    }
  });

  it('refuses a CR/LF from a token provider or in request headers, sending nothing', async () => {
    await expect(request(client({ token: async () => `${SECRET_TOKEN}\n` }), { method: 'GET', path: '/x' })).rejects.toThrow(
      'The token contains a CR or LF character',
    );
    await expect(request(client(), { method: 'GET', path: '/x', headers: { 'X-Op': crlf } })).rejects.toThrow(
      'Header "X-Op" contains a CR or LF character',
    );
    await expect(request(client(), { method: 'GET', path: '/x' }, { headers: { 'X-Req': '\n' } })).rejects.toThrow(/CR or LF/);
    await expect(request(client(), { method: 'GET', path: '/x' }, { headers: { 'Bad Name': 'v' } })).rejects.toThrow(/Invalid header name/);
    expect(fault.server.requests).toHaveLength(0);
  });
});

describe('plain http', () => {
  it('refuses to send a token to a non-loopback http host', () => {
    expect(() => client({ baseUrl: 'http://api.example.test' })).toThrow(/Refusing to send the API token over plain http to api\.example\.test/);
    expect(() => client({ baseUrl: 'http://10.0.0.1:8080', token: () => 't' })).toThrow(/plain http/);
  });

  it('allows it with allowInsecureHttp, without a token, over https and on loopback', () => {
    expect(client({ baseUrl: 'http://api.example.test', allowInsecureHttp: true }).baseUrl).toBe('http://api.example.test');
    expect(client({ baseUrl: 'http://api.example.test', token: undefined }).hasToken).toBe(false);
    for (const baseUrl of ['https://api.example.test', 'http://localhost:4010', 'http://127.0.0.5', 'http://[::1]:8080', 'http://app.localhost']) {
      expect(client({ baseUrl }).baseUrl).toBe(baseUrl);
    }
  });
});
