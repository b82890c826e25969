/**
 * A scripted HTTP server on 127.0.0.1 for the runtime tests: each test queues the replies it wants (errors,
 * Retry-After, slow answers, dropped connections...) and reads back what the client sent.
 */
import http from 'node:http';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { AddressInfo } from 'node:net';

export interface CapturedRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type Reply =
  /** `body`: a string is sent as is; anything else as JSON (with content-type application/json unless given). */
  | { status: number; headers?: Record<string, string>; body?: unknown; delayMs?: number }
  /** Destroys the connection after reading the request: the client sees a reset, with no response. */
  | { reset: true; delayMs?: number };

export type Handler = (req: CapturedRequest, index: number) => Reply;

export class FaultServer {
  /** Every request received, in order. */
  readonly requests: CapturedRequest[] = [];
  readonly baseUrl: string;
  readonly #server: http.Server;
  #queue: Reply[] = [];
  #handler: Handler | undefined;

  private constructor(server: http.Server) {
    this.#server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  static async start(): Promise<FaultServer> {
    // Requests come only once start() has returned, so the handler always finds the instance.
    const server = http.createServer((req, res) => instance.#serve(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const instance = new FaultServer(server);
    return instance;
  }

  /** Queues replies, served in order; then the handler (if any) answers. */
  reply(...replies: Reply[]): this {
    this.#queue.push(...replies);
    return this;
  }

  /** Answers every request (after the queue) with a function of it. */
  handle(handler: Handler): this {
    this.#handler = handler;
    return this;
  }

  /** Forgets requests, queue and handler (between tests). */
  reset(): void {
    this.requests.length = 0;
    this.#queue = [];
    this.#handler = undefined;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #serve(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const captured: CapturedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const index = this.requests.push(captured) - 1;
      const reply = this.#queue.shift() ?? this.#handler?.(captured, index) ?? unscripted(captured);
      // A client that gave up (timeout, abort) closes the socket; writing then must not crash the server.
      res.on('error', () => {});
      const send = () => {
        if (res.destroyed) return;
        if ('reset' in reply) {
          req.socket.destroy();
          return;
        }
        const headers: Record<string, string> = { ...reply.headers };
        let body = '';
        if (typeof reply.body === 'string') body = reply.body;
        else if (reply.body !== undefined) {
          body = JSON.stringify(reply.body);
          if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
        }
        res.writeHead(reply.status, headers);
        res.end(body);
      };
      if (reply.delayMs === undefined) send();
      else {
        const timer = setTimeout(send, reply.delayMs);
        res.on('close', () => clearTimeout(timer));
      }
    });
  }
}

function unscripted(req: CapturedRequest): Reply {
  return { status: 500, body: { errors: [{ reason: `fault-server: no reply scripted for ${req.method} ${req.url}` }] } };
}

/** Replies for the usual faults. */
export const replies = {
  json: (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({ status, body, headers }),
  /** Linode-style error body. */
  error: (status: number, ...errors: { field?: string; reason: string }[]): Reply => ({ status, body: { errors } }),
  noContent: (): Reply => ({ status: 204 }),
  rateLimited: (retryAfter: string, headers: Record<string, string> = {}): Reply => ({
    status: 429,
    headers: { 'retry-after': retryAfter, ...headers },
    body: { errors: [{ reason: 'Too many requests' }] },
  }),
  maintenance: (): Reply => ({
    status: 503,
    headers: { 'x-maintenance-mode': 'all' },
    body: { errors: [{ reason: 'Currently in maintenance mode.' }] },
  }),
  html502: (): Reply => ({
    status: 502,
    headers: { 'content-type': 'text/html' },
    body: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
  }),
  slow: (delayMs: number, reply: Reply = { status: 200, body: {} }): Reply => ({ ...reply, delayMs }),
  reset: (): Reply => ({ reset: true }),
};

/** A handler serving `items` as a Linode-style paginated list (`?page=N`, `page_size` items per page). */
export function paginated(items: readonly unknown[], pageSize: number): Handler {
  return (req) => {
    const page = Number(new URL(req.url, 'http://x').searchParams.get('page') ?? '1');
    const pages = Math.ceil(items.length / pageSize);
    return { status: 200, body: { data: items.slice((page - 1) * pageSize, page * pageSize), page, pages, results: items.length } };
  };
}

/** A token that must never show up anywhere but the Authorization header. */
export const SECRET_TOKEN = 'tok-SeCrEt-7f3a9c1e5b2d4068';

/** What a generated client passes as defaults, for a fictional API. */
export const testDefaults = {
  baseUrl: 'https://api.example.test',
  apiVersionParam: 'apiVersion',
  apiVersion: 'v4',
  apiVersions: ['v4', 'v4beta'],
  tokenEnvVar: 'SPECLOOM_RUNTIME_TEST_TOKEN',
  userAgent: 'example-api/1.2.3 (specloom)',
} as const;

/** Records the retry delays instead of waiting them. */
export function recordingSleep(): { delays: number[]; sleep: (ms: number) => Promise<void> } {
  const delays: number[] = [];
  return { delays, sleep: async (ms: number) => void delays.push(ms) };
}

/**
 * One fault server for a test file: started before its tests, reset before each, closed after.
 * Returns an object whose `server` is set once the server runs.
 */
export function useFaultServer(): { server: FaultServer } {
  const holder = {} as { server: FaultServer };
  beforeAll(async () => {
    holder.server = await FaultServer.start();
  });
  afterAll(() => holder.server?.close());
  beforeEach(() => holder.server.reset());
  return holder;
}
