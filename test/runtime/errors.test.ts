/** Error responses become ApiError subclasses with readable messages, whatever the body looks like. */
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  createClientContext,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  request,
  TimeoutError,
  UserAbortError,
} from '../../templates/client/src/core/runtime.js';
import { useFaultServer, SECRET_TOKEN, replies, testDefaults, type Reply } from './fault-server.js';

const fault = useFaultServer();

async function errorFor(reply: Reply): Promise<ApiError> {
  fault.server.reply(reply);
  const ctx = createClientContext({ baseUrl: fault.server.baseUrl, token: SECRET_TOKEN, maxRetries: 0 }, testDefaults);
  const error = await request(ctx, { method: 'GET', path: '/{apiVersion}/x' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('error classes', () => {
  it.each([
    [400, 'BadRequestError', BadRequestError],
    [401, 'AuthenticationError', AuthenticationError],
    [403, 'PermissionDeniedError', PermissionDeniedError],
    [404, 'NotFoundError', NotFoundError],
    [429, 'RateLimitError', RateLimitError],
    [500, 'InternalServerError', InternalServerError],
    [503, 'InternalServerError', InternalServerError],
    [409, 'ApiError', ApiError],
  ] as const)('%i -> %s', async (status, name, ErrorClass) => {
    const error = await errorFor({ status, headers: { 'x-request-id': 'abc' }, body: { errors: [{ reason: 'Nope' }] } });
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    expect(error.status).toBe(status);
    expect(error.errors).toEqual([{ reason: 'Nope' }]);
    expect(error.headers.get('x-request-id')).toBe('abc');
    expect(error.message).toBe(`${status} Nope`);
    expect(String(error)).toBe(`${name}: ${status} Nope`);
  });

  it('other error classes are named and chained as documented', () => {
    expect(new TimeoutError('t')).toBeInstanceOf(ConnectionError);
    expect(new TimeoutError('t').name).toBe('TimeoutError');
    expect(new ConnectionError('c', { cause: 1 }).cause).toBe(1);
    expect(new UserAbortError().message).toBe('Request aborted by the caller');
    expect(new UserAbortError()).not.toBeInstanceOf(ConnectionError);
  });
});

describe('messages', () => {
  it('joins field errors: "400 label: ...; scopes: invalid"', async () => {
    const error = await errorFor(
      replies.error(400, { field: 'label', reason: 'Length must be 1-100 characters' }, { field: 'scopes', reason: 'invalid' }),
    );
    expect(error.message).toBe('400 label: Length must be 1-100 characters; scopes: invalid');
    expect(error.errors).toEqual([
      { field: 'label', reason: 'Length must be 1-100 characters' },
      { field: 'scopes', reason: 'invalid' },
    ]);
  });

  it('an HTML 502 page gives its title', async () => {
    const error = await errorFor(replies.html502());
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.message).toBe('502 Bad Gateway');
    expect(error.errors).toEqual([{ reason: '502 Bad Gateway' }]);
  });

  it('a long non-JSON body gives a short, single-line excerpt', async () => {
    const body = `<div>\n\n  Upstream   failure &amp; more\t</div><script>var x = 1;</script>${'<p>filler text</p>'.repeat(100)}`;
    const error = await errorFor({ status: 500, headers: { 'content-type': 'text/html' }, body });
    expect(error.message.startsWith('500 Upstream failure & more filler text filler')).toBe(true);
    expect(error.message).not.toMatch(/\n|script|var x/);
    expect(error.message.length).toBeLessThanOrEqual(205);
    expect(error.message.endsWith('…')).toBe(true);
  });

  it('an empty body gives the status text', async () => {
    expect((await errorFor({ status: 404 })).message).toBe('404 Not Found');
    expect((await errorFor({ status: 400, headers: { 'content-type': 'text/plain' }, body: 'bad thing' })).message).toBe('400 bad thing');
  });

  it('other JSON shapes give their message', async () => {
    expect((await errorFor({ status: 400, body: { error: 'invalid_grant' } })).message).toBe('400 invalid_grant');
    expect((await errorFor({ status: 422, body: { message: 'Unprocessable' } })).message).toBe('422 Unprocessable');
    expect((await errorFor({ status: 400, body: { errors: [{ code: 7 }] } })).message).toBe('400 {"code":7}');
  });
});
