import type { SimulatorReply } from '../simulators/http-simulator.js';

/** TEI's `error_type` values (its OpenAPI `ErrorType` enum). */
export type TEIErrorType =
  | 'Unhealthy'
  | 'Backend'
  | 'Overloaded'
  | 'Validation'
  | 'Tokenizer'
  | 'Empty';

/** The status TEI's router gives each error type. */
const statusOf: Record<TEIErrorType, number> = {
  Unhealthy: 503,
  Backend: 424,
  Overloaded: 429,
  Validation: 422,
  Tokenizer: 422,
  Empty: 400,
};

/**
 * An error as TEI answers it: `{ error, error_type }` with the status of its type. Validation
 * messages carry TEI's `Input validation error: ` prefix, as its error type formats them.
 */
export function teiErrorReply(
  type: TEIErrorType,
  message: string,
  headers?: Record<string, string>,
): SimulatorReply {
  const prefixed =
    type === 'Validation' || type === 'Empty' ? `Input validation error: ${message}` : message;
  return {
    kind: 'json',
    status: statusOf[type],
    body: { error: prefixed, error_type: type },
    ...(headers ? { headers } : {}),
  };
}
