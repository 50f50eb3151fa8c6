import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** CPU time (user + system) a process has used, in milliseconds; `undefined` off Linux. */
function processCpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are the 14th and 15th fields of the whole line, in clock ticks (100/s).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/**
 * Waits until a process uses less than `busyFraction` of one core over a `windowMs` window, or
 * `maxMs` has passed. Milvus Lite builds its vector index in the background after a flush; a
 * latency measurement taken meanwhile would time the index build, not the searches. Returns how
 * long it waited. Without `/proc` it does not wait.
 */
export async function waitForIdleProcess(
  pid: number,
  { busyFraction = 0.1, maxMs = 120_000, windowMs = 1000 } = {},
): Promise<number> {
  const started = Date.now();
  let previous = processCpuMs(pid);
  while (previous !== undefined && Date.now() - started < maxMs) {
    await sleep(windowMs);
    const current = processCpuMs(pid);
    if (current === undefined || current - previous < busyFraction * windowMs) break;
    previous = current;
  }
  return Date.now() - started;
}
