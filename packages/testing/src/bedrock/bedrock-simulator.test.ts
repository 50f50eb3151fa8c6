import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BedrockSimulator, startBedrockSimulator } from './bedrock-simulator.js';

describe('Bedrock simulator refuses unsigned and malformed requests', () => {
  let simulator: BedrockSimulator;
  beforeAll(async () => {
    simulator = await startBedrockSimulator();
  });
  afterAll(() => simulator.close());

  const invoke = async (model: string, headers: Record<string, string>) => {
    const response = await fetch(`${simulator.url}/model/${encodeURIComponent(model)}/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ inputText: 'x' }),
    });
    return {
      status: response.status,
      type: response.headers.get('x-amzn-errortype'),
      json: (await response.json()) as Record<string, unknown>,
    };
  };

  it('no Authorization header: 403 MissingAuthenticationTokenException', async () => {
    expect(await invoke('amazon.titan-embed-text-v2:0', {})).toMatchObject({
      status: 403,
      type: expect.stringMatching(/^MissingAuthenticationTokenException/),
    });
  });

  it('a made-up signature: 403 InvalidSignatureException with the front end’s Message', async () => {
    const now = new Date()
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
    const result = await invoke('amazon.titan-embed-text-v2:0', {
      'x-amz-date': now,
      authorization: `AWS4-HMAC-SHA256 Credential=${simulator.credentials.accessKeyId}/${now.slice(0, 8)}/us-east-1/bedrock/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
    });
    expect(result).toMatchObject({ status: 403, type: 'InvalidSignatureException' });
    expect(result.json.Message).toMatch(/does not match the signature you provided/);
  });

  it('a malformed Authorization header: 400 IncompleteSignatureException', async () => {
    expect(
      await invoke('amazon.titan-embed-text-v2:0', { authorization: 'AWS4-HMAC-SHA256 nonsense' }),
    ).toMatchObject({
      status: 400,
      type: 'IncompleteSignatureException',
    });
  });
});
