import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthenticationError, createRegistry } from '@embedkit/core';
import { bedrockSimulatorCredentials, startBedrockSimulator } from '@embedkit/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { bedrockAt, fastRetry } from './bedrock.test-helpers.js';
import { createBedrock } from './bedrock-embedding.js';
import { bedrockProvider } from './bedrock-provider.js';

const { accessKeyId, secretAccessKey } = bedrockSimulatorCredentials;

/** An environment where the AWS chain finds nothing unless a test adds it. */
function isolateCredentialChain(directory: string) {
  for (const name of [
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_PROFILE',
    'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
    'AWS_CONTAINER_CREDENTIALS_FULL_URI',
    'AWS_WEB_IDENTITY_TOKEN_FILE',
    'AWS_ROLE_ARN',
  ]) {
    vi.stubEnv(name, '');
    delete process.env[name];
  }
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(directory, 'credentials'));
  vi.stubEnv('AWS_CONFIG_FILE', join(directory, 'config'));
}

describe('bedrock: SigV4 and the credential chain', () => {
  let simulator: Awaited<ReturnType<typeof startBedrockSimulator>>;
  let directory: string;
  beforeAll(async () => {
    simulator = await startBedrockSimulator({ region: 'us-east-1' });
    directory = await mkdtemp(join(tmpdir(), 'embedkit-bedrock-'));
  });
  afterAll(async () => {
    await simulator.close();
    await rm(directory, { recursive: true, force: true });
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    simulator.resetStats();
  });

  it('a wrong secret is refused by the signature check (403), not retried', async () => {
    const embedding = bedrockAt(
      simulator,
      {},
      {
        credentials: { accessKeyId, secretAccessKey: `${secretAccessKey}x` },
      },
    );
    const error = await embedding.encodeDocuments(['x']).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(String(error)).toMatch(
      /403 \[InvalidSignatureException\]: The request signature we calculated does not match/,
    );
    expect(simulator.stats.requests).toBe(1);
  });

  it('an unknown key id is UnrecognizedClientException', async () => {
    const embedding = bedrockAt(
      simulator,
      {},
      {
        credentials: { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey },
      },
    );
    await expect(embedding.encodeDocuments(['x'])).rejects.toThrow(/UnrecognizedClientException/);
  });

  it('temporary credentials: the session token is sent and signed', async () => {
    const temporary = await startBedrockSimulator({
      credentials: { accessKeyId, secretAccessKey, sessionToken: 'session-token-abc' },
    });
    try {
      const withToken = bedrockAt(
        temporary,
        {},
        {
          credentials: { accessKeyId, secretAccessKey, sessionToken: 'session-token-abc' },
        },
      );
      expect(await withToken.encodeDocuments(['x'])).toHaveLength(1);
      expect(temporary.log[0]!.headers['x-amz-security-token']).toBe('session-token-abc');
      expect(String(temporary.log[0]!.headers.authorization)).toMatch(/x-amz-security-token/);
      const without = bedrockAt(temporary, {}, { credentials: { accessKeyId, secretAccessKey } });
      await expect(without.encodeDocuments(['x'])).rejects.toThrow(AuthenticationError);
    } finally {
      await temporary.close();
    }
  });

  it('a signature from a skewed clock is refused as expired', async () => {
    const future = await startBedrockSimulator({ now: () => Date.now() + 20 * 60_000 });
    try {
      await expect(bedrockAt(future).encodeDocuments(['x'])).rejects.toThrow(/Signature expired/);
    } finally {
      await future.close();
    }
  });

  it('credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, read at the first call', async () => {
    isolateCredentialChain(directory);
    const embedding = createBedrock({ endpoint: simulator.endpoint, region: 'us-east-1' });
    vi.stubEnv('AWS_ACCESS_KEY_ID', accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', secretAccessKey);
    expect(await embedding.encodeDocuments(['x'])).toHaveLength(1);
    expect(String(simulator.log[0]!.headers.authorization)).toContain(`Credential=${accessKeyId}/`);
  });

  it('credentials from a shared profile: AWS_PROFILE, and the profile setting', async () => {
    isolateCredentialChain(directory);
    await writeFile(
      join(directory, 'credentials'),
      `[default]\naws_access_key_id = AKIAWRONGDEFAULT0000\naws_secret_access_key = nope\n\n[embedkit-test]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = ${secretAccessKey}\n`,
    );
    await writeFile(join(directory, 'config'), '');
    vi.stubEnv('AWS_PROFILE', 'embedkit-test');
    const fromVariable = createBedrock({ endpoint: simulator.endpoint, region: 'us-east-1' });
    expect(await fromVariable.encodeDocuments(['x'])).toHaveLength(1);
    vi.stubEnv('AWS_PROFILE', '');
    delete process.env.AWS_PROFILE;
    const fromSetting = createBedrock({
      endpoint: simulator.endpoint,
      region: 'us-east-1',
      profile: 'embedkit-test',
    });
    expect(await fromSetting.encodeDocuments(['x'])).toHaveLength(1);
    const fromDefault = createBedrock({
      endpoint: simulator.endpoint,
      region: 'us-east-1',
      retry: fastRetry,
    });
    await expect(fromDefault.encodeDocuments(['x'])).rejects.toThrow(/UnrecognizedClientException/);
    expect(fromSetting.toConfig()).toMatchObject({ profile: 'embedkit-test' });
  });

  it('no credentials anywhere: an AuthenticationError that says where to put them; nothing sent', async () => {
    // A directory of its own: the AWS SDK caches the shared files it has read, per path.
    isolateCredentialChain(await mkdtemp(join(tmpdir(), 'embedkit-bedrock-empty-')));
    const embedding = createBedrock({ endpoint: simulator.endpoint, region: 'us-east-1' });
    const error = await embedding.encodeDocuments(['x']).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(String(error)).toMatch(/AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.*AWS_PROFILE/s);
    expect(simulator.stats.requests).toBe(0);
  });

  it('a sentinel secret and session token never appear in errors, toConfig() or logs', async () => {
    const secret = 'SENTINEL/secretAccessKey+9f8e7d6c5b4a3210';
    const token = 'SENTINEL-session-token-0123456789abcdef';
    const lines: string[] = [];
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        lines.push(args.map(String).join(' '));
      });
    }
    isolateCredentialChain(directory);
    vi.stubEnv('AWS_ACCESS_KEY_ID', accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', secret);
    vi.stubEnv('AWS_SESSION_TOKEN', token);
    const fromEnvironment = createBedrock({
      endpoint: simulator.endpoint,
      region: 'us-east-1',
      model: 'cohere.embed-v4:0',
    });
    const literal = bedrockAt(
      simulator,
      {},
      {
        credentials: { accessKeyId, secretAccessKey: secret, sessionToken: token },
      },
    );
    for (const embedding of [fromEnvironment, literal]) {
      const error = await embedding.encodeDocuments(['x']).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AuthenticationError);
      const seen = `${String(error)} ${(error as Error).stack} ${JSON.stringify(error)}`;
      expect(seen).not.toContain(secret);
      expect(seen).not.toContain(token);
      const config = JSON.stringify(
        createRegistry([bedrockProvider]).fromConfig(embedding.toConfig()).toConfig(),
      );
      expect(config).not.toContain(secret);
      expect(config).not.toContain(token);
    }
    expect(lines.join('\n')).not.toContain(secret);
    expect(simulator.log.every((entry) => !JSON.stringify(entry.headers).includes(secret))).toBe(
      true,
    );
  });

  it('a model without access is named with what to enable', async () => {
    const limited = await startBedrockSimulator({
      enabledModels: ['amazon.titan-embed-text-v2:0'],
    });
    try {
      const embedding = bedrockAt(limited, { model: 'cohere.embed-v4:0' });
      await expect(embedding.encodeDocuments(['x'])).rejects.toThrow(
        /AccessDeniedException.*may not invoke cohere\.embed-v4:0 in us-east-1: enable model access/s,
      );
    } finally {
      await limited.close();
    }
  });
});
