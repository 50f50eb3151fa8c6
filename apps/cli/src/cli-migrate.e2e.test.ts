import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStoreDriver } from '@embedkit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanEnvironment, cliPath, runBuiltCli } from './run-built-cli.test-helpers.js';

const documentCount = 3000;
const embedding = { provider: 'hashing', dimensions: 64 };

/** Every vector of a memory-store file, as raw float32 bits keyed by id. */
function vectorBits(path: string, collection: string): Map<string, number[]> {
  const driver = new MemoryStoreDriver({ path });
  const rows = driver.database.collections.get(collection)?.rows ?? new Map();
  return new Map(
    [...rows.values()].map((row) => [
      row.id,
      Array.from(new Uint32Array(Float32Array.from(row.vector).buffer)),
    ]),
  );
}

describe('embedkit migrate', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'embedkit-cli-migrate-'));
  const writeConfig = (name: string, store: Record<string, unknown>, settings = embedding) => {
    writeFileSync(join(cwd, name), JSON.stringify({ embedding: settings, store }));
    return name;
  };
  const source = writeConfig('source.json', {
    kind: 'memory',
    path: 'source.json.db',
    collection: 'docs',
  });
  const lines = Array.from({ length: documentCount }, (_, index) =>
    JSON.stringify({
      id: `doc-${index}`,
      text: `document ${index} about topic ${index % 17}`,
      topic: index % 17,
    }),
  );
  writeFileSync(join(cwd, 'corpus.jsonl'), `${lines.join('\n')}\n`);

  beforeAll(async () => {
    const indexed = await runBuiltCli(['--config', source, 'index', 'corpus.jsonl', '--json'], {
      cwd,
    });
    expect(indexed.stderr).not.toContain('embedkit:');
    expect(JSON.parse(indexed.stdout).collectionCount).toBe(documentCount);
  }, 120_000);

  it('copies a collection, resumes after SIGKILL with only what is missing, and keeps vectors bit for bit', async () => {
    const target = writeConfig('target.json', {
      kind: 'memory',
      path: 'target.json.db',
      collection: 'copy',
    });
    // Kill the first copy as soon as its first batch is on disk.
    const child = spawn(
      process.execPath,
      [cliPath, 'migrate', '--from', source, '--to', target, '--batch-size', '20'],
      { cwd, env: cleanEnvironment(), stdio: 'ignore' },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('close', (_code, signal) => resolve(signal)),
    );
    while (!existsSync(join(cwd, 'target.json.db')) && child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const partial = vectorBits(join(cwd, 'target.json.db'), 'copy').size;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(documentCount);

    const resumed = await runBuiltCli(['migrate', '--from', source, '--to', target, '--json'], {
      cwd,
    });
    expect(resumed.stderr).not.toContain('embedkit:');
    expect(resumed.code).toBe(0);
    const summary = JSON.parse(resumed.stdout);
    expect(summary).toMatchObject({
      total: documentCount,
      skipped: partial,
      copied: documentCount - partial,
      targetCount: documentCount,
    });

    const original = vectorBits(join(cwd, 'source.json.db'), 'docs');
    const copied = vectorBits(join(cwd, 'target.json.db'), 'copy');
    expect(copied.size).toBe(documentCount);
    for (const id of [
      'doc-0',
      'doc-1499',
      'doc-2999',
      ...[...original.keys()].filter((_, index) => index % 97 === 0),
    ]) {
      expect(copied.get(id)).toEqual(original.get(id));
    }
    // Searching the copy finds what searching the original finds.
    const query = ['search', 'document 42 about topic 8', '--json', '-k', '3'];
    const fromSource = JSON.parse(
      (await runBuiltCli(['--config', source, ...query], { cwd })).stdout,
    );
    const fromTarget = JSON.parse(
      (await runBuiltCli(['--config', target, ...query], { cwd })).stdout,
    );
    expect(fromTarget.results.map((hit: { id: string }) => hit.id)).toEqual(
      fromSource.results.map((hit: { id: string }) => hit.id),
    );
  }, 180_000);

  it('round-trips through Milvus Lite without changing a bit, and says what it copied', async () => {
    const milvus = writeConfig('milvus.json', {
      kind: 'milvus-lite',
      path: 'milvus/data.db',
      collection: 'docs',
    });
    const there = await runBuiltCli(['migrate', '--from', source, '--to', milvus], { cwd });
    expect(there.stderr).not.toContain('embedkit:');
    expect(there.stdout).toMatch(
      /Copied 3000 rows from memory "docs" .* to milvus "docs" .*; 0 were already there\. The target holds 3000 rows\./,
    );
    const back = writeConfig('back.json', {
      kind: 'memory',
      path: 'back.json.db',
      collection: 'back',
    });
    const returned = await runBuiltCli(['migrate', '--from', milvus, '--to', back, '--json'], {
      cwd,
    });
    expect(JSON.parse(returned.stdout)).toMatchObject({
      copied: documentCount,
      targetCount: documentCount,
    });
    const original = vectorBits(join(cwd, 'source.json.db'), 'docs');
    const roundTripped = vectorBits(join(cwd, 'back.json.db'), 'back');
    expect(roundTripped).toEqual(original);
  }, 240_000);

  it('refuses configs with different embeddings, and a target built with another space', async () => {
    const other = writeConfig(
      'other.json',
      { kind: 'memory', path: 'other.json.db' },
      { provider: 'hashing', dimensions: 32 },
    );
    const refused = await runBuiltCli(['migrate', '--from', source, '--to', other], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('give both configs the same "embedding" section');
    expect(existsSync(join(cwd, 'other.json.db'))).toBe(false);

    // A target collection that already holds another space's vectors is refused before writing.
    writeFileSync(join(cwd, 'other.jsonl'), '{"id":"x","text":"built with 32 dimensions"}\n');
    await runBuiltCli(['--config', other, '--collection', 'taken', 'index', 'other.jsonl'], {
      cwd,
    });
    const taken = writeConfig('taken.json', {
      kind: 'memory',
      path: 'other.json.db',
      collection: 'taken',
    });
    const mismatch = await runBuiltCli(['migrate', '--from', source, '--to', taken], { cwd });
    expect(mismatch.code).toBe(5);
    expect(mismatch.stderr).toMatch(/built with .*32.*64/s);
  }, 120_000);
});
