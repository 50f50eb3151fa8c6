import { describe, expect, it } from 'vitest';
import { raceAbort, sleep } from './abortable-wait.js';
import { deferred } from './fake-provider.test-helpers.js';

describe('sleep', () => {
  it('resolves after the wait, or rejects with the abort reason at once', async () => {
    await expect(sleep(1)).resolves.toBeUndefined();
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    await expect(sleep(1, controller.signal)).rejects.toBe(reason);
  });
});

describe('raceAbort', () => {
  it('settles with the promise while the signal is quiet', async () => {
    await expect(raceAbort(Promise.resolve(7), new AbortController().signal)).resolves.toBe(7);
    await expect(
      raceAbort(Promise.reject(new Error('x')), new AbortController().signal),
    ).rejects.toThrow('x');
  });

  it('rejects on abort without waiting, and swallows the abandoned promise’s later rejection', async () => {
    const controller = new AbortController();
    const abandoned = deferred<number>();
    const racing = raceAbort(abandoned.promise, controller.signal);
    controller.abort(new Error('gone'));
    await expect(racing).rejects.toThrow('gone');
    abandoned.reject(new Error('late'));
    const already = deferred<number>();
    await expect(raceAbort(already.promise, controller.signal)).rejects.toThrow('gone');
    already.reject(new Error('late too'));
    await sleep(1);
  });
});
