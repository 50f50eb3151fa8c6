import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { sleep } from '../batch/sleep.js';
import { StoreError } from '../errors/store-error.js';

/** How long a second writer waits for the lock by default before it gives up. */
export const defaultMemoryLockTimeoutMs = 60_000;

/** Lock files this process holds, with how many drivers share each: one process never waits on itself. */
const heldHere = new Map<string, number>();

/**
 * The lock file beside a memory store's JSON file (`<path>.lock`, holding the writer's pid): the
 * first process that writes takes it and holds it until it closes the store, so two processes
 * never write the file at once and the second one's rows are added to the first one's instead of
 * replacing them. A lock whose process is gone (killed) is taken over.
 */
export class MemoryFileLock {
  readonly path: string;
  readonly #timeoutMs: number;
  #held = false;

  constructor(storePath: string, timeoutMs = defaultMemoryLockTimeoutMs) {
    this.path = `${storePath}.lock`;
    this.#timeoutMs = timeoutMs;
  }

  get held(): boolean {
    return this.#held;
  }

  /** Takes the lock, waiting while a live process holds it, up to the timeout. */
  async acquire(): Promise<void> {
    if (this.#held) return;
    const shared = heldHere.get(this.path);
    if (shared !== undefined) {
      heldHere.set(this.path, shared + 1);
      this.#held = true;
      return;
    }
    const deadline = Date.now() + this.#timeoutMs;
    for (let wait = 25; ; wait = Math.min(500, wait * 2)) {
      const holder = this.#tryCreate();
      if (holder === undefined) {
        heldHere.set(this.path, 1);
        this.#held = true;
        return;
      }
      if (!isAlive(holder)) {
        this.#removeStale(holder);
        continue;
      }
      if (Date.now() >= deadline) {
        throw new StoreError({
          store: 'memory',
          message: `The memory store file ${this.path.slice(0, -'.lock'.length)} is being written by another process (pid ${holder}, lock file ${this.path}); waited ${Math.round(this.#timeoutMs / 1000)} s. Run one writer at a time, raise the store's lockTimeoutMs, or delete ${this.path} if that process is not embedkit.`,
        });
      }
      await sleep(Math.min(wait, Math.max(1, deadline - Date.now())));
    }
  }

  /** Releases the lock if this process holds it. */
  release(): void {
    if (!this.#held) return;
    this.#held = false;
    const sharing = (heldHere.get(this.path) ?? 1) - 1;
    if (sharing > 0) {
      heldHere.set(this.path, sharing);
      return;
    }
    heldHere.delete(this.path);
    try {
      if (readHolder(this.path) === process.pid) unlinkSync(this.path);
    } catch {
      // Already gone: nothing to release.
    }
  }

  /** Creates the lock file; returns the holder's pid when another process has it. */
  #tryCreate(): number | undefined {
    try {
      const descriptor = openSync(this.path, 'wx');
      writeSync(descriptor, String(process.pid));
      closeSync(descriptor);
      return undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new StoreError({
          store: 'memory',
          message: `Cannot create the memory store's lock file ${this.path} (${(error as Error).message}); check that its folder is writable.`,
          cause: error,
        });
      }
      // A holder that has created the file but not yet written its pid counts as alive.
      return readHolder(this.path) ?? process.pid;
    }
  }

  #removeStale(holder: number): void {
    try {
      if (readHolder(this.path) === holder) unlinkSync(this.path);
    } catch {
      // Another process took it over first; the next attempt sees its pid.
    }
  }
}

function readHolder(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
