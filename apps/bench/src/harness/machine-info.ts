import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

/** The machine a run happened on, as `BENCHMARKS.md` records it. */
export interface MachineInfo {
  readonly date: string;
  readonly cores: number;
  readonly cpuModel: string;
  readonly memory: string;
  readonly node: string;
  readonly python: string;
  readonly platform: string;
}

export function machineInfo(python: string): MachineInfo {
  const pythonVersion = (() => {
    try {
      return execFileSync(python, ['--version'], { encoding: 'utf8' }).trim();
    } catch {
      return 'unavailable';
    }
  })();
  return {
    date: new Date().toISOString(),
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    node: process.version,
    python: pythonVersion,
    platform: `${process.platform} ${process.arch}`,
  };
}
