import { Agent, type Dispatcher, setGlobalDispatcher } from 'undici';

/**
 * An undici dispatcher that sends requests for one origin (e.g. `https://api.jina.ai`) to
 * another (the simulator on 127.0.0.1) and passes everything else through. Installed as the
 * global dispatcher, it points a library that hard-codes its provider's URL at the simulator
 * without touching the library's code: Node's `fetch` uses the global dispatcher.
 */
export class RouteOriginDispatcher extends Agent {
  readonly #from: string;
  readonly #to: string;

  constructor(from: string, to: string) {
    super({ connections: 256, keepAliveTimeout: 10_000 });
    this.#from = new URL(from).origin;
    this.#to = new URL(to).origin;
  }

  override dispatch(
    options: Dispatcher.DispatchOptions,
    handler: Dispatcher.DispatchHandler,
  ): boolean {
    const origin =
      options.origin === undefined ? undefined : new URL(String(options.origin)).origin;
    if (origin !== this.#from) return super.dispatch(options, handler);
    const headers = withoutHost(options.headers);
    return super.dispatch({ ...options, origin: this.#to, headers }, handler);
  }
}

function withoutHost(headers: Dispatcher.DispatchOptions['headers']) {
  if (headers === undefined || headers === null) return headers;
  if (Array.isArray(headers)) {
    const kept: string[] = [];
    for (let index = 0; index + 1 < headers.length; index += 2) {
      if (String(headers[index]).toLowerCase() !== 'host') {
        kept.push(String(headers[index]), String(headers[index + 1]));
      }
    }
    return kept;
  }
  if (typeof headers === 'object' && !(Symbol.iterator in headers)) {
    const { host: _host, Host: _Host, ...rest } = headers as Record<string, string>;
    return rest;
  }
  return headers;
}

/** Jina's public API origin, which several peers hard-code. */
export const jinaOrigin = 'https://api.jina.ai';

/** Routes every `fetch` to Jina's origin in this process to `simulatorUrl`. */
export function routeJinaToSimulator(simulatorUrl: string): void {
  setGlobalDispatcher(new RouteOriginDispatcher(jinaOrigin, simulatorUrl));
}
