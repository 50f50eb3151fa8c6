/** What an error response says, in a provider-neutral shape. */
export interface HttpErrorDetails {
  status: number;
  /** Readable message taken from the body, already redacted. */
  message: string;
  /** Provider code such as `AUTH_INVALID_API_KEY`. */
  providerCode?: string;
  requestId?: string;
  /** Parsed JSON body when it was JSON. */
  body: unknown;
  /** Short raw excerpt, already redacted. */
  bodyExcerpt: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  retryAfterMs?: number;
}

/**
 * Pulls a message, code and request id out of the error bodies providers send:
 * `{detail, code, request_id}` (Jina; `detail` may be a string, an object or a list),
 * `{error: {message, type, code}}` (OpenAI) or `{message}`.
 */
export function readErrorBody(body: unknown): {
  message?: string;
  providerCode?: string;
  requestId?: string;
} {
  if (typeof body !== 'object' || body === null) return {};
  const record = body as Record<string, unknown>;
  const nested =
    typeof record.error === 'object' && record.error !== null
      ? (record.error as Record<string, unknown>)
      : undefined;
  const message =
    describeDetail(record.detail) ??
    (typeof nested?.message === 'string' ? nested.message : undefined) ??
    (typeof record.message === 'string' ? record.message : undefined) ??
    (typeof record.error === 'string' ? record.error : undefined);
  const code = record.code ?? nested?.code ?? nested?.type;
  const requestId = record.request_id ?? record.requestId;
  return {
    message,
    providerCode: typeof code === 'string' ? code : undefined,
    requestId: typeof requestId === 'string' ? requestId : undefined,
  };
}

function describeDetail(detail: unknown): string | undefined {
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) {
    const parts = detail.map((item) => {
      if (typeof item !== 'object' || item === null) return String(item);
      const entry = item as Record<string, unknown>;
      const location = Array.isArray(entry.loc) ? entry.loc.join('.') : entry.field;
      const text = entry.msg ?? entry.message;
      return location ? `${String(location)}: ${String(text)}` : String(text);
    });
    return parts.join('; ');
  }
  if (typeof detail === 'object' && detail !== null) {
    const entry = detail as Record<string, unknown>;
    if (typeof entry.message === 'string') return entry.message;
    return JSON.stringify(detail);
  }
  return undefined;
}
