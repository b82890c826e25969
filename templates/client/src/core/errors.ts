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
  // `declare`: set in the constructor, without the class-field code a minifier cannot shorten.
  /** The HTTP status. */
  declare readonly status: number;
  /** The problems the API reported; never empty (a non-JSON body gives one entry with an excerpt of it). */
  declare readonly errors: ApiErrorDetail[];
  /** The response headers, e.g. `Retry-After` or `X-RateLimit-*`. */
  declare readonly headers: Headers;

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

/** One way a value breaks its schema: where (a JSON pointer into the value) and how. */
export interface ValidationIssue {
  pointer: string;
  message: string;
}

/**
 * A request or response that does not match the API's schema, found by `createClient({ validate })`. It names
 * the operation, what was checked and each issue with its JSON pointer; it holds no values (nor the token).
 */
export class ValidationError extends Error {
  readonly operationId: string;
  readonly part: 'query' | 'body' | 'response';
  readonly issues: readonly ValidationIssue[];
  constructor(operationId: string, part: 'query' | 'body' | 'response', issues: readonly ValidationIssue[]) {
    const first = issues[0];
    super(`The ${part} of ${operationId} does not match its schema${first ? `: ${first.pointer || '(the value)'}: ${first.message}` : ''}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`);
    this.operationId = operationId;
    this.part = part;
    this.issues = issues;
  }
}

// Names live on the prototypes, not as own fields, so they stay out of Object.keys() and JSON.stringify(),
// and survive minifiers that rename classes. defineProperty makes them non-enumerable.
const names = (
  'ApiError BadRequestError AuthenticationError PermissionDeniedError NotFoundError RateLimitError ' +
  'InternalServerError ConnectionError TimeoutError UserAbortError ValidationError'
).split(' ');
[
  ApiError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  RateLimitError,
  InternalServerError,
  ConnectionError,
  TimeoutError,
  UserAbortError,
  ValidationError,
].forEach((ErrorClass, i) => {
  Object.defineProperty(ErrorClass.prototype, 'name', { value: names[i], writable: true, configurable: true });
});

const byStatus: Record<number, typeof ApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  429: RateLimitError,
};

/** The ApiError subclass for a status. */
export function apiErrorFor(status: number, errors: ApiErrorDetail[], headers: Headers, message?: string): ApiError {
  const ErrorClass = byStatus[status] ?? (status >= 500 ? InternalServerError : ApiError);
  return new ErrorClass(status, errors, headers, message);
}

/** "404 Not found", "400 label: Length must be 1-100 characters; scopes: invalid". */
function describeErrors(status: number, errors: readonly ApiErrorDetail[]): string {
  const text = errors.map((e) => (e.field ? `${e.field}: ${e.reason}` : e.reason)).filter(Boolean).join('; ') || 'HTTP error';
  // An HTML error page's title often starts with the status already ("502 Bad Gateway").
  return text.split(/[ :]/)[0] === `${status}` ? text : `${status} ${text}`;
}

/**
 * The details of an error response body: the `errors` array of a JSON body (`{ errors: [{ field, reason }] }`),
 * else a JSON `error`/`message`, else a short excerpt of the text (the title of an HTML page), else the status text.
 */
export function parseErrorBody(text: string, contentType: string | null, statusText: string, status: number): ApiErrorDetail[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: an excerpt of the text below.
  }
  // Only a JSON object has these fields (a bare string or number is shown as text).
  const json = Object(body) as Record<string, unknown>;
  const list = json['errors'];
  if (Array.isArray(list) && list.length > 0) {
    return list.map((entry: unknown): ApiErrorDetail => {
      const { field, reason, message } = Object(entry) as { field?: unknown; reason?: unknown; message?: unknown };
      const why = reason ?? message;
      return {
        ...(typeof field === 'string' && field !== '' && { field }),
        reason: typeof why === 'string' ? why : typeof entry === 'string' ? entry : JSON.stringify(entry),
      };
    });
  }
  const message = [json['error'], json['message'], json['detail'], json['title']].find((v) => typeof v === 'string' && v !== '');
  text = typeof message === 'string' ? message : text.trim();
  if (message === undefined && (/html/i.test(contentType ?? '') || text.startsWith('<'))) {
    // An HTML page: its title, else its text without tags.
    const title = /<title[^>]*>([^<]*)/i.exec(text)?.[1] ?? '';
    text = decodeEntities(title.trim() ? title : text.replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>|<[^>]*>/gi, ' '));
  }
  return [{ reason: excerpt(text) || statusText || `HTTP ${status}` }];
}

export function isJsonType(contentType: string | null): boolean {
  return /[/+]json\b/i.test(contentType ?? '');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** `&amp;`, `&#39;`, `&#x2014;`...; an unknown or invalid entity stays as it is. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x?)?(\w+);/gi, (whole, hash: string | undefined, name: string) => {
    try {
      return hash ? String.fromCodePoint(Number(hash[1] ? `0x${name}` : name)) : (ENTITIES[name] ?? whole);
    } catch {
      // Not a code point (NaN or too large).
      return whole;
    }
  });
}

/** A short, single-line excerpt: whitespace collapsed, at most 200 characters. */
export function excerpt(text: string): string {
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > 200 ? `${text.slice(0, 199).trimEnd()}…` : text;
}
