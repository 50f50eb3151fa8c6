import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { BedrockCredentials } from './bedrock-credentials.js';

/**
 * Signs one InvokeModel request with AWS Signature Version 4 (service `bedrock`) using the AWS
 * SDK's own signer, and returns the headers to send: `host`, `content-type`, `accept`,
 * `x-amz-date`, `x-amz-content-sha256`, `x-amz-security-token` (temporary credentials) and
 * `authorization`. `body` must be the exact string that is sent.
 */
export async function signBedrockRequest(options: {
  url: URL;
  body: string;
  region: string;
  credentials: BedrockCredentials;
}): Promise<Record<string, string>> {
  const signer = new SignatureV4({
    service: 'bedrock',
    region: options.region,
    credentials: options.credentials,
    sha256: Sha256,
  });
  const { url } = options;
  const signed = await signer.sign({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: url.pathname,
    query: {},
    headers: {
      host: url.host,
      'content-type': 'application/json',
      accept: 'application/json',
    },
    body: options.body,
  });
  return signed.headers as Record<string, string>;
}
