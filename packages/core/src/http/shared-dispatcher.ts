import { Agent } from 'undici';
import { ResponseBodyReader } from './response-body-reader.js';

/** A shared keep-alive pool and the body reader `postJson` uses for responses through it. */
export type SharedDispatcher = Agent & {
  /** Joins the bodies of responses through this pool in one kept buffer (see `ResponseBodyReader`). */
  readonly bodyReader: ResponseBodyReader;
};

// The pools live as long as the process on purpose: they are the connections it reuses.
const pools = new Map<number, SharedDispatcher>();

/**
 * One keep-alive connection pool per size, shared by every function in the process, so repeated
 * calls reuse TLS connections instead of opening new ones. Sized to the concurrency asked for.
 * Each pool owns the buffer its responses are read into (`bodyReader`); `bodyReader.release()`
 * frees it.
 */
export function sharedDispatcher(connections: number): SharedDispatcher {
  let pool = pools.get(connections);
  if (!pool) {
    const agent = new Agent({
      connections,
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 120_000,
      headersTimeout: 0,
      bodyTimeout: 0,
    });
    pool = Object.assign(agent, { bodyReader: new ResponseBodyReader() });
    pools.set(connections, pool);
  }
  return pool;
}
