import { createRegistry, InvalidConfigError } from '@embedkit/core';
import { Agent, type Dispatcher } from 'undici';
import { describe, expect, it } from 'vitest';
import { createJina } from './jina-embedding.js';
import { jinaProvider } from './jina-provider.js';
import { createJinaReranker } from './jina-reranker.js';
import { useJinaSimulator } from './simulator.test-helpers.js';

/** An undici agent that counts what it dispatches, to prove requests go through it. */
class CountingAgent extends Agent {
  dispatched = 0;
  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler) {
    this.dispatched++;
    return super.dispatch(options, handler);
  }
}

describe('jina runtime options (second argument)', () => {
  const simulator = useJinaSimulator();

  it('sends requests with the literal key through the given dispatcher', async () => {
    const agent = new CountingAgent();
    const embedding = createJina(
      { baseURL: simulator.current.baseURL, dimensions: 32 },
      { apiKey: simulator.current.apiKey, dispatcher: agent },
    );
    expect(await embedding.encodeDocuments(['a', 'b'])).toHaveLength(2);
    const reranker = createJinaReranker(
      { baseURL: simulator.current.baseURL },
      { apiKey: simulator.current.apiKey, dispatcher: agent },
    );
    expect(await reranker.rerank('q', ['d'])).toHaveLength(1);
    expect(agent.dispatched).toBe(2);
    expect(JSON.stringify(embedding.toConfig())).not.toContain(simulator.current.apiKey);
    await agent.close();
  });

  it('refuses a key or a dispatcher in the settings, saying to use apiKeyEnv', () => {
    const secret = `jina_${'s'.repeat(60)}`;
    const attempt = (action: () => unknown) => {
      try {
        action();
      } catch (error) {
        expect(InvalidConfigError.isInstance(error)).toBe(true);
        return error as InvalidConfigError;
      }
      throw new Error('expected InvalidConfigError');
    };
    const inSettings = attempt(() => createJina({ apiKey: secret } as never));
    expect(inSettings.issues.map((issue) => issue.path)).toContain('apiKey');
    expect(inSettings.message).toContain('"apiKeyEnv"');
    expect(inSettings.message).not.toContain(secret);
    const inConfig = attempt(() =>
      createRegistry([jinaProvider]).fromConfig({ provider: 'jina', apiKey: secret }),
    );
    expect(inConfig.message).toContain('environment variable');
    expect(inConfig.message).not.toContain(secret);
    expect(attempt(() => createJina({ dispatcher: new Agent() } as never)).message).toContain(
      'unknown key dispatcher',
    );
  });

  it('folds the deprecated maxRetries into retry', () => {
    const config = createJina({ maxRetries: 2, retry: { baseDelayMs: 5 } }).toConfig();
    expect(config.retry).toEqual({ maxRetries: 2, baseDelayMs: 5 });
    expect(config.maxRetries).toBeUndefined();
    const rebuilt = createRegistry([jinaProvider]).fromConfig(config);
    expect(rebuilt.toConfig()).toEqual(config);
  });
});
