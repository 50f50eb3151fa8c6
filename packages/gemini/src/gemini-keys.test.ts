import { AuthenticationError, createRegistry } from '@embedkit/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createGemini } from './gemini-embedding.js';
import { geminiProvider } from './gemini-provider.js';
import { useGeminiSimulator } from './simulator.test-helpers.js';

/** A key that must never be seen: the simulator echoes refused keys in a DebugInfo detail. */
const sentinel = 'AIzaSy-SENTINEL-never-print-7f3a9c';

describe('gemini API key: read lazily, never shown', () => {
  const simulator = useGeminiSimulator();
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

  it('a refused key is an AuthenticationError whose message, fields, config and logs never hold it', async () => {
    vi.stubEnv('GEMINI_API_KEY', sentinel);
    const gemini = createGemini({ baseURL: simulator.current.baseURL });
    const error = await gemini.encodeDocuments(['x']).catch((caught: unknown) => caught);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect((error as AuthenticationError).providerCode).toBe('INVALID_ARGUMENT');
    expect((error as Error).message).toContain('API key not valid');
    expect((error as Error).message).toContain('GEMINI_API_KEY');
    expect(simulator.current.stats.requests).toBe(1);
    const seen = [
      (error as Error).message,
      (error as Error).stack ?? '',
      JSON.stringify({ ...(error as object) }),
      (error as AuthenticationError).bodyExcerpt ?? '',
      JSON.stringify(gemini.toConfig()),
      JSON.stringify(createRegistry([geminiProvider]).fromConfig(gemini.toConfig()).toConfig()),
      ...output,
    ].join('\n');
    expect(seen).not.toContain(sentinel);
    // The simulator did echo it back: the redaction above is what kept it out.
    expect(JSON.stringify(simulator.current.log[0]!.headers)).toContain(sentinel);
  });

  it('a literal key in code is redacted just the same', async () => {
    const gemini = createGemini({ baseURL: simulator.current.baseURL }, { apiKey: sentinel });
    const error = await gemini.encodeQueries(['x']).catch((caught: unknown) => caught);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('apiKey passed in code');
    expect(
      `${(error as Error).message}${JSON.stringify(error)}${JSON.stringify(gemini.toConfig())}`,
    ).not.toContain(sentinel);
  });

  it('no key: AuthenticationError naming GEMINI_API_KEY and GOOGLE_API_KEY, nothing sent', async () => {
    vi.stubEnv('GEMINI_API_KEY', '');
    vi.stubEnv('GOOGLE_API_KEY', '');
    const gemini = createGemini({ baseURL: simulator.current.baseURL });
    const error = await gemini.encodeDocuments(['x']).catch((caught: unknown) => caught);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /Set the GEMINI_API_KEY environment variable \(GOOGLE_API_KEY is also read\)/,
    );
    expect(simulator.current.stats.requests).toBe(0);
  });

  it('GEMINI_API_KEY wins over GOOGLE_API_KEY; GOOGLE_API_KEY alone works; both read at call time', async () => {
    const gemini = createGemini({ baseURL: simulator.current.baseURL });
    vi.stubEnv('GOOGLE_API_KEY', simulator.current.apiKey);
    await gemini.encodeDocuments(['x']);
    vi.stubEnv('GEMINI_API_KEY', sentinel);
    await expect(gemini.encodeDocuments(['y'])).rejects.toThrow(AuthenticationError);
    expect(simulator.current.log.map((entry) => entry.status)).toEqual([200, 400]);
  });

  it('the key goes in x-goog-api-key, never in the URL', async () => {
    await createGemini(
      { baseURL: simulator.current.baseURL },
      { apiKey: simulator.current.apiKey },
    ).encodeDocuments(['x']);
    const [entry] = simulator.current.log;
    expect(entry!.headers['x-goog-api-key']).toBe(simulator.current.apiKey);
    expect(entry!.query).toBe('');
    expect(entry!.headers.authorization).toBeUndefined();
  });
});
