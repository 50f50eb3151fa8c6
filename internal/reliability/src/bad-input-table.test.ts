import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as core from '@embedkit/core';
import { createEmbeddingFunction, type EmbedkitError } from '@embedkit/core';
import { jinaSimulatorApiKey } from '@embedkit/testing';
import { describe, expect, inject, it } from 'vitest';
import { caseMaxRetries, type ErrorCase, errorCases } from './error-cases.test-helpers.js';
import {
  compactTable,
  renderErrorTable,
  stableMessage,
  tableEnd,
  tableStart,
} from './error-table.test-helpers.js';
import { runErrorCase } from './run-error-case.test-helpers.js';

const errorsDoc = fileURLToPath(new URL('../../../docs/errors.md', import.meta.url));

/**
 * Each bad input or failure, answered with the documented class, code and a message that says
 * what to do; retried exactly when the table says so. `docs/errors.md` is this table as observed:
 * run with `UPDATE_ERRORS_DOC=1` to rewrite it after a change.
 */
describe('bad-input table', () => {
  const directory = mkdtempSync(join(tmpdir(), 'embedkit-bad-input-'));
  const observed: { errorCase: ErrorCase; message: string }[] = [];

  for (const errorCase of errorCases) {
    it(errorCase.name, async () => {
      const outcome = await runErrorCase(errorCase, {
        apiKey: jinaSimulatorApiKey,
        milvusAddress: inject('milvusAddress'),
        directory,
      });
      if (errorCase.errorClass === undefined) {
        expect(outcome.error).toBeUndefined();
        observed.push({ errorCase, message: errorCase.outcome ?? '' });
      } else {
        const error = outcome.error as EmbedkitError;
        const errorClass = (core as unknown as Record<string, typeof EmbedkitError>)[
          errorCase.errorClass
        ]!;
        expect(errorClass.isInstance(error), String(error)).toBe(true);
        expect(error.name).toBe(errorCase.errorClass);
        expect(error.code).toBe(errorCase.code);
        expect(error.isRetryable).toBe(errorCase.retried);
        expect(error.message).toMatch(errorCase.message!);
        observed.push({ errorCase, message: stableMessage(error.message, directory) });
      }
      if (errorCase.retried) expect(outcome.requests).toBe(caseMaxRetries + 1);
      if (errorCase.requests !== undefined) expect(outcome.requests).toBe(errorCase.requests);
    });
  }

  it('docs/errors.md lists exactly these cases, with the messages observed', () => {
    expect(observed.map((row) => row.errorCase)).toEqual(errorCases);
    const table = renderErrorTable(observed);
    const document = readFileSync(errorsDoc, 'utf8');
    const start = document.indexOf(tableStart);
    const end = document.indexOf(tableEnd) + tableEnd.length;
    if (process.env.UPDATE_ERRORS_DOC) {
      writeFileSync(errorsDoc, document.slice(0, start) + table + document.slice(end));
      return;
    }
    expect(start).toBeGreaterThan(-1);
    expect(compactTable(document.slice(start, end))).toBe(compactTable(table));
  });

  it('a million-input call streams through the batch runner: memory stays bounded', async () => {
    const count = 1_000_000;
    const inputs = Array.from({ length: count }, (_, index) => `input ${index}`);
    const shared = new Float32Array(8).fill(0.5);
    let calls = 0;
    const embedding = createEmbeddingFunction({
      provider: 'counting',
      model: 'counting',
      dim: 8,
      limits: { maxInputsPerCall: 2048, supportsParallelCalls: true, concurrency: 4 },
      settings: {},
      embedBatch: async (request) => {
        calls++;
        return { embeddings: request.inputs.map((_, index) => ({ index, vector: shared })) };
      },
    });
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    const vectors = await embedding.embed(inputs, {
      onProgress: () => {
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      },
    });
    expect(vectors).toHaveLength(count);
    expect(calls).toBe(Math.ceil(count / 2048));
    // The result array and per-input token counts are ~16 MB; a copy of the inputs per batch
    // would be gigabytes.
    expect(peak - baseline).toBeLessThan(256 * 1024 * 1024);
  });
});
