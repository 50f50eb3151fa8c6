import {
  createSeededRandom,
  type HttpSimulator,
  type JinaSimulator,
  jinaError,
  type SimulatorReply,
  startHttpSimulator,
  startJinaSimulator,
} from '@embedkit/testing';
import { Agent, request as send } from 'undici';

/** Per-request probabilities of each injected failure. */
export interface FaultMix {
  /** 429 answers; half of them carry `Retry-After: 1`, half carry nothing. */
  readonly rateLimit: number;
  readonly serviceUnavailable: number;
  readonly connectionReset: number;
  /** Accepted and never answered, so the client's per-attempt timeout fires. */
  readonly stall: number;
}

/** The mix the reliability issue asks for, all at once. */
export const campaignFaults: FaultMix = {
  rateLimit: 0.1,
  serviceUnavailable: 0.05,
  connectionReset: 0.02,
  stall: 0.01,
};

/** What the fault layer did, by kind. */
export interface InjectedFaults {
  rateLimitWithRetryAfter: number;
  rateLimitWithoutRetryAfter: number;
  serviceUnavailable: number;
  connectionReset: number;
  stall: number;
  /** Requests passed to the simulator and answered 200. */
  answered: number;
  /** Requests passed on whose client gave up first (its per-attempt timeout under load). */
  abandoned: number;
}

/** A faulty Jina endpoint: the simulator (shuffled results) behind a seeded fault layer. */
export interface FaultyJina {
  /** `baseURL` for `createJina`. */
  readonly baseURL: string;
  readonly apiKey: string;
  /** The front server: every request the client sent, its connections and billed tokens. */
  readonly front: HttpSimulator;
  /** The simulator answering the requests that got through. */
  readonly simulator: JinaSimulator;
  readonly injected: InjectedFaults;
  close(): Promise<void>;
}

/**
 * Starts the Jina simulator with shuffled `data` behind a front server that, per request and
 * from a seeded random source, answers 429 (half with `Retry-After`), 503, resets the
 * connection, or stalls; everything else is forwarded untouched. The front is what the client
 * talks to, so its log holds every attempt, retries included.
 */
export async function startFaultyJina(
  options: { faults?: FaultMix; seed?: number } = {},
): Promise<FaultyJina> {
  const simulator = await startJinaSimulator({ shuffle: true, seed: options.seed ?? 7 });
  const random = createSeededRandom(options.seed ?? 7);
  const mix = options.faults;
  const injected: InjectedFaults = {
    rateLimitWithRetryAfter: 0,
    rateLimitWithoutRetryAfter: 0,
    serviceUnavailable: 0,
    connectionReset: 0,
    stall: 0,
    answered: 0,
    abandoned: 0,
  };

  const decide = (): SimulatorReply | undefined => {
    if (!mix) return undefined;
    const roll = random();
    let threshold = mix.rateLimit;
    if (roll < threshold) {
      const withHeader = random() < 0.5;
      if (withHeader) injected.rateLimitWithRetryAfter++;
      else injected.rateLimitWithoutRetryAfter++;
      return jinaError(
        429,
        'RATE_REQUEST_LIMIT_EXCEEDED',
        'Rate limit exceeded for this API key. Retry later.',
        withHeader ? { 'retry-after': '1' } : undefined,
      );
    }
    threshold += mix.serviceUnavailable;
    if (roll < threshold) {
      injected.serviceUnavailable++;
      return jinaError(503, 'SERVICE_UNAVAILABLE', 'The service is temporarily unavailable.');
    }
    threshold += mix.connectionReset;
    if (roll < threshold) {
      injected.connectionReset++;
      return { kind: 'reset' };
    }
    threshold += mix.stall;
    if (roll < threshold) {
      injected.stall++;
      return { kind: 'stall' };
    }
    return undefined;
  };

  const forwarder = new Agent({ connections: 16 });
  const front = await startHttpSimulator({
    maxLogEntries: 50_000,
    routes: {
      'POST /v1/embeddings': async (request, self) => {
        const fault = decide();
        if (fault) return fault;
        let response: Awaited<ReturnType<typeof send>>;
        let body: { usage?: { total_tokens?: number } };
        try {
          response = await send(`${simulator.baseURL}/embeddings`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              authorization: String(request.headers.authorization ?? ''),
            },
            body: request.rawBody,
            signal: request.signal,
            dispatcher: forwarder,
          });
          body = (await response.body.json()) as typeof body;
        } catch (error) {
          if (!request.signal.aborted) throw error;
          injected.abandoned++;
          return { kind: 'stall' };
        }
        if (response.statusCode === 200) {
          injected.answered++;
          self.recordTokens(body.usage?.total_tokens ?? 0);
        }
        return { kind: 'json', status: response.statusCode, body };
      },
    },
  });

  return {
    baseURL: `${front.url}/v1`,
    apiKey: simulator.apiKey,
    front,
    simulator,
    injected,
    async close() {
      await front.close();
      await forwarder.close();
      await simulator.close();
    },
  };
}
