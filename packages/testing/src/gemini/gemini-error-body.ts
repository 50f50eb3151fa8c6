import type { SimulatorReply } from '../simulators/http-simulator.js';

/** The gRPC status names Google puts in `error.status`, by HTTP status. */
const statusNames: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/**
 * An error answer in Google's shape, `{ error: { code, message, status, details } }`; `details`
 * holds typed `google.rpc.*` entries (`ErrorInfo`, `BadRequest`, `RetryInfo`, …) when given.
 */
export function googleErrorReply(
  code: number,
  message: string,
  options: { status?: string; details?: readonly unknown[]; headers?: Record<string, string> } = {},
): SimulatorReply {
  return {
    kind: 'json',
    status: code,
    body: {
      error: {
        code,
        message,
        status: options.status ?? statusNames[code] ?? 'UNKNOWN',
        ...(options.details ? { details: options.details } : {}),
      },
    },
    headers: options.headers,
  };
}

/** A 400 INVALID_ARGUMENT with a `google.rpc.BadRequest` naming the field, as the JSON parser answers. */
export function googleInvalidArgumentReply(message: string, field?: string): SimulatorReply {
  return googleErrorReply(400, message, {
    details: field
      ? [
          {
            '@type': 'type.googleapis.com/google.rpc.BadRequest',
            fieldViolations: [{ field, description: message }],
          },
        ]
      : undefined,
  });
}

/** Formats milliseconds as a protobuf duration (`RetryInfo.retryDelay`): `"1.5s"`, `"37s"`. */
export function protobufDuration(milliseconds: number): string {
  const seconds = Math.max(0.001, milliseconds / 1000);
  return `${Number(seconds.toFixed(3))}s`;
}
