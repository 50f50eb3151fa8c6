import { AuthenticationError, createRegistry } from '@embedkit/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMistral } from './mistral-embedding.js';
import { mistralProvider } from './mistral-provider.js';
import { useMistralSimulator } from './simulator.test-helpers.js';

const sentinel = 'mistral-SENTINEL-never-print-5d2b81';

describe('mistral API key: read lazily, never shown', () => {
  const simulator = useMistralSimulator();
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

  it('a refused key: AuthenticationError naming MISTRAL_API_KEY; message, fields, config and logs never hold it', async () => {
    vi.stubEnv('MISTRAL_API_KEY', sentinel);
    const mistral = createMistral({ baseURL: simulator.current.baseURL });
    const error = await mistral.encodeDocuments(['x']).catch((caught: unknown) => caught);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect((error as AuthenticationError).status).toBe(401);
    expect((error as Error).message).toContain('MISTRAL_API_KEY');
    expect(simulator.current.stats.requests).toBe(1);
    const quantized = await createMistral({
      baseURL: simulator.current.baseURL,
      model: 'codestral-embed',
    })
      .encodeQuantized(['x'], { type: 'int8' })
      .catch((caught: unknown) => caught);
    const seen = [
      (error as Error).message,
      (error as Error).stack ?? '',
      JSON.stringify({ ...(error as object) }),
      (quantized as Error).message,
      JSON.stringify(mistral.toConfig()),
      JSON.stringify(createRegistry([mistralProvider]).fromConfig(mistral.toConfig()).toConfig()),
      ...output,
    ].join('\n');
    expect(seen).not.toContain(sentinel);
    expect(simulator.current.log[0]!.headers.authorization).toBe(`Bearer ${sentinel}`);
  });

  it('a literal key in code is redacted just the same', async () => {
    const mistral = createMistral({ baseURL: simulator.current.baseURL }, { apiKey: sentinel });
    const error = await mistral.encodeQueries(['x']).catch((caught: unknown) => caught);
    expect((error as Error).message).toContain('apiKey passed in code');
    expect(
      `${(error as Error).message}${JSON.stringify(error)}${JSON.stringify(mistral.toConfig())}`,
    ).not.toContain(sentinel);
  });

  it('no key: AuthenticationError naming both variables, nothing sent', async () => {
    vi.stubEnv('MISTRAL_API_KEY', '');
    vi.stubEnv('MISTRALAI_API_KEY', '');
    const error = await createMistral({ baseURL: simulator.current.baseURL })
      .encodeDocuments(['x'])
      .catch((caught: unknown) => caught);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /Set the MISTRAL_API_KEY environment variable \(MISTRALAI_API_KEY is also read\)/,
    );
    expect(simulator.current.stats.requests).toBe(0);
  });
});
