// The HTTP runtime of a specloom-generated client: one `request()` that every operation calls.
// Copied verbatim into each generated package. No dependencies: the platform's fetch, AbortController and
// Headers, so it runs in Node 20+, browsers, Deno and Bun.

import { apiErrorFor, ConnectionError, excerpt, isJsonType, parseErrorBody, TimeoutError, UserAbortError, ValidationError } from './errors.js';

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
  ValidationError,
  type ApiErrorDetail,
  type ValidationIssue,
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
  /**
   * Check requests before they are sent, responses once they arrive, or both, against `schemas` (the
   * `operationSchemas` of the package's `/schemas` subpath, which needs zod): a mismatch rejects with a
   * `ValidationError`. Off by default, and the schemas are only in your bundle when you pass them.
   */
  validate?: 'request' | 'response' | 'both' | undefined;
  schemas?: OperationSchemas | undefined;
}

/** A schema the runtime can check a value with: any Standard Schema (zod 4's schemas are). */
export interface StandardSchema {
  readonly '~standard': {
    validate(value: unknown): StandardResult | Promise<StandardResult>;
  };
}
type StandardResult = { readonly value?: unknown; readonly issues?: undefined } | { readonly issues: ReadonlyArray<{ readonly message: string; readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined }> };

/** Each operation's schemas, by operationId: its query parameters (by their names on the wire), request body and response. */
export type OperationSchemas = Record<string, { query?: StandardSchema; body?: StandardSchema; response?: StandardSchema }>;

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
  /** The operationId, which `schemas` are looked up by. */
  operationId?: string;
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
interface Internals extends ClientOptions {
  readonly token: TokenProvider | undefined;
  /** The client's headers, unredacted. */
  readonly headers: Record<string, string>;
  readonly apiVersionParam: string | undefined;
}

const internals = new WeakMap<ClientContext, Internals>();

/** Resolves options against the API's defaults, and checks them: a mistake fails here rather than on each call. */
export function createClientContext(options: ClientOptions, defaults: ClientDefaults): ClientContext {
  const baseUrl = (options.baseUrl ?? defaults.baseUrl).replace(/\/+$/, '');
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {
    // Reported below.
  }
  if (url?.protocol !== 'https:' && url?.protocol !== 'http:') {
    throw new Error(`Invalid baseUrl "${baseUrl}": expected an absolute http(s) URL`);
  }

  const apiVersion = options.apiVersion ?? defaults.apiVersion;
  const versions = defaults.apiVersions;
  if (apiVersion !== undefined && versions && !versions.includes(apiVersion)) {
    throw new Error(`Unknown API version "${apiVersion}": expected one of ${versions.join(', ')}`);
  }

  let token = options.token;
  try {
    // An environment variable in Node, Bun or Deno (with --allow-env); none elsewhere.
    const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
    token ??= (defaults.tokenEnvVar && env?.[defaults.tokenEnvVar]) || undefined;
  } catch {
    // Deno without --allow-env throws on access.
  }
  if (typeof token === 'string') checkToken(token);
  const hasToken = !!token;
  // localhost, 127.0.0.0/8 and [::1] (URL has lowercased the host): plain http there does not leave the machine.
  const loopback = /^((.+\.)?localhost|\[::1\]|127(\.\d+){3})$/.test(url.hostname);
  if (hasToken && url.protocol === 'http:' && !loopback && options.allowInsecureHttp !== true) {
    throw new Error(
      `Refusing to send the API token over plain http to ${url.host}: use https (or allowInsecureHttp: true on a trusted network)`,
    );
  }

  if (options.validate !== undefined) {
    if (!['request', 'response', 'both'].includes(options.validate)) throw new Error(`Invalid validate "${String(options.validate)}": expected request, response or both`);
    if (!options.schemas) throw new Error('validate needs schemas: pass the operationSchemas of the package\'s /schemas subpath');
  }

  const userAgent = options.userAgent ?? defaults.userAgent;
  checkHeader('User-Agent', userAgent, 'The user agent');
  const headers = addHeaders({}, options.headers);

  const ctx: ClientContext = Object.freeze({
    baseUrl,
    apiVersion,
    ...checkLimits(options.maxRetries ?? 2, options.timeoutMs ?? 60_000),
    userAgent,
    headers: Object.freeze(redactHeaders(headers)),
    hasToken,
  });
  // A copy of the options: changing them later does not change the client.
  internals.set(ctx, { ...options, token, headers, apiVersionParam: defaults.apiVersionParam });
  return ctx;
}

/**
 * A `Promise` of the response data, with `.withResponse()` for the raw `Response` too (status, `X-RateLimit-*`
 * headers...). The request starts at once, like any promise's work.
 */
export class APIPromise<T> extends Promise<T> {
  readonly #result: Promise<{ data: T; response: Response }>;

  constructor(result: Promise<{ data: T; response: Response }>) {
    // The base promise is never used (it stays pending): `then` goes to #result, and the inherited `catch` and
    // `finally` call `then`.
    super(() => {});
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
}

/** Sends one operation, with retries, timeout and error mapping. */
export function request<T>(ctx: ClientContext, req: OperationRequest, options: RequestOptions = {}): APIPromise<T> {
  return new APIPromise<T>(send<T>(ctx, req, options));
}

async function send<T>(
  ctx: ClientContext,
  req: OperationRequest,
  options: RequestOptions,
): Promise<{ data: T; response: Response }> {
  const hidden = internals.get(ctx);
  if (!hidden) throw new Error('Not a client context: make one with createContext() or createClient()');
  const { signal } = options;
  const { method, body } = req;
  throwIfAborted(signal);

  const checks = hidden.validate && req.operationId !== undefined ? hidden.schemas?.[req.operationId] : undefined;
  if (checks && hidden.validate !== 'response') {
    await check(checks.query, req.query, req.operationId!, 'query');
    await check(checks.body, body, req.operationId!, 'body');
  }
  const url = buildUrl(ctx, hidden, req);
  const where = `${method} ${url.split('?')[0]}`;
  const { maxRetries, timeoutMs } = checkLimits(options.maxRetries ?? ctx.maxRetries, options.timeoutMs ?? ctx.timeoutMs);
  // Repeating these does not change the outcome; POST and PATCH are retried only when nothing was done.
  const idempotent = method !== 'POST' && method !== 'PATCH';

  // Request headers, lowercased; later sources win: defaults, client, token, operation, per-request options.
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': ctx.userAgent, ...hidden.headers };
  if (body !== undefined) headers['content-type'] = 'application/json';
  // Header values are bytes: non-ASCII characters are sent as JSON \u escapes.
  if (req.filter !== undefined) {
    headers['x-filter'] = JSON.stringify(req.filter).replace(
      /[\u007f-\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  }
  const token = typeof hidden.token === 'function' ? await hidden.token() : hidden.token;
  if (token) headers['authorization'] = `Bearer ${checkToken(token)}`;
  addHeaders(headers, req.headers);
  addHeaders(headers, options.headers);
  const init = { method, headers, body: body === undefined ? null : JSON.stringify(body) };

  for (let attempt = 1; ; attempt++) {
    throwIfAborted(signal);
    await hidden.onRequest?.({ method, url, headers: redactHeaders(headers), attempt });

    // Each try has its own timeout; the caller's signal aborts it too.
    const controller = new AbortController();
    const forwardAbort = () => controller.abort(signal?.reason);
    // Longer than 2^31 - 1 ms, timers fire at once: that is 24 days, as good as no timeout.
    const timer = setTimeout(() => controller.abort(), Math.min(timeoutMs, 2 ** 31 - 1));
    signal?.addEventListener('abort', forwardAbort);
    // The signal may have fired during the onRequest hook, before the listener existed.
    if (signal?.aborted) forwardAbort();

    // Set just before throwing a failure that may be retried; anything else thrown ends the request.
    let retry = false;
    let retryHeaders: Headers | undefined;
    // No response (or no whole body): the caller's abort ends everything; otherwise a timeout or a connection error.
    const failure = (cause: unknown, sent?: boolean): Error => {
      throwIfAborted(signal);
      if (controller.signal.aborted) {
        retry = idempotent;
        return new TimeoutError(`${where} timed out after ${timeoutMs} ms`);
      }
      const { message, notSent } = inspectCause(cause);
      retry = idempotent || (!sent && notSent);
      return new ConnectionError(`${where} failed: ${message}`, { cause });
    };

    try {
      const fetchImpl = hidden.fetch ?? globalThis.fetch;
      if (typeof fetchImpl !== 'function') throw new Error('No global fetch: pass the `fetch` option');
      const started = Date.now();
      let response: Response;
      try {
        // Called as a plain function: some fetch implementations refuse another `this`.
        response = await fetchImpl(url, { ...init, signal: controller.signal });
      } catch (cause) {
        throw failure(cause);
      }
      const { ok, status, headers: responseHeaders } = response;
      await hidden.onResponse?.({
        method,
        url,
        status,
        headers: Object.fromEntries(responseHeaders),
        attempt,
        durationMs: Date.now() - started,
      });

      let text = '';
      try {
        text = await response.text();
      } catch (cause) {
        if (ok) throw failure(cause, true);
        // An error body that cannot be read: the status says enough.
        throwIfAborted(signal);
      }
      const contentType = responseHeaders.get('content-type');

      if (!ok) {
        const details = parseErrorBody(text, contentType, response.statusText, status);
        // 429 and 408 are always safe to retry (the server did not act); 5xx only when idempotent, and not a 503
        // for planned maintenance: retrying within seconds will not help.
        retry =
          status === 429 ||
          status === 408 ||
          (idempotent && (status === 503 ? !responseHeaders.has('x-maintenance-mode') : [500, 502, 504].includes(status)));
        retryHeaders = responseHeaders;
        throw apiErrorFor(status, details, responseHeaders);
      }

      // JSON when the response says so; an empty body is `undefined`; other text is returned as is.
      let data: unknown = text || undefined;
      if (text && isJsonType(contentType)) {
        try {
          data = JSON.parse(text);
        } catch (cause) {
          throw new Error(`Invalid JSON in the response to ${where} (status ${status})`, { cause });
        }
      }
      if (checks && hidden.validate !== 'request') await check(checks.response, data, req.operationId!, 'response');
      return { data: data as T, response };
    } catch (error) {
      if (!retry || attempt > maxRetries) throw error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', forwardAbort);
    }
    await pause(hidden.sleep, retryDelay(retryHeaders, attempt - 1, hidden.random ?? Math.random), signal);
  }
}

/** Checks a value against its schema, if it has one; a mismatch throws a ValidationError (issues only, no values). */
async function check(schema: StandardSchema | undefined, value: unknown, operationId: string, part: 'query' | 'body' | 'response'): Promise<void> {
  if (!schema || (value === undefined && part !== 'response')) return;
  const result = await schema['~standard'].validate(value);
  if (!result.issues) return;
  const pointer = (path: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> = []) =>
    path.map((p) => '/' + String(typeof p === 'object' ? p.key : p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
  throw new ValidationError(operationId, part, result.issues.map((issue) => ({ pointer: pointer(issue.path), message: issue.message })));
}

// Codes (Node/undici, Bun) and messages (Deno) of failures that happened before the request left.
const NOT_SENT =
  /E(CONNREFUSED|NOTFOUND|AI_AGAIN|HOSTUNREACH|NETUNREACH)|UND_ERR_CONNECT_TIMEOUT|connection ?refused|FailedToOpenSocket|failed to lookup/i;

/**
 * Walks an error's causes (and an AggregateError's errors): the innermost message, with the first code when
 * the message lacks it ("connect ECONNREFUSED 127.0.0.1:8080" rather than "fetch failed"), and whether the
 * failure certainly happened before the request left (so a POST can be retried): the host was not found or
 * refused the connection. Platforms report this differently (Node/undici: `cause.code`; Bun: `code`; Deno: the
 * message); when unsure, assume it was sent.
 */
function inspectCause(error: unknown): { message: string; notSent: boolean } {
  let message = 'network error';
  let code: string | undefined;
  let notSent = false;
  const queue = [error];
  // Bounded: a cause chain can be a cycle.
  for (let i = 0; i < queue.length && i < 30; i++) {
    // Object(): a primitive or undefined has none of these.
    const { message: m, code: c, cause, errors } = Object(queue[i]) as Record<string, unknown>;
    if (typeof m === 'string' && m !== '') {
      message = m;
      notSent ||= NOT_SENT.test(m);
    }
    if (typeof c === 'string') {
      code ??= c;
      notSent ||= NOT_SENT.test(c);
    }
    // Node tries each address of a host: an AggregateError of one failure per address, without a message.
    queue.push(cause, ...(Array.isArray(errors) ? (errors as unknown[]) : []));
  }
  if (code && !message.includes(code)) message += ` (${code})`;
  return { message: excerpt(message), notSent };
}

/**
 * `retry-after-ms`, or `Retry-After` (seconds or an HTTP-date), clamped to [0, 60 s]; when the server gives
 * neither, exponential backoff with full jitter: base 500 ms, cap 8 s.
 */
function retryDelay(headers: Headers | undefined, retryIndex: number, random: () => number): number {
  const after = headers?.get('retry-after') ?? '';
  const fromServer = [
    parseFloat(headers?.get('retry-after-ms') ?? ''),
    /^\d+(\.\d+)?$/.test(after) ? +after * 1000 : Date.parse(after) - Date.now(),
  ].find((ms) => !Number.isNaN(ms));
  return fromServer === undefined
    ? Math.floor(random() * Math.min(8000, 500 * 2 ** retryIndex))
    : Math.min(60_000, Math.max(0, fromServer));
}

/**
 * Waits `ms` before a retry (with the `sleep` option, else a timer), but stops as soon as the caller's signal
 * fires, even when a custom `sleep` ignores it: the caller then sees the abort.
 */
async function pause(sleep: ClientOptions['sleep'], ms: number, signal: AbortSignal | undefined): Promise<void> {
  let stop!: () => void;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      stop = resolve;
      signal?.addEventListener('abort', stop);
      if (signal?.aborted) stop();
      if (sleep) sleep(ms, signal).then(stop, reject);
      else timer = setTimeout(stop, ms);
    });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', stop);
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new UserAbortError(undefined, { cause: signal.reason });
}

/** `${baseUrl}${path}?${query}`, path parameters encoded so that none can change the path's shape. */
function buildUrl(ctx: ClientContext, hidden: Internals, req: OperationRequest): string {
  const params: Record<string, unknown> = { ...req.pathParams };
  if (hidden.apiVersionParam) params[hidden.apiVersionParam] ??= ctx.apiVersion;

  const path = req.path.replace(/\{([^{}]+)\}/g, (_whole, name: string) => {
    const text = Object.hasOwn(params, name) ? String(params[name] ?? '') : '';
    // URL parsers resolve "." and ".." segments even when percent-encoded, so they cannot be sent as values.
    if (/^\.{0,2}$/.test(text)) {
      throw new Error(
        `Missing or invalid path parameter "${name}" for ${req.method} ${req.path}: it cannot be empty, "." or ".."`,
      );
    }
    return encodeURIComponent(text);
  });

  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(req.query ?? {})) {
    // An array repeats the parameter; undefined and null are left out.
    for (const item of [value].flat()) {
      if (item != null) {
        search.append(name, item instanceof Date ? item.toISOString() : typeof item === 'object' ? JSON.stringify(item) : String(item));
      }
    }
  }
  const query = `${search}`;
  return `${ctx.baseUrl}${path}${query && `?${query}`}`;
}

/** Checks headers and copies them into `target`, names lowercased; undefined values are left out. */
function addHeaders(target: Record<string, string>, source: Record<string, string | undefined> = {}): Record<string, string> {
  for (const [name, value] of Object.entries(source)) {
    if (value !== undefined) target[checkHeader(name, value)] = value;
  }
  return target;
}

/**
 * Refuses a value that could split the header (CR/LF) or is not a valid header value, and returns the name
 * lowercased. Never quotes the value: it may be the token.
 */
function checkHeader(name: string, value: string, label = `Header "${name}"`): string {
  if (!/^[!#$%&'*+.^`|~\w-]+$/.test(name)) throw new Error(`Invalid header name "${name.replace(/[^\x20-\x7e]/g, '?')}"`);
  if (typeof value !== 'string') throw new Error(`${label} must be a string`);
  // CR and LF could start another header; NUL and characters beyond \xff cannot be sent.
  if (/[\0\r\n\u0100-\uffff]/.test(value)) {
    throw new Error(`${label} contains a CR or LF character or another character not allowed in a header`);
  }
  return name.toLowerCase();
}

function checkToken(token: string): string {
  checkHeader('Authorization', token, 'The token');
  return token;
}

function checkLimits(maxRetries: number, timeoutMs: number): { maxRetries: number; timeoutMs: number } {
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new Error(`maxRetries must be a whole number >= 0, not ${String(maxRetries)}`);
  }
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0)) {
    throw new Error(`timeoutMs must be > 0 (milliseconds; Infinity for none), not ${String(timeoutMs)}`);
  }
  return { maxRetries, timeoutMs };
}

/** A plain copy of (lowercased) headers with credentials masked: `Bearer ***`. */
function redactHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      /^((proxy-)?authorization|cookie|x-api-key)$/.test(name) ? value.replace(/^((bearer|basic|token)\s)?.*/is, '$1***') : value,
    ]),
  );
}
