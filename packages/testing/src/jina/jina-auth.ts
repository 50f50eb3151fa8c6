import type { IncomingHttpHeaders } from 'node:http';
import { bearerToken, type SimulatorReply } from '../simulators/http-simulator.js';
import { jinaError } from './jina-error-replies.js';

const keyFormat = /^jina_[A-Za-z0-9_-]{60}$/;

/**
 * Checks `Authorization: Bearer jina_…` as the service does: missing → 401
 * `AUTH_MISSING_API_KEY`, not `jina_` + 60 characters → 401 `AUTH_INVALID_FORMAT`, unknown →
 * 401 `AUTH_INVALID_API_KEY`, known but exhausted → 403 `AUTHZ_INSUFFICIENT_BALANCE`.
 * Returns `undefined` when the request may proceed.
 */
export function checkJinaAuth(
  headers: IncomingHttpHeaders,
  apiKeys: readonly string[],
  exhaustedKeys: readonly string[],
): SimulatorReply | undefined {
  const key = bearerToken(headers);
  if (key === undefined) {
    return jinaError(
      401,
      'AUTH_MISSING_API_KEY',
      'No API key was provided. Set the Authorization header to "Bearer <your key>".',
    );
  }
  if (!keyFormat.test(key)) {
    return jinaError(401, 'AUTH_INVALID_FORMAT', 'The API key has an invalid format.');
  }
  if (exhaustedKeys.includes(key)) {
    return jinaError(
      403,
      'AUTHZ_INSUFFICIENT_BALANCE',
      'Insufficient token balance for this API key. Top up at jina.ai.',
    );
  }
  if (!apiKeys.includes(key)) {
    return jinaError(401, 'AUTH_INVALID_API_KEY', 'The API key is invalid.');
  }
  return undefined;
}
