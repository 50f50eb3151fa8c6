import type { SimulatorReply } from '../simulators/http-simulator.js';

/** Mistral's error envelope, `{ object: "error", message, type, param, code }`. */
export function mistralErrorReply(
  status: number,
  error: { message: unknown; type: string; code?: string | null },
  headers?: Record<string, string>,
): SimulatorReply {
  return {
    kind: 'json',
    status,
    body: {
      object: 'error',
      message: error.message,
      type: error.type,
      param: null,
      code: error.code ?? null,
    },
    headers,
  };
}

/** A 422 in pydantic's words inside Mistral's envelope, as the API answers validation errors. */
export function mistralValidationReply(
  problems: readonly {
    type: string;
    loc: readonly (string | number)[];
    msg: string;
    input: unknown;
  }[],
): SimulatorReply {
  return mistralErrorReply(422, { message: { detail: problems }, type: 'invalid_request_error' });
}
