import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request as a route handler sees it. */
export interface SimulatorRequest {
  readonly method: string;
  /** Path without the query string, e.g. `/v1/embeddings`. */
  readonly path: string;
  /** The query string's parameters (Azure OpenAI's `api-version`, for instance). */
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** The parsed JSON body, or `undefined` when the body is empty or not JSON (see `rawBody`). */
  readonly body: unknown;
  readonly rawBody: string;
  /** Aborts when the client goes away before the response is complete (abort, timeout). */
  readonly signal: AbortSignal;
}

/**
 * What a handler answers. Besides ordinary JSON and text, the transport misbehaviours that
 * clients must survive: `reset` destroys the socket without a response, `stall` never answers,
 * `truncated` promises the whole JSON body in `content-length` and closes after half of it.
 */
export type SimulatorReply =
  | {
      readonly kind: 'json';
      readonly status: number;
      readonly body: unknown;
      readonly headers?: Record<string, string>;
    }
  | {
      readonly kind: 'text';
      readonly status: number;
      readonly text: string;
      readonly contentType?: string;
      readonly headers?: Record<string, string>;
    }
  | {
      readonly kind: 'truncated';
      readonly status: number;
      readonly body: unknown;
      readonly headers?: Record<string, string>;
    }
  | { readonly kind: 'reset' }
  | { readonly kind: 'stall' };

/** Handles one route; gets the simulator to record tokens or read its counters. */
export type RouteHandler = (
  request: SimulatorRequest,
  simulator: HttpSimulator,
) => SimulatorReply | Promise<SimulatorReply>;

export interface HttpSimulatorOptions {
  /** Handlers keyed by `"METHOD /path"`, e.g. `"POST /v1/embeddings"`. Others get a JSON 404. */
  readonly routes: Readonly<Record<string, RouteHandler>>;
  /**
   * Answers requests no route matches, for APIs whose path carries a parameter (Gemini's
   * `/v1beta/models/{model}:batchEmbedContents`). Without it they get a JSON 404.
   */
  readonly fallback?: RouteHandler;
  /** Keep at most this many requests in `log` (oldest dropped). Default 10 000; 0 keeps none. */
  readonly maxLogEntries?: number;
}

/** A request as recorded in `HttpSimulator.log`, for assertions on exactly what was sent. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  /** The query string without `?`, empty when there was none. */
  readonly query: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
  /** Status answered, once answered (`undefined` for resets and stalls). */
  status?: number;
}

/** Live counters; read them at any time, `resetStats()` zeroes them. */
export interface SimulatorStats {
  /** Requests received, all routes. */
  requests: number;
  /** Requests received per `"METHOD /path"`. */
  requestsByRoute: Record<string, number>;
  /** Tokens handlers reported through `recordTokens` (accepted requests only, like billing). */
  tokens: number;
  /** TCP connections open right now (keep-alive idle ones included). */
  openConnections: number;
  /** Most connections open at once. */
  maxOpenConnections: number;
  /** Requests received whose response has not finished and whose client is still there. */
  inFlight: number;
  /** Most requests in flight at once: the client's effective concurrency. */
  maxInFlight: number;
  /** Responses by status code. */
  statuses: Record<number, number>;
}

export interface HttpSimulator {
  /** Base URL, `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly url: string;
  readonly stats: SimulatorStats;
  readonly log: RecordedRequest[];
  /** Adds billed tokens to `stats.tokens`. */
  recordTokens(tokens: number): void;
  /** Zeroes the counters (open connections and in-flight stay true to reality) and the log. */
  resetStats(): void;
  /** Resolves once nothing is in flight (polling), e.g. after aborting a client. */
  waitUntilIdle(timeoutMs?: number): Promise<void>;
  /** Closes every connection, stalled ones included, and the server. */
  close(): Promise<void>;
}

/**
 * Starts a real HTTP server on 127.0.0.1 with an OS-assigned port, routing JSON requests to
 * handlers and counting requests, tokens, connections and concurrency. Provider simulators
 * (Jina, OpenAI-compatible, …) are route tables on top of this; the Jina one
 * (`../jina/jina-simulator.ts`) shows the full pattern. A minimal provider route:
 *
 * ```ts
 * const limiter = createRateLimiter({ requestsPerWindow: 500 });
 * const faults = createFaultInjector({ seed: 1 });
 * const latency = createLatencyModel({ fixedMs: 5, perTokenMs: 0.01 });
 * const simulator = await startHttpSimulator({
 *   routes: {
 *     'POST /v1/embeddings': async (request, self) => {
 *       const texts = (request.body as { input: string[] }).input;
 *       const tokens = countTokensOf(texts);
 *       const admitted = limiter.acquire(tokens);
 *       if ('rejection' in admitted) {
 *         return { kind: 'json', status: 429, body: { error: { message: 'slow down' } },
 *                  headers: retryAfterHeaders(admitted.rejection, 'milliseconds') };
 *       }
 *       try {
 *         const fault = faults.next();
 *         await latency.wait(tokens, request.signal);
 *         const data = texts.map((text, index) => ({ index, embedding: Array.from(semanticVector(text, 64)) }));
 *         const intended = { status: 200, body: { data, usage: { total_tokens: tokens } } };
 *         self.recordTokens(tokens);
 *         return transportFaultReply(fault, intended) ?? { kind: 'json', ...intended };
 *       } finally {
 *         admitted.permit.release();
 *       }
 *     },
 *   },
 * });
 * // … point the client at simulator.url; assert on simulator.stats and simulator.log …
 * await simulator.close();
 * ```
 */
export async function startHttpSimulator(options: HttpSimulatorOptions): Promise<HttpSimulator> {
  const maxLogEntries = options.maxLogEntries ?? 10_000;
  const sockets = new Set<Socket>();
  const stats: SimulatorStats = emptyStats();
  const log: RecordedRequest[] = [];

  const server = createServer(async (incoming, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const [path = '/', query = ''] = (incoming.url ?? '/').split('?', 2);
    const method = incoming.method ?? 'GET';
    const route = `${method} ${path}`;
    const controller = new AbortController();
    stats.requests++;
    stats.requestsByRoute[route] = (stats.requestsByRoute[route] ?? 0) + 1;
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    response.on('close', () => {
      stats.inFlight--;
      if (!response.writableFinished) controller.abort();
    });
    let body: unknown;
    try {
      body = rawBody === '' ? undefined : JSON.parse(rawBody);
    } catch {
      body = undefined;
    }
    const recorded: RecordedRequest = { method, path, query, headers: incoming.headers, body };
    if (maxLogEntries > 0) {
      log.push(recorded);
      if (log.length > maxLogEntries) log.shift();
    }
    const request: SimulatorRequest = {
      method,
      path,
      query: new URLSearchParams(query),
      headers: incoming.headers,
      body,
      rawBody,
      signal: controller.signal,
    };
    const handler = options.routes[route] ?? options.fallback;
    let reply: SimulatorReply;
    try {
      reply = handler
        ? await handler(request, simulator)
        : { kind: 'json', status: 404, body: { detail: `No route ${route}` } };
    } catch (error) {
      reply = { kind: 'json', status: 500, body: { detail: `Simulator bug: ${String(error)}` } };
    }
    if (controller.signal.aborted) return;
    if (reply.kind !== 'reset' && reply.kind !== 'stall') {
      recorded.status = reply.status;
      stats.statuses[reply.status] = (stats.statuses[reply.status] ?? 0) + 1;
    }
    send(response, reply);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    stats.openConnections = sockets.size;
    stats.maxOpenConnections = Math.max(stats.maxOpenConnections, sockets.size);
    socket.on('close', () => {
      sockets.delete(socket);
      stats.openConnections = sockets.size;
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const simulator: HttpSimulator = {
    url: `http://127.0.0.1:${port}`,
    stats,
    log,
    recordTokens(tokens) {
      stats.tokens += tokens;
    },
    resetStats() {
      const fresh = emptyStats();
      fresh.openConnections = stats.openConnections;
      fresh.inFlight = stats.inFlight;
      Object.assign(stats, fresh);
      log.length = 0;
    },
    async waitUntilIdle(timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (stats.inFlight > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
    },
  };
  return simulator;
}

/** Writes the status and JSON headers of a JSON (or truncated JSON) reply; returns the body bytes. */
function writeJsonHead(
  response: ServerResponse,
  reply: {
    readonly status: number;
    readonly body: unknown;
    readonly headers?: Record<string, string>;
  },
): Buffer {
  const bytes = Buffer.from(JSON.stringify(reply.body));
  response.writeHead(reply.status, {
    'content-type': 'application/json',
    'content-length': String(bytes.length),
    ...reply.headers,
  });
  return bytes;
}

function send(response: ServerResponse, reply: SimulatorReply): void {
  switch (reply.kind) {
    case 'reset': {
      response.socket?.resetAndDestroy();
      return;
    }
    case 'stall':
      return;
    case 'text':
      response.writeHead(reply.status, {
        'content-type': reply.contentType ?? 'text/html; charset=utf-8',
        ...reply.headers,
      });
      response.end(reply.text);
      return;
    case 'truncated': {
      const bytes = writeJsonHead(response, reply);
      response.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => {
        response.socket?.destroy();
      });
      return;
    }
    case 'json': {
      response.end(writeJsonHead(response, reply));
    }
  }
}

/**
 * The reply for a transport-level fault (`connectionReset`, `stall`, `truncatedBody`,
 * `nonJsonBody`), or `undefined` for faults the provider simulator must shape itself
 * (`serverError`, `rateLimit`, `wrongCount`). `intended` is the normal answer, which a truncated
 * reply cuts in half.
 */
export function transportFaultReply(
  fault: string | undefined,
  intended: { status: number; body: unknown },
): SimulatorReply | undefined {
  switch (fault) {
    case 'connectionReset':
      return { kind: 'reset' };
    case 'stall':
      return { kind: 'stall' };
    case 'truncatedBody':
      return { kind: 'truncated', status: intended.status, body: intended.body };
    case 'nonJsonBody':
      return {
        kind: 'text',
        status: 502,
        text: '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>',
      };
    default:
      return undefined;
  }
}

function emptyStats(): SimulatorStats {
  return {
    requests: 0,
    requestsByRoute: {},
    tokens: 0,
    openConnections: 0,
    maxOpenConnections: 0,
    inFlight: 0,
    maxInFlight: 0,
    statuses: {},
  };
}

/** Reads `Authorization: Bearer <token>`; `undefined` when absent or not a bearer header. */
export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const header = headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return match?.[1];
}
