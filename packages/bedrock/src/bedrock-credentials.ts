import { AuthenticationError } from '@embedkit/core';

/** AWS credentials as every SDK spells them. */
export interface BedrockCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

/** Credentials, or a function that resolves them (refreshed by the caller when they expire). */
export type BedrockCredentialSource = BedrockCredentials | (() => Promise<BedrockCredentials>);

/**
 * The credentials to sign with, read lazily: the given source, or the AWS SDK's default Node
 * chain (imported at the first call, so building a function or its config never touches it).
 * The chain caches and refreshes what it found. A chain that finds nothing becomes an
 * `AuthenticationError` that says where credentials are looked for; no value is ever in it.
 */
export function bedrockCredentials(options: {
  credentials?: BedrockCredentialSource;
  profile?: string;
}): () => Promise<BedrockCredentials> {
  const given = options.credentials;
  if (given !== undefined) return typeof given === 'function' ? given : async () => given;
  let chain: Promise<() => Promise<BedrockCredentials>> | undefined;
  return async () => {
    chain ??= import('@aws-sdk/credential-provider-node').then(({ defaultProvider }) =>
      defaultProvider(options.profile ? { profile: options.profile } : {}),
    );
    try {
      return await (await chain)();
    } catch (error) {
      throw new AuthenticationError({
        provider: 'bedrock',
        message: `No AWS credentials found for Bedrock${options.profile ? ` (profile "${options.profile}")` : ''}: ${error instanceof Error ? error.message.split('\n')[0] : 'the credential chain failed'}. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary credentials), or AWS_PROFILE for a profile in ~/.aws/credentials or ~/.aws/config, or pass { credentials } in the second argument; nothing was sent.`,
        cause: error,
      });
    }
  };
}
