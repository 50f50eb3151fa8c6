/** Where Ollama listens unless told otherwise. */
export const ollamaDefaultHost = 'http://127.0.0.1:11434';

/**
 * The server URL for an `OLLAMA_HOST` value, read the way the `ollama` CLI reads it: no scheme
 * means `http` on port 11434 (`0.0.0.0`, `myhost`, `myhost:8080`); with a scheme the port defaults
 * to 80 or 443; an empty host is 127.0.0.1. `undefined` when the variable is unset or blank.
 */
export function ollamaHostURL(value: string | undefined): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  const match = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(text);
  const scheme = match ? match[1]!.toLowerCase() : 'http';
  const rest = (match ? match[2]! : text).replace(/\/+$/, '');
  const slash = rest.indexOf('/');
  const hostPort = slash === -1 ? rest : rest.slice(0, slash);
  const path = slash === -1 ? '' : rest.slice(slash);
  const defaultPort = match ? (scheme === 'https' ? '443' : '80') : '11434';
  const portMatch = /^(.*):(\d+)$/.exec(hostPort);
  const host = (portMatch ? portMatch[1]! : hostPort) || '127.0.0.1';
  const port = portMatch ? portMatch[2]! : defaultPort;
  return `${scheme}://${host}:${port}${path}`;
}
