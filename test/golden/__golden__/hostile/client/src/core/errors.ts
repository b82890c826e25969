// Error classes thrown by the client. Part of the specloom runtime: copied into every generated client.
//
// On purpose, no error keeps the request, its headers or the client's options: the API token must not be
// reachable from an error (messages, enumerable properties, JSON.stringify, util.inspect, error reporters).

/** One problem the API reported: the field it concerns (when it names one) and why. */
export interface ApiErrorDetail {
  field?: string;
  reason: string;
}

/** The API answered with an error status (4xx or 5xx). */
export class ApiError extends Error {
  /** The HTTP status. */
  readonly status: number;
  /** The problems the API reported; never empty (a non-JSON body gives one entry with an excerpt of it). */
  readonly errors: ApiErrorDetail[];
  /** The response headers, e.g. `Retry-After` or `X-RateLimit-*`. */
  readonly headers: Headers;

  constructor(status: number, errors: ApiErrorDetail[], headers: Headers, message?: string) {
    super(message ?? describeErrors(status, errors));
    this.status = status;
    this.errors = errors;
    this.headers = headers;
  }
}

/** 400: the request was malformed or a field was invalid (see `errors[].field`). */
export class BadRequestError extends ApiError {}
/** 401: no token, or an invalid or expired one. */
export class AuthenticationError extends ApiError {}
/** 403: the token lacks the scope or the grant for this. */
export class PermissionDeniedError extends ApiError {}
/** 404: no such resource (or not visible to this token). */
export class NotFoundError extends ApiError {}
/** 429: too many requests; `headers.get('retry-after')` says when to come back. */
export class RateLimitError extends ApiError {}
/** 5xx: the server failed. */
export class InternalServerError extends ApiError {}

/** The request did not get an HTTP response: DNS, refused or reset connection, TLS... `cause` has the details. */
export class ConnectionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** No response within the timeout (`timeoutMs`). */
export class TimeoutError extends ConnectionError {}

/** The caller's `AbortSignal` fired. Never retried; `cause` is the signal's reason. */
export class UserAbortError extends Error {
  constructor(message = 'Request aborted by the caller', options?: { cause?: unknown }) {
    super(message, options);
  }
}

// Names live on the prototypes, not as own fields, so they stay out of Object.keys() and JSON.stringify(),
// and survive minifiers that rename classes.
for (const [ErrorClass, name] of [
  [ApiError, 'ApiError'],
  [BadRequestError, 'BadRequestError'],
  [AuthenticationError, 'AuthenticationError'],
  [PermissionDeniedError, 'PermissionDeniedError'],
  [NotFoundError, 'NotFoundError'],
  [RateLimitError, 'RateLimitError'],
  [InternalServerError, 'InternalServerError'],
  [ConnectionError, 'ConnectionError'],
  [TimeoutError, 'TimeoutError'],
  [UserAbortError, 'UserAbortError'],
] as const) {
  Object.defineProperty(ErrorClass.prototype, 'name', { value: name, writable: true, configurable: true, enumerable: false });
}

/** The ApiError subclass for a status. */
export function apiErrorFor(status: number, errors: ApiErrorDetail[], headers: Headers, message?: string): ApiError {
  const ErrorClass =
    status === 400 ? BadRequestError
    : status === 401 ? AuthenticationError
    : status === 403 ? PermissionDeniedError
    : status === 404 ? NotFoundError
    : status === 429 ? RateLimitError
    : status >= 500 ? InternalServerError
    : ApiError;
  return new ErrorClass(status, errors, headers, message);
}

/** "404 Not found", "400 label: Length must be 1-100 characters; scopes: invalid". */
function describeErrors(status: number, errors: readonly ApiErrorDetail[]): string {
  const reasons = errors.map((e) => (e.field ? `${e.field}: ${e.reason}` : e.reason)).filter((r) => r !== '');
  if (reasons.length === 0) return `${status} HTTP error`;
  const text = reasons.join('; ');
  // An HTML error page's title often starts with the status already ("502 Bad Gateway").
  return text.startsWith(`${status} `) || text.startsWith(`${status}:`) ? text : `${status} ${text}`;
}

const EXCERPT_LENGTH = 200;

/**
 * The details of an error response body: the `errors` array of a JSON body (`{ errors: [{ field, reason }] }`),
 * else a JSON `error`/`message`, else a short excerpt of the text (the title of an HTML page), else the status text.
 */
export function parseErrorBody(text: string, contentType: string | null, statusText: string, status: number): ApiErrorDetail[] {
  const trimmed = text.trim();
  if (isJsonType(contentType) || trimmed.startsWith('{')) {
    const fromJson = detailsFromJson(trimmed);
    if (fromJson.length > 0) return fromJson;
  }
  const excerpt = textExcerpt(trimmed, contentType);
  return [{ reason: excerpt || statusText || `HTTP ${status}` }];
}

export function isJsonType(contentType: string | null): boolean {
  return contentType !== null && /[/+]json\b/i.test(contentType);
}

function detailsFromJson(text: string): ApiErrorDetail[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [];
  }
  if (!isObject(body)) return [];
  if (Array.isArray(body['errors'])) {
    return body['errors'].map((entry: unknown): ApiErrorDetail => {
      if (!isObject(entry)) return { reason: String(entry) };
      const reason = entry['reason'] ?? entry['message'];
      const detail: ApiErrorDetail = { reason: typeof reason === 'string' ? reason : JSON.stringify(entry) };
      if (typeof entry['field'] === 'string' && entry['field'] !== '') detail.field = entry['field'];
      return detail;
    });
  }
  for (const key of ['error', 'message', 'detail', 'title']) {
    const value = body[key];
    if (typeof value === 'string' && value !== '') return [{ reason: cap(collapse(value)) }];
  }
  return [];
}

/** A short, single-line excerpt; for HTML, its title or else its text without tags. */
function textExcerpt(text: string, contentType: string | null): string {
  if (text === '') return '';
  const isHtml = (contentType !== null && /html/i.test(contentType)) || text.startsWith('<');
  if (!isHtml) return cap(collapse(text));
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1];
  const source = title !== undefined && title.trim() !== '' ? title : text
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ');
  return cap(collapse(decodeEntities(source)));
}

function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole: string, entity: string) => {
    if (entity.startsWith('#')) {
      const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return named[entity.toLowerCase()] ?? whole;
  });
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function cap(text: string): string {
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH - 1).trimEnd()}…` : text;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
