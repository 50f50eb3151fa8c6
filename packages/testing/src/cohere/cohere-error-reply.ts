import { randomUUID } from 'node:crypto';
import type { SimulatorReply } from '../simulators/http-simulator.js';

/** An error answer in Cohere's documented shape, `{ id, message }`. */
export function cohereErrorReply(
  status: number,
  message: string,
  headers?: Record<string, string>,
): SimulatorReply {
  return { kind: 'json', status, body: { id: randomUUID(), message }, headers };
}
