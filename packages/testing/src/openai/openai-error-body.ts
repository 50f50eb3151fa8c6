import type { SimulatorReply } from '../simulators/http-simulator.js';

/**
 * An error answer in OpenAI's documented shape, `{ error: { message, type, param, code } }`,
 * where `param` and `code` are `null` when they do not apply (as the service sends them).
 */
export function openaiErrorReply(
  status: number,
  error: { message: string; type: string; param?: string | null; code?: string | null },
  headers?: Record<string, string>,
): SimulatorReply {
  return {
    kind: 'json',
    status,
    body: {
      error: {
        message: error.message,
        type: error.type,
        param: error.param ?? null,
        code: error.code ?? null,
      },
    },
    headers,
  };
}

/** An error answer in Azure OpenAI's shape, `{ error: { code, message } }` with a string code. */
export function azureErrorReply(
  status: number,
  message: string,
  headers?: Record<string, string>,
): SimulatorReply {
  return { kind: 'json', status, body: { error: { code: String(status), message } }, headers };
}

/** `sk-abc…wxyz` the way OpenAI masks a refused key in its 401 message. */
export function maskKey(key: string): string {
  return key.length <= 8 ? '***' : `${key.slice(0, 3)}***${key.slice(-4)}`;
}
