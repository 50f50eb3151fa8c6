import { randomUUID } from 'node:crypto';
import type { SimulatorReply } from '../simulators/http-simulator.js';

/** Bedrock Runtime's error shapes (`x-amzn-ErrorType`) and the status each is sent with. */
export const bedrockErrorStatus = {
  AccessDeniedException: 403,
  InvalidSignatureException: 403,
  UnrecognizedClientException: 403,
  MissingAuthenticationTokenException: 403,
  ExpiredTokenException: 403,
  IncompleteSignatureException: 400,
  ValidationException: 400,
  ServiceQuotaExceededException: 400,
  ResourceNotFoundException: 404,
  ModelTimeoutException: 408,
  ModelErrorException: 424,
  ThrottlingException: 429,
  ModelNotReadyException: 429,
  InternalServerException: 500,
  ServiceUnavailableException: 503,
} as const;

export type BedrockErrorType = keyof typeof bedrockErrorStatus;

/**
 * An error as the Bedrock Runtime REST-JSON protocol sends it: `{ "message": … }` (auth errors
 * from the front end use `Message`), the error shape in `x-amzn-ErrorType`, and a request id.
 */
export function bedrockErrorReply(
  type: BedrockErrorType,
  message: string,
  headers: Record<string, string> = {},
): SimulatorReply {
  const frontEnd =
    type === 'InvalidSignatureException' ||
    type === 'UnrecognizedClientException' ||
    type === 'IncompleteSignatureException';
  return {
    kind: 'json',
    status: bedrockErrorStatus[type],
    body: frontEnd ? { Message: message } : { message },
    headers: {
      'x-amzn-errortype': frontEnd
        ? type
        : `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
      'x-amzn-requestid': randomUUID(),
      ...headers,
    },
  };
}

/** Bedrock's schema-validation wording: `Malformed input request: <issue>, please reformat …`. */
export function malformedInput(issue: string): SimulatorReply {
  return bedrockErrorReply(
    'ValidationException',
    `Malformed input request: ${issue}, please reformat your input and try again.`,
  );
}
