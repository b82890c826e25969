// The HTTP runtime of a specloom-generated client: one `request()` that every operation calls.
// Copied verbatim into each generated package. No dependencies: the platform's fetch, AbortController and
// Headers, so it runs in Node 20+, browsers, Deno and Bun.

import {
  apiErrorFor,
  ConnectionError,
  isJsonType,
  parseErrorBody,
  TimeoutError,
  UserAbortError,
} from './errors.js';

export {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  TimeoutError,
  UserAbortError,
  type ApiErrorDetail,
} from './errors.js';
export { rawFilter, type FilterCondition, type FilterOperators, type RawFilter, type XFilter } from './filter.js';
export { iterateItems, iteratePages, type Page, type PageLike } from './pagination.js';

/** A bearer token, or a function giving one (called once per request, so it can refresh it). */
export type TokenProvider = string | (() => string | Promise<string>);

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

/** What `onRequest` sees. The `Authorization` header is redacted (`Bearer ***`). */
export interface RequestInfoForHook {
  readonly method: HttpMethod;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** 1 for the first try, 2 for the first retry, ... */
  readonly attempt: number;
}

/** What `onResponse` sees, for every HTTP response including those that get retried. */
export interface ResponseInfoForHook {
  readonly method: HttpMethod;
  readonly url: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly attempt: number;
  /** From sending the request to receiving the response headers. */
  readonly durationMs: number;
}

export interface ClientOptions {
  /** Bearer token, or a (sync or async) function giving one per request. Default: the environment variable the client names. */
  token?: TokenProvider | undefined;
  /** The API's base URL; a trailing slash is fine. */
  baseUrl?: string | undefined;
  /** The API version to call, where the API's paths have a version parameter. */
  apiVersion?: string | undefined;
  /** A fetch implementation. Default: `globalThis.fetch`, looked up at each request. */
  fetch?: typeof fetch | undefined;
  /** How many times a failed request is retried when that is safe. Default 2. */
  maxRetries?: number | undefined;
  /** Timeout of each attempt, in milliseconds, until the whole body is read. Default 60 000. */
  timeoutMs?: number | undefined;
  userAgent?: string | undefined;
  /** Headers sent with every request. */
  headers?: Record<string, string> | undefined;
  /** Called before each attempt (awaited; an exception fails the request). */
  onRequest?: ((info: RequestInfoForHook) => void | Promise<void>) | undefined;
  /** Called on each HTTP response (awaited; an exception fails the request). */
  onResponse?: ((info: ResponseInfoForHook) => void | Promise<void>) | undefined;
  /**
   * Allow sending the token over plain `http://` to a host other than localhost. Only for trusted networks:
   * anyone on the path can read the token.
   */
  allowInsecureHttp?: boolean | undefined;
  /**
   * Advanced, mainly for tests: how to wait before a retry. Default: a timer. The runtime also stops waiting
   * when the caller's signal fires.
   */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /** Advanced, mainly for tests: the random source of the retry jitter, in [0, 1). Default: `Math.random`. */
  random?: (() => number) | undefined;
}

/** What the generated client knows about its API. */
export interface ClientDefaults {
  baseUrl: string;
  /** The name of the path parameter that carries the API version, e.g. `apiVersion` in `/{apiVersion}/profile`. */
  apiVersionParam?: string;
  apiVersion?: string;
  /** The versions the API offers; any other `apiVersion` option is refused. */
  apiVersions?: readonly string[];
  /** The environment variable holding the token when no `token` option is given (where `process.env` exists). */
  tokenEnvVar?: string;
  userAgent: string;
}

/**
 * A configured client, made by `createClientContext`, passed to every operation. Its fields can be read; the
 * token cannot (it is kept out of reach, so logging or serializing the context does not leak it).
 */
export interface ClientContext {
  readonly baseUrl: string;
  readonly apiVersion: string | undefined;
  readonly maxRetries: number;
  readonly timeoutMs: number;
  readonly userAgent: string;
  /** The extra headers of every request, with credentials redacted. */
  readonly headers: Readonly<Record<string, string>>;
  /** Whether requests carry a token. */
  readonly hasToken: boolean;
}

export interface RequestOptions {
  /** Aborts the request (and any retry): it then rejects with `UserAbortError`. */
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  headers?: Record<string, string> | undefined;
  maxRetries?: number | undefined;
}

/** One operation call, as the generated code describes it. */
export interface OperationRequest {
  method: HttpMethod;
  /** A path template, e.g. `/{apiVersion}/profile/tokens/{tokenId}`. */
  path: string;
  pathParams?: Record<string, string | number | boolean>;
  query?: Record<string, unknown>;
  headers?: Record<string, string | undefined>;
  /** Sent as JSON when not undefined. */
  body?: unknown;
  /** Sent as the `X-Filter` header (JSON) when not undefined. */
  filter?: unknown;
}

/** What the context keeps out of sight: the token, and functions that have no business in a log. */
interface Internals {
  readonly token: TokenProvider | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly apiVersionParam: string | undefined;
  readonly fetch: typeof fetch | undefined;
  readonly onRequest: ClientOptions['onRequest'];
  readonly onResponse: ClientOptions['onResponse'];
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random: () => number;
}

const internals = new WeakMap<ClientContext, Internals>();

const DEFAULT_MAX_RETRIES = 2;
const DEFAULT_TIMEOUT_MS = 60_000;
/** Longer than this, setTimeout fires at once; treated as "no timeout". */
const MAX_TIMER_MS = 2_147_483_647;
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 8_000;
const RETRY_AFTER_CAP_MS = 60_000;
/** Methods whose requests can be repeated without changing the outcome. */
const IDEMPOTENT = new Set<HttpMethod>(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** Resolves options against the API's defaults, and checks them: a mistake fails here rather than on each call. */
export function createClientContext(options: ClientOptions, defaults: ClientDefaults): ClientContext {
  const baseUrl = (options.baseUrl ?? defaults.baseUrl).replace(/\/+$/, '');
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new Error(`Invalid baseUrl "${baseUrl}": expected an absolute http(s) URL`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error(`Invalid baseUrl "${baseUrl}": expected an http(s) URL`);
  }

  const apiVersion = options.apiVersion ?? defaults.apiVersion;
  if (apiVersion !== undefined && defaults.apiVersions !== undefined && !defaults.apiVersions.includes(apiVersion)) {
    throw new Error(`Unknown API version "${apiVersion}": expected one of ${defaults.apiVersions.join(', ')}`);
  }

  const token = options.token ?? readEnv(defaults.tokenEnvVar);
  if (typeof token === 'string') checkToken(token);
  const hasToken = typeof token === 'function' || (typeof token === 'string' && token !== '');
  if (hasToken && parsed.protocol === 'http:' && !isLoopback(parsed.hostname) && options.allowInsecureHttp !== true) {
    throw new Error(
      `Refusing to send the API token over plain http to ${parsed.host}: use https, or set allowInsecureHttp: true on a trusted network`,
    );
  }

  const userAgent = options.userAgent ?? defaults.userAgent;
  checkHeaderValue('User-Agent', userAgent, 'The user agent');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    checkHeaderValue(name, value);
    headers[name.toLowerCase()] = value;
  }

  const ctx: ClientContext = Object.freeze({
    baseUrl,
    apiVersion,
    maxRetries: checkMaxRetries(options.maxRetries ?? DEFAULT_MAX_RETRIES),
    timeoutMs: checkTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    userAgent,
    headers: Object.freeze(redactHeaders(headers)),
    hasToken,
  });
  internals.set(ctx, {
    token,
    headers: Object.freeze(headers),
    apiVersionParam: defaults.apiVersionParam,
    fetch: options.fetch,
    onRequest: options.onRequest,
    onResponse: options.onResponse,
    sleep: options.sleep ?? defaultSleep,
    random: options.random ?? Math.random,
  });
  return ctx;
}

/**
 * A `Promise` of the response data, with `.withResponse()` for the raw `Response` too (status, `X-RateLimit-*`
 * headers...). The request starts at once, like any promise's work.
 */
export class APIPromise<T> extends Promise<T> {
  readonly #result: Promise<{ data: T; response: Response }>;

  constructor(result: Promise<{ data: T; response: Response }>) {
    // The base promise is never used: then/catch/finally go to #result.
    super((resolve) => resolve(undefined as T));
    this.#result = result;
  }

  // Built-ins that derive promises (e.g. Promise.prototype.then.call) must make plain ones, not call our constructor.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  /** The data and the `Response` (whose body has been read already: use `data`). */
  withResponse(): Promise<{ data: T; response: Response }> {
    return this.#result;
  }

  override then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#result.then((r) => r.data).then(onfulfilled, onrejected);
  }

  override catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.then(undefined, onrejected);
  }

  override finally(onfinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onfinally);
  }
}

/** Sends one operation, with retries, timeout and error mapping. */
export function request<T>(ctx: ClientContext, req: OperationRequest, options?: RequestOptions): APIPromise<T> {
  return new APIPromise<T>(send<T>(ctx, req, options ?? {}));
}

async function send<T>(ctx: ClientContext, req: OperationRequest, options: RequestOptions): Promise<{ data: T; response: Response }> {
  const hidden = internals.get(ctx);
  if (hidden === undefined) throw new Error('Not a client context: make one with createClientContext() (or createClient())');
  const signal = options.signal;
  throwIfAborted(signal);

  const url = buildUrl(ctx, hidden, req);
  const maxRetries = checkMaxRetries(options.maxRetries ?? ctx.maxRetries);
  const timeoutMs = checkTimeout(options.timeoutMs ?? ctx.timeoutMs);
  const headers = await buildHeaders(ctx, hidden, req, options);
  const body = req.body === undefined ? undefined : JSON.stringify(req.body);
  const call: Call = { method: req.method, url, headers, body, timeoutMs, signal, hidden };

  for (let attempt = 1; ; attempt++) {
    throwIfAborted(signal);
    const outcome = await attemptOnce<T>(call, attempt, attempt > maxRetries);
    if ('data' in outcome) return outcome;
    if (!outcome.retry) throw outcome.error;
    const delay = retryDelay(outcome.headers, attempt - 1, hidden.random);
    await pause(hidden.sleep, delay, signal);
  }
}

interface Call {
  readonly method: HttpMethod;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
  readonly hidden: Internals;
}

type Outcome<T> = { data: T; response: Response } | { error: Error; retry: boolean; headers?: Headers };

/**
 * One try, under its own timeout. Returns the data, or the error with whether to retry it; throws only what must
 * end the request at once (the caller's abort, a hook's exception).
 */
async function attemptOnce<T>(call: Call, attempt: number, isLast: boolean): Promise<Outcome<T>> {
  const { method, url, signal, hidden } = call;
  await hidden.onRequest?.({ method, url, headers: redactHeaders(call.headers), attempt });

  const controller = new AbortController();
  let timedOut = false;
  const timer = call.timeoutMs <= MAX_TIMER_MS
    ? setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, call.timeoutMs)
    : undefined;
  const forwardAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', forwardAbort, { once: true });
  // The signal may have fired during the onRequest hook, before the listener existed.
  if (signal?.aborted) forwardAbort();

  // A failure with no response: the caller's abort ends everything; otherwise a timeout or a connection error.
  const failed = (cause: unknown, sent: boolean): Outcome<T> => {
    if (signal?.aborted) throw new UserAbortError(undefined, { cause: signal.reason });
    const where = `${method} ${url.split('?')[0]}`;
    if (timedOut) {
      return { error: new TimeoutError(`${where} timed out after ${call.timeoutMs} ms`), retry: !isLast && IDEMPOTENT.has(method) };
    }
    const error = new ConnectionError(`${where} failed: ${describeCause(cause)}`, { cause });
    return { error, retry: !isLast && (IDEMPOTENT.has(method) || (!sent && notSent(cause))) };
  };

  try {
    const fetchImpl = hidden.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== 'function') throw new Error('No fetch in this environment: pass the `fetch` option');
    const started = Date.now();
    let response: Response;
    try {
      // Called as a plain function: some fetch implementations refuse another `this`.
      response = await fetchImpl(url, { method, headers: call.headers, body: call.body ?? null, signal: controller.signal });
    } catch (cause) {
      return failed(cause, false);
    }
    await hidden.onResponse?.({
      method,
      url,
      status: response.status,
      headers: headersObject(response.headers),
      attempt,
      durationMs: Date.now() - started,
    });

    if (!response.ok) {
      if (!isLast && retryableStatus(method, response)) {
        await response.body?.cancel().catch(() => {});
        return { error: new Error(`HTTP ${response.status}`), retry: true, headers: response.headers };
      }
      let text = '';
      try {
        text = await response.text();
      } catch {
        if (signal?.aborted) throw new UserAbortError(undefined, { cause: signal.reason });
      }
      const contentType = response.headers.get('content-type');
      const details = parseErrorBody(text, contentType, response.statusText, response.status);
      return { error: apiErrorFor(response.status, details, response.headers), retry: false };
    }

    let text: string;
    try {
      text = method === 'HEAD' || response.status === 204 || response.status === 205 ? '' : await response.text();
    } catch (cause) {
      return failed(cause, true);
    }
    return { data: parseBody<T>(text, response, method, url), response };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    signal?.removeEventListener('abort', forwardAbort);
  }
}

/** JSON when the response says so; an empty body is `undefined`; other text is returned as is. */
function parseBody<T>(text: string, response: Response, method: HttpMethod, url: string): T {
  if (text === '') return undefined as T;
  if (!isJsonType(response.headers.get('content-type'))) return text as T;
  try {
    return JSON.parse(text) as T;
  } catch (cause) {
    throw new Error(`Invalid JSON in the response to ${method} ${url.split('?')[0]} (status ${response.status})`, { cause });
  }
}

/** 429 and 408 are always safe to retry (the server did not act); 5xx only for idempotent methods. */
function retryableStatus(method: HttpMethod, response: Response): boolean {
  const status = response.status;
  if (status === 429 || status === 408) return true;
  if (!IDEMPOTENT.has(method)) return false;
  // Planned maintenance: retrying within seconds will not help.
  if (status === 503) return !response.headers.has('x-maintenance-mode');
  return status === 500 || status === 502 || status === 504;
}

/**
 * Whether a fetch failure certainly happened before the request left (so a POST can be retried): the host was
 * not found or refused the connection. Platforms report this differently (Node/undici: `cause.code`; Bun: `code`;
 * Deno: the message); when unsure, assume it was sent.
 */
function notSent(error: unknown): boolean {
  const codes = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|UND_ERR_CONNECT_TIMEOUT|ConnectionRefused|FailedToOpenSocket)$/;
  const messages = /ECONNREFUSED|ENOTFOUND|connection refused|dns error|failed to lookup address|getaddrinfo/i;
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const current = queue.shift();
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    const { code, message, cause, errors } = current as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string' && codes.test(code)) return true;
    if (typeof message === 'string' && messages.test(message)) return true;
    queue.push(cause);
    // Node tries each address of a host: an AggregateError of one refusal per address.
    if (Array.isArray(errors)) queue.push(...(errors as unknown[]));
  }
  return false;
}

/**
 * The innermost message of an error chain ("connect ECONNREFUSED 127.0.0.1:8080" rather than "fetch failed"),
 * with its code when the message lacks it (an AggregateError of one failure per address has no message).
 */
function describeCause(error: unknown): string {
  let current = error;
  let message = 'network error';
  let code: string | undefined;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
    const { message: m, code: c, cause, errors } = current as { message?: unknown; code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof m === 'string' && m !== '') message = m;
    if (typeof c === 'string') code ??= c;
    current = cause ?? (Array.isArray(errors) ? (errors as unknown[])[0] : undefined);
  }
  if (code !== undefined && !message.includes(code)) message = `${message} (${code})`;
  return message.length > 200 ? `${message.slice(0, 199)}…` : message;
}

/** `Retry-After` (or `retry-after-ms`) when the server gives one, else exponential backoff with full jitter. */
function retryDelay(headers: Headers | undefined, retryIndex: number, random: () => number): number {
  const fromServer = headers === undefined ? undefined : retryAfterMs(headers);
  if (fromServer !== undefined) return fromServer;
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** retryIndex);
  return Math.floor(random() * ceiling);
}

function retryAfterMs(headers: Headers): number | undefined {
  const clamp = (ms: number) => Math.min(RETRY_AFTER_CAP_MS, Math.max(0, ms));
  const ms = headers.get('retry-after-ms')?.trim();
  if (ms && Number.isFinite(Number(ms))) return clamp(Number(ms));
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return clamp(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : clamp(date - Date.now());
}

/** Waits `ms`, unless the caller's signal fires first (then rejects with UserAbortError at once). */
function pause(sleep: Internals['sleep'], ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return sleep(ms);
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(new UserAbortError(undefined, { cause: signal.reason }));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    sleep(ms, signal).then(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    // On abort, free the timer: pause() has rejected already.
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new UserAbortError(undefined, { cause: signal.reason });
}

/** `${baseUrl}${path}?${query}`, path parameters encoded so that none can change the path's shape. */
function buildUrl(ctx: ClientContext, hidden: Internals, req: OperationRequest): string {
  const params: Record<string, string | number | boolean> = {};
  if (hidden.apiVersionParam !== undefined && ctx.apiVersion !== undefined) params[hidden.apiVersionParam] = ctx.apiVersion;
  Object.assign(params, req.pathParams);

  const path = req.path.replace(/\{([^{}]+)\}/g, (_whole, name: string) => {
    const value = Object.hasOwn(params, name) ? params[name] : undefined;
    if (value === undefined || value === null || String(value) === '') {
      throw new Error(`Missing path parameter "${name}" for ${req.method} ${req.path}`);
    }
    const text = String(value);
    // URL parsers resolve "." and ".." segments even when percent-encoded, so they cannot be sent as values.
    if (text === '.' || text === '..') throw new Error(`Invalid path parameter "${name}": "${text}" is not allowed`);
    return encodeURIComponent(text);
  });

  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(req.query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null) search.append(name, queryValue(item));
    }
  }
  const query = search.toString();
  return `${ctx.baseUrl}${path}${query === '' ? '' : `?${query}`}`;
}

function queryValue(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Request headers, lowercased; later sources win: defaults, client, token, operation, per-request options. */
async function buildHeaders(
  ctx: ClientContext,
  hidden: Internals,
  req: OperationRequest,
  options: RequestOptions,
): Promise<Record<string, string>> {
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': ctx.userAgent, ...hidden.headers };
  if (req.body !== undefined) headers['content-type'] = 'application/json';
  if (req.filter !== undefined) headers['x-filter'] = asciiJson(req.filter);

  const token = typeof hidden.token === 'function' ? await hidden.token() : hidden.token;
  if (token !== undefined && token !== '') {
    if (typeof token !== 'string') throw new Error('The token provider must return a string');
    checkToken(token);
    headers['authorization'] = `Bearer ${token}`;
  }

  for (const [name, value] of Object.entries(req.headers ?? {})) {
    if (value === undefined) continue;
    checkHeaderValue(name, value);
    headers[name.toLowerCase()] = value;
  }
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    checkHeaderValue(name, value);
    headers[name.toLowerCase()] = value;
  }
  return headers;
}

/** JSON with non-ASCII characters escaped: header values are bytes, and JSON readers decode \u escapes. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const TOKEN_CHARS = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Refuses a value that could split the header (CR/LF) or is not a valid header value. Never quotes the value. */
function checkHeaderValue(name: string, value: string, label = `Header "${name}"`): void {
  if (!TOKEN_CHARS.test(name)) throw new Error(`Invalid header name "${name.replace(/[^\x20-\x7e]/g, '?')}"`);
  if (typeof value !== 'string') throw new Error(`${label} must be a string`);
  if (/[\r\n]/.test(value)) throw new Error(`${label} contains a CR or LF character`);
  if (/[\u0000\u0100-\uffff]/.test(value)) throw new Error(`${label} contains a character not allowed in a header`);
}

function checkToken(token: string): void {
  checkHeaderValue('Authorization', token, 'The token');
}

function checkMaxRetries(value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new Error(`maxRetries must be a whole number >= 0, not ${String(value)}`);
  return value;
}

function checkTimeout(value: number): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value <= 0) {
    throw new Error(`timeoutMs must be a number of milliseconds > 0 (Infinity for none), not ${String(value)}`);
  }
  return value;
}

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key']);

/** A plain copy of headers with credentials masked: `Bearer ***`. */
function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (!SECRET_HEADERS.has(lower)) copy[lower] = value;
    else copy[lower] = /^(bearer|basic|token)\s/i.test(value) ? `${value.split(/\s/)[0]} ***` : '***';
  }
  return copy;
}

function headersObject(headers: Headers): Record<string, string> {
  const copy: Record<string, string> = {};
  headers.forEach((value, name) => {
    copy[name] = value;
  });
  return copy;
}

/** localhost, 127.0.0.0/8 and [::1]: plain http there does not leave the machine. */
function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** An environment variable in Node, Bun or Deno (with --allow-env); undefined elsewhere. */
function readEnv(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  try {
    const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
    const value = env?.[name];
    return value === undefined || value === '' ? undefined : value;
  } catch {
    // Deno without --allow-env throws on access.
    return undefined;
  }
}
