import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { SimulatorReply, SimulatorRequest } from '../simulators/http-simulator.js';
import { bedrockErrorReply } from './bedrock-error-reply.js';

/** The credentials the simulated account accepts. */
export interface SimulatedAwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** When set, requests must carry it in `x-amz-security-token` (temporary credentials). */
  readonly sessionToken?: string;
}

const signatureMismatch =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/**
 * Verifies an AWS Signature Version 4 request the way the service front end does, implemented
 * here from the published algorithm (docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html)
 * and independent of any client signer: parses `Authorization`, checks the key id, the scope
 * (date, region, service `bedrock`), the clock skew of `x-amz-date` (15 minutes), the session
 * token, then recomputes the canonical request (URI segments encoded again, as for every service
 * but S3), the string to sign and the HMAC chain, and compares. Returns the 403 reply for a bad
 * request, `undefined` for a good one.
 */
export function verifySigV4(
  request: SimulatorRequest,
  credentials: SimulatedAwsCredentials,
  region: string,
  now: number = Date.now(),
): SimulatorReply | undefined {
  const authorization = header(request, 'authorization');
  if (authorization === undefined) {
    return bedrockErrorReply('MissingAuthenticationTokenException', 'Missing Authentication Token');
  }
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
      authorization.trim(),
    );
  if (!match) {
    return bedrockErrorReply(
      'IncompleteSignatureException',
      `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters. Authorization=${authorization.split(' ')[0]}`,
    );
  }
  const [, keyId, date, scopeRegion, service, signedHeaderList, signature] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (keyId !== credentials.accessKeyId) {
    return bedrockErrorReply(
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
    );
  }
  if (service !== 'bedrock') {
    return bedrockErrorReply(
      'InvalidSignatureException',
      `Credential should be scoped to correct service: 'bedrock'. `,
    );
  }
  if (scopeRegion !== region) {
    return bedrockErrorReply(
      'InvalidSignatureException',
      `Credential should be scoped to a valid region. `,
    );
  }
  const amzDate = header(request, 'x-amz-date');
  const signedHeaders = signedHeaderList.split(';');
  if (
    amzDate === undefined ||
    !signedHeaders.includes('host') ||
    !signedHeaders.includes('x-amz-date')
  ) {
    return bedrockErrorReply(
      'IncompleteSignatureException',
      "'Host' and 'X-Amz-Date' must be signed headers.",
    );
  }
  const signedAt = parseAmzDate(amzDate);
  if (signedAt === undefined || !amzDate.startsWith(date)) {
    return bedrockErrorReply('InvalidSignatureException', signatureMismatch);
  }
  if (Math.abs(now - signedAt) > 15 * 60_000) {
    return bedrockErrorReply(
      'InvalidSignatureException',
      `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(now - 15 * 60_000)} (${formatAmzDate(now)} - 15 min.)`,
    );
  }
  if (credentials.sessionToken !== undefined) {
    if (header(request, 'x-amz-security-token') !== credentials.sessionToken) {
      return bedrockErrorReply(
        'UnrecognizedClientException',
        'The security token included in the request is invalid.',
      );
    }
    if (!signedHeaders.includes('x-amz-security-token')) {
      return bedrockErrorReply('InvalidSignatureException', signatureMismatch);
    }
  }
  const payloadHash = sha256Hex(request.rawBody);
  const declaredHash = header(request, 'x-amz-content-sha256');
  if (declaredHash !== undefined && declaredHash !== payloadHash) {
    return bedrockErrorReply(
      'InvalidSignatureException',
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    );
  }
  const canonicalHeaders = signedHeaders
    .map((name) => `${name}:${(header(request, name) ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const canonicalRequest = [
    request.method,
    canonicalPath(request.path),
    canonicalQuery(request.query),
    canonicalHeaders,
    signedHeaderList,
    payloadHash,
  ].join('\n');
  const scope = `${date}/${scopeRegion}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  let key = hmac(`AWS4${credentials.secretAccessKey}`, date);
  key = hmac(key, scopeRegion);
  key = hmac(key, service);
  key = hmac(key, 'aws4_request');
  const expected = Buffer.from(hmac(key, stringToSign).toString('hex'));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return bedrockErrorReply('InvalidSignatureException', signatureMismatch);
  }
  return undefined;
}

function header(request: SimulatorRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** Each path segment as sent, URI-encoded once more (RFC 3986 unreserved characters kept). */
function canonicalPath(path: string): string {
  return path
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment).replace(
        /[!'()*]/g,
        (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
      ),
    )
    .join('/');
}

function canonicalQuery(query: URLSearchParams): string {
  return [...query.entries()]
    .map(([name, value]) => [encodeURIComponent(name), encodeURIComponent(value)] as const)
    .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

function parseAmzDate(value: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  return Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
}

function formatAmzDate(time: number): string {
  return new Date(time)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}
