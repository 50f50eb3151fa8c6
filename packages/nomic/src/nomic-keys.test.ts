import { AuthenticationError, createRegistry } from '@embedkit/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNomic } from './nomic-embedding.js';
import { nomicProvider } from './nomic-provider.js';
import { useNomicSimulator } from './simulator.test-helpers.js';

const sentinel = 'nk-SENTINEL-never-print-5d2b81';

describe('nomic API key: read lazily, never shown', () => {
  const simulator = useNomicSimulator();
  const output: string[] = [];
  beforeEach(() => {
    simulator.current.resetStats();
    output.length = 0;
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        output.push(args.map(String).join(' '));
      });
    }
    const capture = (chunk: unknown) => {
      output.push(String(chunk));
      return true;
    };
    vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it('a refused key: AuthenticationError naming NOMIC_API_KEY; message, fields, config and logs never hold it', async () => {
    vi.stubEnv('NOMIC_API_KEY', sentinel);
    const nomic = createNomic({ baseURL: simulator.current.baseURL });
    const error = await nomic.encodeDocuments(['x']).catch((caught: unknown) => caught);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect((error as AuthenticationError).status).toBe(401);
    expect((error as Error).message).toContain('NOMIC_API_KEY');
    expect(simulator.current.stats.requests).toBe(1);
    const seen = [
      (error as Error).message,
      (error as Error).stack ?? '',
      JSON.stringify({ ...(error as object) }),
      JSON.stringify(nomic.toConfig()),
      JSON.stringify(createRegistry([nomicProvider]).fromConfig(nomic.toConfig()).toConfig()),
      ...output,
    ].join('\n');
    expect(seen).not.toContain(sentinel);
    expect(simulator.current.log[0]!.headers.authorization).toBe(`Bearer ${sentinel}`);
  });

  it('a literal key in code is redacted just the same', async () => {
    const nomic = createNomic({ baseURL: simulator.current.baseURL }, { apiKey: sentinel });
    const error = await nomic.encodeQueries(['x']).catch((caught: unknown) => caught);
    expect((error as Error).message).toContain('apiKey passed in code');
    expect(
      `${(error as Error).message}${JSON.stringify(error)}${JSON.stringify(nomic.toConfig())}`,
    ).not.toContain(sentinel);
  });

  it('no key: AuthenticationError naming both variables, nothing sent', async () => {
    vi.stubEnv('NOMIC_API_KEY', '');
    vi.stubEnv('ATLAS_API_KEY', '');
    const error = await createNomic({ baseURL: simulator.current.baseURL })
      .encodeDocuments(['x'])
      .catch((caught: unknown) => caught);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /Set the NOMIC_API_KEY environment variable \(ATLAS_API_KEY is also read\)/,
    );
    expect(simulator.current.stats.requests).toBe(0);
  });
});
