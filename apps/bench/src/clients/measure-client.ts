import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChildOutcome, runChild } from '../harness/child-process.js';
import { runPythonScript } from '../python/python-script.js';
import { syntheticCorpus } from '../synthetic-corpus.js';
import type { ClientMeasurement, ClientTask } from './client-worker.js';

/**
 * Measures one client on one task in its own process: a Node worker for the Node clients, the
 * virtualenv's Python for the pymilvus rows (which reads the same corpus from a temporary JSON file).
 */
export async function measureClient(
  task: ClientTask,
  options: { timeoutMs: number; python: string },
): Promise<ChildOutcome<ClientMeasurement>> {
  if (!task.clientId.startsWith('pymilvus')) {
    return runChild<ClientTask, ClientMeasurement>('clients/client-worker.js', task, options);
  }
  const directory = mkdtempSync(join(tmpdir(), 'embedkit-bench-'));
  try {
    const corpusFile = join(directory, 'corpus.json');
    writeFileSync(corpusFile, JSON.stringify(syntheticCorpus(task.corpus).texts));
    return await runPythonScript<ClientMeasurement>(
      options.python,
      'jina_client.py',
      [JSON.stringify(task), corpusFile],
      options.timeoutMs,
    );
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
