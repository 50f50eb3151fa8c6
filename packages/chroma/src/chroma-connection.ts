import { ChromaClient } from 'chromadb';
import { callChroma } from './chroma-errors.js';
import type { ResolvedChromaDriverSettings } from './chroma-store-settings.js';

/** An open connection: the client, where it points, and what the server allows per request. */
export interface ChromaConnection {
  client: ChromaClient;
  /** `http(s)://host:port`, no credentials, for messages and the collection lookup. */
  baseUrl: string;
  tenant: string;
  database: string;
  /** Headers every request carries (the token, when there is one). Never logged. */
  headers: Record<string, string>;
  /** Records per write the server accepts (its `max_batch_size`, or the setting when lower). */
  maxBatchSize: number;
}

/** The URL as the client takes it (host, port, TLS); a path or credentials in it are refused earlier. */
export function chromaAddress(url: string): {
  host: string;
  port: number;
  ssl: boolean;
  baseUrl: string;
} {
  const parsed = new URL(url);
  const ssl = parsed.protocol === 'https:';
  const port = parsed.port === '' ? (ssl ? 443 : 80) : Number(parsed.port);
  const host = parsed.hostname;
  return { host, port, ssl, baseUrl: `${ssl ? 'https' : 'http'}://${parsed.host}` };
}

/**
 * Connects: reads the token from `tokenEnv` (now, not when the store was configured), finds the
 * tenant and database (the ones configured, else the ones the server says the caller has) and
 * the server's batch limit. The client never gets an embedding function: embedkit embeds.
 */
export async function openChromaConnection(
  settings: ResolvedChromaDriverSettings,
): Promise<ChromaConnection> {
  const { host, port, ssl, baseUrl } = chromaAddress(settings.url);
  const token = settings.token ?? (process.env[settings.tokenEnv] || undefined);
  const headers: Record<string, string> = {};
  if (token !== undefined) {
    if (settings.tokenHeader === 'authorization') headers.authorization = `Bearer ${token}`;
    else headers['x-chroma-token'] = token;
  }
  let { tenant, database } = settings;
  if (tenant === undefined || database === undefined) {
    const probe = new ChromaClient({ host, port, ssl, headers });
    const identity = await callChroma('read the caller identity', baseUrl, () =>
      probe.getUserIdentity(),
    );
    tenant ??= identity.tenant || 'default_tenant';
    const databases = [...new Set(identity.databases)];
    database ??=
      (databases.length === 1 && databases[0] !== '*' ? databases[0] : undefined) ??
      'default_database';
  }
  const client = new ChromaClient({ host, port, ssl, headers, tenant, database });
  const serverLimit = await callChroma('read the server limits', baseUrl, () =>
    client.getMaxBatchSize(),
  );
  const limits = [
    serverLimit > 0 ? serverLimit : Number.POSITIVE_INFINITY,
    settings.maxBatchSize ?? Number.POSITIVE_INFINITY,
  ];
  const maxBatchSize = Math.min(...limits);
  return {
    client,
    baseUrl,
    tenant,
    database,
    headers,
    maxBatchSize: Number.isFinite(maxBatchSize) ? maxBatchSize : 1000,
  };
}
