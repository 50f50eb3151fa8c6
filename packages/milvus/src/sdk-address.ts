/**
 * An address in the form the Node SDK parses correctly. Milvus Lite 2.x reports `unix:///path`,
 * which the SDK mangles, so unix sockets become `unix:/path`; Milvus Lite 3 reports
 * `http://127.0.0.1:port`, which becomes `127.0.0.1:port`. `https://` is kept, since it tells the
 * SDK to use TLS; anything else passes through.
 */
export function sdkAddress(uri: string): string {
  const trimmed = uri.trim();
  if (trimmed.startsWith('unix:')) {
    return `unix:/${trimmed.slice('unix:'.length).replace(/^\/+/, '')}`;
  }
  return trimmed.replace(/^http:\/\//, '');
}
