import type { SimulatorReply } from '../simulators/http-simulator.js';

/** An error answer in Voyage's documented shape, `{ detail }`. */
export function voyageErrorReply(
  status: number,
  detail: string,
  headers?: Record<string, string>,
): SimulatorReply {
  return { kind: 'json', status, body: { detail }, headers };
}
