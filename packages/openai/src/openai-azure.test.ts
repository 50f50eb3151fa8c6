import { ApiCallError, AuthenticationError, isSameEmbeddingSpace } from '@embedkit/core';
import { type OpenAISimulator, openaiSimulatorKey, startOpenAISimulator } from '@embedkit/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { azureEmbeddingsUrl } from './azure-url.js';
import { fastRetry } from './openai.test-helpers.js';
import { createOpenAI } from './openai-embedding.js';

let simulator: OpenAISimulator;
beforeAll(async () => {
  simulator = await startOpenAISimulator({
    azureDeployments: { 'prod-embed': 'text-embedding-3-small' },
  });
});
afterAll(() => simulator.close());
beforeEach(() => {
  simulator.resetStats();
  vi.stubEnv('AZURE_OPENAI_API_KEY', openaiSimulatorKey);
});
afterEach(() => vi.unstubAllEnvs());

const azure = (apiVersion?: string) =>
  createOpenAI({
    model: 'text-embedding-3-small',
    dimensions: 64,
    azure: { endpoint: `${simulator.url}/`, deployment: 'prod-embed', apiVersion },
    retry: fastRetry,
  });

describe('Azure OpenAI mode', () => {
  it('calls the deployment URL with api-version and the api-key header from AZURE_OPENAI_API_KEY', async () => {
    const [vector] = await azure().embed(['hello azure']);
    const [request] = simulator.log;
    expect(request).toMatchObject({
      path: '/openai/deployments/prod-embed/embeddings',
      query: 'api-version=2024-10-21',
    });
    expect(request!.headers['api-key']).toBe(openaiSimulatorKey);
    expect(request!.headers.authorization).toBeUndefined();
    expect(request!.body).toMatchObject({ dimensions: 64, encoding_format: 'base64' });
    expect(Array.from(vector!)).toEqual(
      Array.from(simulator.expectedVector('hello azure', 'text-embedding-3-small', 64)),
    );
  });

  it('is the same embedding space as OpenAI for the same model, so failover may mix them', () => {
    const openai = createOpenAI({ model: 'text-embedding-3-small', dimensions: 64 });
    expect(isSameEmbeddingSpace(azure().space, openai.space)).toBe(true);
  });

  it('explains a 404 from an unknown api-version or deployment', async () => {
    const error = await azure('1999-01-01')
      .embed(['a'])
      .then(
        () => expect.unreachable('the call should have failed'),
        (caught: unknown) => caught as ApiCallError,
      );
    expect(ApiCallError.isInstance(error)).toBe(true);
    expect(error.status).toBe(404);
    expect(error.message).toContain('azure.deployment');
    expect(error.requestId).toBeTruthy();
  });

  it('names AZURE_OPENAI_API_KEY when no key is set, sending nothing', async () => {
    vi.stubEnv('AZURE_OPENAI_API_KEY', '');
    const error = await azure()
      .embed(['a'])
      .then(
        () => expect.unreachable('the call should have failed'),
        (caught: unknown) => caught as Error,
      );
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error.message).toContain('AZURE_OPENAI_API_KEY');
    expect(simulator.stats.requests).toBe(0);
  });

  it('builds the deployment URL from endpoints written several ways', () => {
    for (const endpoint of [
      'https://res.openai.azure.com',
      'https://res.openai.azure.com/',
      'https://res.openai.azure.com/openai/',
    ]) {
      expect(
        azureEmbeddingsUrl({ endpoint, deployment: 'my model', apiVersion: '2024-10-21' }),
      ).toBe(
        'https://res.openai.azure.com/openai/deployments/my%20model/embeddings?api-version=2024-10-21',
      );
    }
  });
});
