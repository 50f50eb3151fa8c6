import { Agent, type Dispatcher } from 'undici';

const agents = new Map<number, Agent>();

/**
 * One keep-alive connection pool per size, shared by every function in the process, so repeated
 * calls reuse TLS connections instead of opening new ones. Sized to the concurrency asked for.
 */
export function sharedDispatcher(connections: number): Dispatcher {
  let agent = agents.get(connections);
  if (!agent) {
    agent = new Agent({
      connections,
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 120_000,
      headersTimeout: 0,
      bodyTimeout: 0,
    });
    agents.set(connections, agent);
  }
  return agent;
}
