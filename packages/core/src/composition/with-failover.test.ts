import { describe, expect, it } from 'vitest';
import { answer, vectorFor } from '../batch/fake-provider.test-helpers.js';
import { fakeEmbedding } from '../embedding/fake-embedding.test-helpers.js';
import { ApiCallError } from '../errors/api-call-error.js';
import { AuthenticationError } from '../errors/authentication-error.js';
import { EmbeddingSpaceMismatchError } from '../errors/embedding-space-mismatch-error.js';
import { InvalidConfigError } from '../errors/invalid-config-error.js';
import { withFailover } from './with-failover.js';

const serverError = () => new ApiCallError({ provider: 'fake', status: 503, message: 'down' });
const inputs = ['a', 'b', 'c', 'd', 'e'];
const expected = inputs.map((text) => vectorFor(text, 4));

describe('withFailover', () => {
  it('refuses, at construction, functions of different embedding spaces', () => {
    const construct = (other: ReturnType<typeof fakeEmbedding>) => () =>
      withFailover([fakeEmbedding(), other]);
    expect(construct(fakeEmbedding({ dim: 8 }))).toThrow(EmbeddingSpaceMismatchError);
    expect(construct(fakeEmbedding({ model: 'other-model' }))).toThrow(/fake\/other-model/);
    expect(() => withFailover([])).toThrow(InvalidConfigError);
  });

  it('uses the primary alone while it works', async () => {
    const primary = fakeEmbedding();
    const secondary = fakeEmbedding();
    expect(await withFailover([primary, secondary]).embed(inputs)).toEqual(expected);
    expect(secondary.calls).toHaveLength(0);
  });

  it('sends only what the primary could not finish to the next function', async () => {
    const primary = fakeEmbedding({
      behave: (call, number) => {
        if (number >= 1) throw serverError();
        return answer(call.inputs, 4);
      },
    });
    const secondary = fakeEmbedding();
    const progress: number[] = [];
    const result = await withFailover([primary, secondary]).embedWithUsage(inputs, {
      purpose: 'query',
      onProgress: (update) => {
        expect(update.total).toBe(5);
        progress.push(update.done);
      },
    });
    expect(result.vectors).toEqual(expected);
    expect(secondary.calls.flatMap((call) => call.inputs)).toEqual(['c', 'd', 'e']);
    expect(secondary.calls.every((call) => call.request.purpose === 'query')).toBe(true);
    expect(progress).toEqual([2, 4, 5]);
  });

  it('fails over on a revoked key, but not on input every endpoint would refuse', async () => {
    const revoked = fakeEmbedding({
      behave: () => {
        throw new AuthenticationError({ provider: 'fake', status: 401, message: 'revoked' });
      },
    });
    expect(await withFailover([revoked, fakeEmbedding()]).embed(['x'])).toHaveLength(1);
    const refusing = fakeEmbedding({
      behave: () => {
        throw new ApiCallError({ provider: 'fake', status: 400, message: 'bad input' });
      },
    });
    const secondary = fakeEmbedding();
    await expect(withFailover([refusing, secondary]).embed(['x'])).rejects.toMatchObject({
      status: 400,
    });
    await expect(withFailover([refusing, secondary]).embed(['', 'x'])).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      index: 0,
    });
    expect(secondary.calls).toHaveLength(0);
  });

  it('throws the last error with everything that completed when all fail', async () => {
    const first = fakeEmbedding({
      behave: (call, number) => {
        if (number >= 1) throw serverError();
        return answer(call.inputs, 4);
      },
    });
    const second = fakeEmbedding({
      behave: (call, number) => {
        if (number >= 1) throw serverError();
        return answer(call.inputs, 4);
      },
    });
    const error = (await withFailover([first, second])
      .embed(inputs)
      .catch((caught: unknown) => caught)) as ApiCallError;
    expect(error.status).toBe(503);
    expect(error.completed).toEqual({ indices: [0, 1, 2, 3], vectors: expected.slice(0, 4) });
  });

  it('honours a custom failover rule and stops on abort', async () => {
    const failing = fakeEmbedding({
      behave: () => {
        throw serverError();
      },
    });
    const secondary = fakeEmbedding();
    await expect(
      withFailover([failing, secondary], { shouldFailover: () => false }).embed(['x']),
    ).rejects.toMatchObject({ status: 503 });
    const controller = new AbortController();
    controller.abort();
    await expect(
      withFailover([fakeEmbedding(), secondary]).embed(['x'], { signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'ABORTED' });
    expect(secondary.calls).toHaveLength(0);
  });

  it('describes itself as the primary', () => {
    const primary = fakeEmbedding();
    const combined = withFailover([primary, fakeEmbedding()]);
    expect(combined.toConfig()).toEqual(primary.toConfig());
    expect(combined.space).toEqual(primary.space);
  });
});
