import { describe, expect, it } from 'vitest';
import { deferred } from './fake-provider.test-helpers.js';
import { raceAbort } from './race-abort.js';
import { sleep } from './sleep.js';

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
