import { type ChildProcess, fork } from 'node:child_process';
import type { FaultKind, JinaSimulatorOptions, JinaSimulatorStats } from '@embedkit/testing';
import { distModule } from '../harness/child-process.js';

/** The parent's handle on a simulator running in its own process. */
export interface SimulatorHandle {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly apiKey: string;
  /** Counters so far, plus the simulator process' CPU time and the faults it injected. */
  stats(): Promise<{
    stats: JinaSimulatorStats;
    cpuMs: number;
    faults: Readonly<Record<FaultKind, number>>;
  }>;
  close(): Promise<void>;
}

/** Forks `simulator-process.js` with `options` and resolves once it listens. */
export async function startSimulatorProcess(
  options: JinaSimulatorOptions,
): Promise<SimulatorHandle> {
  const child: ChildProcess = fork(distModule('simulator/simulator-process.js'), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <Reply>(type: string) =>
    new Promise<Reply>((resolve, reject) => {
      const onMessage = (message: { type: string }) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message as Reply);
      };
      const onExit = (code: number | null) =>
        reject(new Error(`The simulator process exited (${code}) before answering "${type}".`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ready = next<{ url: string; apiKey: string }>('ready');
  child.send(options as object);
  const { url, apiKey } = await ready;
  return {
    url,
    apiKey,
    async stats() {
      const reply = next<{
        stats: JinaSimulatorStats;
        cpuMs: number;
        faults: Record<FaultKind, number>;
      }>('stats');
      child.send({ type: 'stats' });
      const { stats, cpuMs, faults } = await reply;
      return { stats, cpuMs, faults };
    },
    async close() {
      if (child.exitCode !== null) return;
      const closed = next('closed').catch(() => undefined);
      child.send({ type: 'close' });
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
