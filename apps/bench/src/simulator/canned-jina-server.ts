import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeBase64Floats } from '@embedkit/core';
import { createSeededRandom } from '@embedkit/testing';

/** A running canned server. */
export interface CannedJinaServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A Jina-shaped `/v1/embeddings` endpoint that answers instantly from pre-serialised vectors,
 * for the decode and memory benchmarks: the response bytes are exactly what Jina sends
 * (`float` JSON numbers or `base64` float32), but the server spends almost no CPU building
 * them, so the numbers measure the client. Vectors cycle through 64 seeded unit vectors.
 */
export async function startCannedJinaServer(dimensions = 1024): Promise<CannedJinaServer> {
  const random = createSeededRandom(7);
  const vectors = Array.from({ length: 64 }, () => {
    const vector = new Float32Array(dimensions).map(() => random() * 2 - 1);
    const length = Math.hypot(...vector);
    return vector.map((value) => value / length);
  });
  const floatJson = vectors.map((vector) => JSON.stringify(Array.from(vector)));
  const base64Json = vectors.map((vector) => JSON.stringify(encodeBase64Floats(vector)));
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      input: unknown[];
      model?: string;
      embedding_type?: string;
    };
    const encoded = body.embedding_type === 'base64' ? base64Json : floatJson;
    const items = body.input.map(
      (_, index) =>
        `{"object":"embedding","index":${index},"embedding":${encoded[index % encoded.length]}}`,
    );
    const tokens = body.input.length * 20;
    const text = `{"model":${JSON.stringify(body.model ?? 'jina-embeddings-v3')},"object":"list","usage":{"total_tokens":${tokens},"prompt_tokens":${tokens}},"data":[${items.join(',')}]}`;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
