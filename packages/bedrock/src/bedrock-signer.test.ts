import { bedrockSimulatorCredentials, startBedrockSimulator } from '@embedkit/testing';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBedrockRequest } from './bedrock-signer.js';

describe('signBedrockRequest against the simulator’s signature check', () => {
  let simulator: Awaited<ReturnType<typeof startBedrockSimulator>>;
  beforeAll(async () => {
    simulator = await startBedrockSimulator();
  });
  afterAll(() => simulator.close());

  const send = async (body: string, headers: Record<string, string>) => {
    const { host: _host, ...rest } = headers;
    const response = await request(
      `${simulator.url}/model/${encodeURIComponent('amazon.titan-embed-text-v2:0')}/invoke`,
      { method: 'POST', headers: rest, body },
    );
    await response.body.text();
    return { status: response.statusCode, type: response.headers['x-amzn-errortype'] };
  };
  const url = () =>
    new URL(`${simulator.url}/model/${encodeURIComponent('amazon.titan-embed-text-v2:0')}/invoke`);

  it('a signed request is accepted as signed', async () => {
    const body = JSON.stringify({ inputText: 'signed' });
    const headers = await signBedrockRequest({
      url: url(),
      body,
      region: 'us-east-1',
      credentials: bedrockSimulatorCredentials,
    });
    expect(headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/us-east-1\/bedrock\/aws4_request/,
    );
    expect(await send(body, headers)).toEqual({ status: 200, type: undefined });
  });

  it('a body changed after signing is refused', async () => {
    const headers = await signBedrockRequest({
      url: url(),
      body: JSON.stringify({ inputText: 'signed' }),
      region: 'us-east-1',
      credentials: bedrockSimulatorCredentials,
    });
    const result = await send(JSON.stringify({ inputText: 'changed' }), headers);
    expect(result).toEqual({ status: 403, type: 'InvalidSignatureException' });
  });

  it('a signed header changed after signing is refused', async () => {
    const body = JSON.stringify({ inputText: 'signed' });
    const headers = await signBedrockRequest({
      url: url(),
      body,
      region: 'us-east-1',
      credentials: bedrockSimulatorCredentials,
    });
    const result = await send(body, { ...headers, accept: 'text/plain' });
    expect(result).toEqual({ status: 403, type: 'InvalidSignatureException' });
  });
});
