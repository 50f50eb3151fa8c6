import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the proxy forwarded (or refused). */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Records in an upsert body (`ids.length`), when the request was one. */
  records?: number;
}

/**
 * An HTTP proxy in front of the test Chroma server that records every request and, with
 * `requireToken`, answers 401 (as Chroma's token auth does) unless the request carries it in
 * `x-chroma-token` or `Authorization: Bearer`. It shows what the driver sends on the wire.
 */
export async function startRecordingProxy(
  target: string,
  options: { requireToken?: string } = {},
): Promise<{ url: string; requests: RecordedRequest[]; close(): Promise<void> }> {
  const requests: RecordedRequest[] = [];
  const upstream = new URL(target);
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const recorded: RecordedRequest = {
        method: incoming.method ?? 'GET',
        path: incoming.url ?? '/',
        headers: incoming.headers,
      };
      if (recorded.path.endsWith('/upsert')) {
        recorded.records = (JSON.parse(body.toString()) as { ids: string[] }).ids.length;
      }
      requests.push(recorded);
      const token = options.requireToken;
      if (
        token !== undefined &&
        incoming.headers['x-chroma-token'] !== token &&
        incoming.headers.authorization !== `Bearer ${token}`
      ) {
        outgoing.writeHead(401, { 'content-type': 'application/json' });
        outgoing.end(JSON.stringify({ error: 'AuthError', message: 'Unauthorized' }));
        return;
      }
      const forwarded = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: incoming.method,
          path: incoming.url,
          headers: { ...incoming.headers, host: upstream.host },
        },
        (response) => {
          outgoing.writeHead(response.statusCode ?? 502, response.headers);
          response.pipe(outgoing);
        },
      );
      forwarded.on('error', () => outgoing.destroy());
      forwarded.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
