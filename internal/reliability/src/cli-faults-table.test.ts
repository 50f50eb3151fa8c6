import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type OpenAISimulator, startOpenAISimulator } from '@embedkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  embedkitLines,
  indexWith,
  memoryStoreFlags,
  scratchFolder,
  startCliAs,
  storedCount,
} from './cli-ingest.test-helpers.js';
import { type CliRun, waitFor } from './cli-process.test-helpers.js';
import { type CliTableRow, checkCliTable } from './cli-table.test-helpers.js';

/** A key that is easy to spot in any output or file. */
const sentinel = 'sk-SENTINELfaultsTableKEY0123456789';

/** The store flags of the Milvus Lite cases: offline hashing, Milvus Lite data in `m.db`. */
const liteFlags = ['--provider', 'hashing', '--store', 'milvus-lite', '--store-path', 'm.db'];

/** `count` JSON Lines documents with ids `<side>-<n>`, as one file's text. */
function jsonLines(side: string, count: number): string {
  return Array.from({ length: count }, (_, index) =>
    JSON.stringify({ id: `${side}-${index}`, text: `Side ${side} document ${index}.` }),
  ).join('\n');
}

/** Every file under `directory`, recursively. */
function filesUnder(directory: string): string[] {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Writes `name → text` files under `directory`. */
function files(directory: string, entries: Record<string, string | Buffer>): void {
  for (const [name, text] of Object.entries(entries)) writeFileSync(join(directory, name), text);
}

/**
 * An OpenAI-compatible server that answers every input with `vector(index)` (base64 when asked
 * for), as a broken gateway or a misbehaving local server does; only for cases the simulator,
 * which answers correctly, cannot produce (NaN and all-zero vectors).
 */
async function startBrokenServer(vector: (index: number) => number[]): Promise<{
  baseURL: string;
  requests: () => number;
  close: () => Promise<void>;
}> {
  let requests = 0;
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      requests++;
      const parsed = JSON.parse(body) as { input: string[]; encoding_format?: string };
      const data = parsed.input.map((_, index) => {
        const values = vector(index);
        const embedding =
          parsed.encoding_format === 'base64'
            ? Buffer.from(new Float32Array(values).buffer).toString('base64')
            : values;
        return { object: 'embedding', index, embedding };
      });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          object: 'list',
          data,
          model: 'text-embedding-3-small',
          usage: { prompt_tokens: 1, total_tokens: 1 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests: () => requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * The rest of what a CLI user meets besides files (those are the ingest table): config mistakes,
 * provider faults, damaged and shared stores, and search edge cases. Each row runs the built
 * `embedkit` as a subprocess and checks the message, the documented exit code and what is stored
 * afterwards; `docs/errors.md`'s CLI faults table is these rows as observed.
 */
describe('CLI faults table', () => {
  const rows: CliTableRow[] = [];
  let simulator: OpenAISimulator;
  const stable = (text: string, cwd: string) =>
    text
      .split(cwd)
      .join('<dir>')
      .replace(/\d+\.\ds/g, '<t>s')
      .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>')
      .replace(/request id [^)]+/g, 'request id <request id>')
      .replace(/position \d+/g, 'position <n>');

  /** A config for the OpenAI provider at `baseURL` with a memory store, plus `extra` settings. */
  const openaiConfig = (cwd: string, baseURL: string, extra: Record<string, unknown> = {}) =>
    writeFileSync(
      join(cwd, 'openai.json'),
      JSON.stringify({
        embedding: {
          provider: 'openai',
          model: 'text-embedding-3-small',
          dimensions: 32,
          baseURL,
          ...extra,
        },
        store: { kind: 'memory', path: 'store.json', collection: 'docs' },
      }),
    );
  /** A config for the OpenAI provider at `baseURL` (32 dimensions) with `store`. */
  const openaiStoreConfig = (cwd: string, baseURL: string, store: Record<string, unknown>) =>
    writeFileSync(
      join(cwd, 'openai.json'),
      JSON.stringify({
        embedding: { provider: 'openai', model: 'text-embedding-3-small', dimensions: 32, baseURL },
        store: { ...store, collection: 'docs' },
      }),
    );
  const openai = (cwd: string, args: readonly string[], key = simulator.apiKey ?? '') =>
    indexWith(cwd, args, { flags: ['--config', 'openai.json'], env: { OPENAI_API_KEY: key } });
  const corpus = (cwd: string, count = 3) => {
    for (let index = 0; index < count; index++) {
      files(cwd, { [`doc${index}.md`]: `Document ${index} talks about topic ${index}.` });
    }
  };
  const openaiCount = (cwd: string) =>
    storedCount(cwd, ['--config', 'openai.json'], { OPENAI_API_KEY: simulator.apiKey ?? '' });
  const documents = ['doc0.md', 'doc1.md', 'doc2.md'];
  /** Everything the run printed to stderr but progress lines, on one line. */
  const errorText = (run: CliRun) =>
    run.stderr
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('progress:'))
      .map((line) => line.trim())
      .join(' ');
  /** Nothing in the run's output, nor in any file it wrote, holds the sentinel. */
  const noSentinel = (run: CliRun, cwd: string) => {
    expect(run.stdout + run.stderr).not.toContain(sentinel.slice(3));
    for (const file of ['store.json', 'openai.json.out']) {
      if (existsSync(join(cwd, file))) {
        expect(readFileSync(join(cwd, file), 'utf8')).not.toContain(sentinel.slice(3));
      }
    }
  };

  beforeAll(async () => {
    simulator = await startOpenAISimulator({ faultRetryAfterMs: 200, retryAfter: 'seconds' });
  });
  afterAll(async () => {
    await simulator?.close();
  });

  const row = (name: string, exit: number, kept: string, body: () => Promise<string>) => {
    it(name, async () => {
      const message = await body();
      rows.push({ name, exit, kept, message });
    });
  };

  // Config: no secret is ever stored or printed, wherever a user puts it.
  row(
    'A key inside `baseURL` (`http://user:sk-…@host/v1`)',
    2,
    'refused by index, config and info --json; the key is in no output and no file',
    async () => {
      const cwd = scratchFolder();
      corpus(cwd);
      openaiConfig(cwd, simulator.baseURL.replace('http://', `http://user:${sentinel}@`));
      const runs = [
        await openai(cwd, ['index', ...documents]),
        await openai(cwd, ['config']),
        await openai(cwd, ['info', '--json']),
      ];
      for (const run of runs) {
        expect(run.code).toBe(2);
        noSentinel(run, cwd);
      }
      expect(existsSync(join(cwd, 'store.json'))).toBe(false);
      const message = errorText(runs[0]!);
      expect(message).toContain('embedding.baseURL: holds credentials');
      expect(message).toContain('OPENAI_API_KEY');
      return stable(message, cwd);
    },
  );

  row(
    'Credentials in a store address (`--address http://root:…@host`)',
    2,
    'refused before connecting; the password is in no output',
    async () => {
      const cwd = scratchFolder();
      const run = await indexWith(cwd, ['info'], {
        flags: ['--provider', 'hashing', '--address', `http://root:${sentinel}@127.0.0.1:1`],
      });
      expect(run.code).toBe(2);
      noSentinel(run, cwd);
      const message = errorText(run);
      expect(message).toContain('holds credentials');
      return stable(message, cwd);
    },
  );

  row(
    '`"apiKey"` written in the config file',
    2,
    'refused; the message points to apiKeyEnv and never repeats the key',
    async () => {
      const cwd = scratchFolder();
      writeFileSync(
        join(cwd, 'jina.json'),
        JSON.stringify({
          embedding: { provider: 'jina', model: 'jina-embeddings-v3', apiKey: sentinel },
        }),
      );
      const run = await indexWith(cwd, ['config'], { flags: ['--config', 'jina.json'] });
      expect(run.code).toBe(2);
      noSentinel(run, cwd);
      const message = errorText(run);
      expect(message).toContain('embedding.apiKey');
      expect(message).toContain('apiKeyEnv');
      expect(message).not.toContain('unknown key');
      return stable(message, cwd);
    },
  );

  row(
    '`embedkit config` with the key variable set',
    0,
    'shows which variables the provider reads and whether each is set, never the value',
    async () => {
      const cwd = scratchFolder();
      const run = await indexWith(cwd, ['config'], {
        flags: ['--provider', 'jina'],
        env: { JINA_API_KEY: sentinel },
      });
      expect(run.code).toBe(0);
      noSentinel(run, cwd);
      const secrets = JSON.parse(run.stdout).secrets['embedding (jina)'];
      expect(secrets).toEqual({ JINA_API_KEY: 'set', JINAAI_API_KEY: 'not set' });
      return `secrets: ${JSON.stringify(secrets)}`;
    },
  );

  row(
    'A UTF-8 byte-order mark at the start of the config file',
    0,
    'the config is read',
    async () => {
      const cwd = scratchFolder();
      writeFileSync(
        join(cwd, 'bom.json'),
        `\uFEFF${JSON.stringify({ embedding: { provider: 'hashing' }, store: { kind: 'memory', path: 'store.json' } })}`,
      );
      corpus(cwd);
      const run = await indexWith(cwd, ['index', ...documents, '--json'], {
        flags: ['--config', 'bom.json'],
      });
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout).collectionCount).toBe(3);
      return 'Indexed 3 documents; the mark is not part of the JSON.';
    },
  );

  row('A config file that is not JSON', 2, 'nothing stored', async () => {
    const cwd = scratchFolder();
    writeFileSync(join(cwd, 'broken.json'), '{ "embedding": { "provider": "hashing", }');
    const run = await indexWith(cwd, ['config'], { flags: ['--config', 'broken.json'] });
    expect(run.code).toBe(2);
    const message = errorText(run);
    expect(message).toContain('broken.json');
    return stable(message, cwd);
  });

  row(
    'A lone `--store-path` without a config',
    0,
    'keeps the default store kind (milvus-lite) at that path',
    async () => {
      const cwd = scratchFolder();
      const run = await indexWith(cwd, ['config'], { flags: ['--store-path', 'data/my.db'] });
      expect(run.code).toBe(0);
      const { store } = JSON.parse(run.stdout);
      expect(store).toMatchObject({ kind: 'milvus-lite', path: 'data/my.db' });
      return `store: ${JSON.stringify(store)}`;
    },
  );

  // Provider faults.
  row(
    'NaN in every base64 vector',
    1,
    'nothing stored; search never prints NaN scores',
    async () => {
      const server = await startBrokenServer(() => [Number.NaN, ...Array(31).fill(0.1)]);
      try {
        const cwd = scratchFolder();
        corpus(cwd);
        openaiConfig(cwd, server.baseURL, { retry: { maxRetries: 0 } });
        const run = await openai(cwd, ['index', ...documents]);
        expect(run.code).toBe(1);
        const message = embedkitLines(run);
        expect(message).toContain('input 0');
        expect(message).toMatch(/NaN/);
        expect(await openaiCount(cwd)).toBe(0);
        return stable(message, cwd);
      } finally {
        await server.close();
      }
    },
  );

  row('An all-zero vector', 1, 'nothing stored', async () => {
    const server = await startBrokenServer(() => Array(32).fill(0));
    try {
      const cwd = scratchFolder();
      corpus(cwd);
      openaiConfig(cwd, server.baseURL, { retry: { maxRetries: 0 } });
      const run = await openai(cwd, ['index', ...documents]);
      expect(run.code).toBe(1);
      const message = embedkitLines(run);
      expect(message).toMatch(/zero/);
      expect(await openaiCount(cwd)).toBe(0);
      return stable(message, cwd);
    } finally {
      await server.close();
    }
  });

  row(
    'Vectors of the wrong dimension (31 for 32)',
    5,
    'one request, not retried; nothing stored',
    async () => {
      const server = await startBrokenServer(() => Array(31).fill(0.1));
      try {
        const cwd = scratchFolder();
        corpus(cwd);
        openaiConfig(cwd, server.baseURL);
        const run = await openai(cwd, ['index', ...documents]);
        expect(run.code).toBe(5);
        expect(server.requests()).toBe(1);
        const message = embedkitLines(run);
        expect(message).toContain('Retrying cannot fix this');
        expect(await openaiCount(cwd)).toBe(0);
        return stable(message, cwd);
      } finally {
        await server.close();
      }
    },
  );

  row(
    'One response with fewer vectors than inputs',
    0,
    'retried; everything stored once',
    async () => {
      const cwd = scratchFolder();
      corpus(cwd);
      openaiConfig(cwd, simulator.baseURL);
      simulator.faults.force('wrongCount', 1);
      const run = await openai(cwd, ['index', ...documents, '--json']);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout).collectionCount).toBe(3);
      const message = embedkitLines(run, /warning/);
      expect(message).toContain('Retrying in');
      return stable(message, cwd);
    },
  );

  row('One truncated (invalid JSON) body', 0, 'retried; everything stored once', async () => {
    const cwd = scratchFolder();
    corpus(cwd);
    openaiConfig(cwd, simulator.baseURL);
    simulator.faults.force('truncatedBody', 1);
    const run = await openai(cwd, ['index', ...documents, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).collectionCount).toBe(3);
    return stable(embedkitLines(run, /warning/), cwd);
  });

  row(
    'A server that never answers (`timeoutMs: 300`, 2 retries)',
    1,
    'a warning after the first attempt, not after all of them; nothing stored',
    async () => {
      const cwd = scratchFolder();
      corpus(cwd);
      openaiConfig(cwd, simulator.baseURL, { timeoutMs: 300, retry: { maxRetries: 2 } });
      simulator.faults.force('stall', 3);
      const started = startCliAs(['--config', 'openai.json', 'index', ...documents], {
        cwd,
        env: { OPENAI_API_KEY: simulator.apiKey ?? '' },
      });
      const run = await started.finished;
      expect(run.code).toBe(1);
      const warnings = run.stderr.split('\n').filter((line) => line.includes('warning'));
      expect(warnings.length).toBe(2);
      expect(warnings[0]).toContain('took longer than 300 ms (attempt 1 of 3)');
      expect(warnings[0]).toContain('Retrying in');
      return stable(embedkitLines(run), cwd);
    },
  );

  row('HTML 502 from a gateway, every time (1 retry)', 1, 'nothing stored', async () => {
    const cwd = scratchFolder();
    corpus(cwd);
    openaiConfig(cwd, simulator.baseURL, { retry: { maxRetries: 1, baseDelayMs: 10 } });
    simulator.faults.force('nonJsonBody', 2);
    const run = await openai(cwd, ['index', ...documents]);
    expect(run.code).toBe(1);
    expect(embedkitLines(run)).toContain('502 Bad Gateway');
    return stable(embedkitLines(run), cwd);
  });

  row('500 forever (1 retry)', 1, 'nothing stored', async () => {
    const cwd = scratchFolder();
    corpus(cwd);
    openaiConfig(cwd, simulator.baseURL, { retry: { maxRetries: 1, baseDelayMs: 10 } });
    simulator.faults.force('serverError', 2);
    const run = await openai(cwd, ['index', ...documents]);
    expect(run.code).toBe(1);
    expect(await openaiCount(cwd)).toBe(0);
    return stable(embedkitLines(run), cwd);
  });

  row('429 with Retry-After, once', 0, 'waited and retried; everything stored once', async () => {
    const cwd = scratchFolder();
    corpus(cwd);
    openaiConfig(cwd, simulator.baseURL);
    simulator.faults.force('rateLimit', 1);
    const run = await openai(cwd, ['index', ...documents, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).collectionCount).toBe(3);
    const message = embedkitLines(run, /warning/);
    expect(message).toContain('429');
    return stable(message, cwd);
  });

  row('A wrong API key (401)', 3, 'one request; nothing stored', async () => {
    const cwd = scratchFolder();
    corpus(cwd);
    openaiConfig(cwd, simulator.baseURL);
    simulator.resetStats();
    const run = await openai(cwd, ['index', ...documents], sentinel);
    expect(run.code).toBe(3);
    expect(simulator.stats.requests).toBe(1);
    noSentinel(run, cwd);
    return stable(embedkitLines(run), cwd);
  });

  row('A refused connection (nothing listens)', 1, 'nothing stored', async () => {
    const cwd = scratchFolder();
    corpus(cwd);
    const closed = await startBrokenServer(() => []);
    await closed.close();
    openaiConfig(cwd, closed.baseURL, { retry: { maxRetries: 1, baseDelayMs: 10 } });
    const run = await openai(cwd, ['index', ...documents]);
    expect(run.code).toBe(1);
    expect(embedkitLines(run)).toContain('ECONNREFUSED');
    return stable(embedkitLines(run), cwd);
  });

  // Stores: shared, damaged, built with another space.
  row(
    'Two indexers on one memory-store file at once (1,500 documents each)',
    0,
    'the file holds all 3,000 chunks',
    async () => {
      const cwd = scratchFolder();
      const lines = (side: string) =>
        Array.from({ length: 1500 }, (_, index) =>
          JSON.stringify({ id: `${side}-${index}`, text: `Side ${side} document ${index}.` }),
        ).join('\n');
      files(cwd, { 'a.jsonl': lines('a'), 'b.jsonl': lines('b') });
      const runs = await Promise.all([
        indexWith(cwd, ['index', 'a.jsonl', '--batch-size', '100']),
        indexWith(cwd, ['index', 'b.jsonl', '--batch-size', '100']),
      ]);
      for (const run of runs) expect(run.code).toBe(0);
      expect(await storedCount(cwd)).toBe(3000);
      return 'Both runs end with exit 0; `info` counts 3000 chunks.';
    },
  );

  row(
    'The Milvus Lite data folder deleted mid-index',
    4,
    'the run never reports success; the next run names the path and the fix; after it, all 3,000 stored',
    async () => {
      const cwd = scratchFolder();
      files(cwd, { 'a.jsonl': jsonLines('a', 3000) });
      const started = startCliAs([...liteFlags, 'index', 'a.jsonl', '--batch-size', '100'], {
        cwd,
      });
      await waitFor(() => existsSync(join(cwd, 'm.db/collections/embedkit_documents')));
      // Moved away in one step (the server keeps writing into it), then deleted.
      renameSync(join(cwd, 'm.db'), join(cwd, 'gone.db'));
      rmSync(join(cwd, 'gone.db'), { recursive: true, force: true, maxRetries: 10 });
      const run = await started.finished;
      expect(run.code).toBe(4);
      expect(run.stdout).not.toContain('holds');
      const message = embedkitLines(run);
      expect(message).toContain(`data at ${join(cwd, 'm.db')} was deleted or replaced`);
      const next = await indexWith(cwd, ['index', 'a.jsonl'], { flags: liteFlags });
      if (next.code !== 0) {
        expect(next.code).toBe(4);
        expect(embedkitLines(next)).toContain('move it aside (or delete it) and index again');
        rmSync(join(cwd, 'm.db'), { recursive: true, force: true, maxRetries: 10 });
        expect((await indexWith(cwd, ['index', 'a.jsonl'], { flags: liteFlags })).code).toBe(0);
      }
      expect(await storedCount(cwd, liteFlags)).toBe(3000);
      return stable(message, cwd);
    },
  );

  row(
    'A damaged Milvus Lite collection manifest',
    4,
    'refused by info and index, never counted as 0 and re-added; the data is left as it was',
    async () => {
      const cwd = scratchFolder();
      corpus(cwd);
      await indexWith(cwd, ['index', ...documents], { flags: liteFlags });
      const manifest = join(cwd, 'm.db/collections/embedkit_documents/manifest.json');
      writeFileSync(manifest, '{"active_wal');
      const info = await indexWith(cwd, ['info', '--json'], { flags: liteFlags });
      expect(info.code).toBe(4);
      expect(info.stdout).toBe('');
      const run = await indexWith(cwd, ['index', ...documents], { flags: liteFlags });
      expect(run.code).toBe(4);
      const message = embedkitLines(run);
      expect(message).toContain(`data at ${join(cwd, 'm.db')} is damaged`);
      expect(message).toContain('aside');
      expect(message).not.toContain('127.0.0.1');
      expect(readFileSync(manifest, 'utf8')).toBe('{"active_wal');
      return stable(message, cwd);
    },
  );

  row(
    'A second indexer on one Milvus Lite path',
    4,
    'refused in one line naming the path; the first run stores everything',
    async () => {
      const cwd = scratchFolder();
      corpus(cwd);
      // The first run holds the data path while its first request stalls (then is retried).
      openaiConfig(cwd, simulator.baseURL, { timeoutMs: 15_000 });
      const config = JSON.parse(readFileSync(join(cwd, 'openai.json'), 'utf8'));
      config.store = { kind: 'milvus-lite', path: 'm.db', collection: 'docs' };
      writeFileSync(join(cwd, 'openai.json'), JSON.stringify(config));
      simulator.resetStats();
      simulator.faults.force('stall', 1);
      const env = { OPENAI_API_KEY: simulator.apiKey ?? '' };
      const first = startCliAs(['--config', 'openai.json', 'index', ...documents], { cwd, env });
      await waitFor(() => simulator.stats.requests > 0);
      const second = await openai(cwd, ['index', ...documents]);
      expect((await first.finished).code).toBe(0);
      expect(second.code).toBe(4);
      const lines = second.stderr.split('\n').filter((line) => line.trim() !== '');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`data at ${join(cwd, 'm.db')} is in use by another process`);
      expect(second.stderr).not.toContain('Traceback');
      expect(await openaiCount(cwd)).toBe(3);
      return stable(lines[0]!, cwd);
    },
  );

  for (const store of [
    { kind: 'memory', path: 'store.json' },
    { kind: 'milvus-lite', path: 'm.db' },
  ]) {
    row(
      `SIGKILL mid-index, then the same command again (${store.kind}, 3,000 documents)`,
      0,
      'every document stored once; the second run embeds only what was missing',
      async () => {
        // A provider that takes 300 ms a batch, so the run is surely killed midway.
        const slow = await startOpenAISimulator({ apiKey: null, latency: { fixedMs: 300 } });
        try {
          const cwd = scratchFolder();
          files(cwd, { 'a.jsonl': jsonLines('a', 3000) });
          openaiStoreConfig(cwd, slow.baseURL, store);
          const args = ['--config', 'openai.json', 'index', 'a.jsonl', '--batch-size', '50'];
          const killed = startCliAs([...args, '--json'], { cwd });
          // Killed once something is on disk: the memory store's first save, Milvus Lite's log.
          const written = store.kind === 'memory' ? 'store.json' : 'm.db/collections/docs/wal';
          await waitFor(
            () => existsSync(join(cwd, written)) && /progress: [1-9]/.test(killed.output().stderr),
          );
          killed.child.kill('SIGKILL');
          expect((await killed.finished).signal).toBe('SIGKILL');
          // Milvus Lite's Python server notices its parent is gone, then releases the data path.
          let resumed = await startCliAs([...args, '--json'], { cwd }).finished;
          for (let attempt = 0; attempt < 20 && resumed.stderr.includes('in use'); attempt++) {
            await new Promise((resolve) => setTimeout(resolve, 500));
            resumed = await startCliAs([...args, '--json'], { cwd }).finished;
          }
          expect(resumed.code, resumed.stderr).toBe(0);
          const summary = JSON.parse(resumed.stdout);
          expect(summary.collectionCount).toBe(3000);
          expect(summary.skipped).toBeGreaterThan(0);
          expect(summary.skipped + summary.storedDocuments).toBe(3000);
          expect(summary.pendingDocuments).toBe(summary.storedDocuments);
          const again = JSON.parse(
            (await startCliAs([...args, '--json'], { cwd }).finished).stdout,
          );
          expect(again).toMatchObject({ skipped: 3000, storedDocuments: 0, collectionCount: 3000 });
          return 'The second run exits 0 and embeds only the missing documents; a third embeds none; 3000 chunks stored.';
        } finally {
          await slow.close();
        }
      },
    );
  }

  row(
    'A sentinel key through index, search, config, info --json and migrate (memory store and Milvus Lite)',
    0,
    'the key is in no output and in no file written (store files, Milvus Lite data folders, the copies migrate wrote)',
    async () => {
      const keyed = await startOpenAISimulator({ apiKey: sentinel });
      try {
        const cwd = scratchFolder();
        corpus(cwd);
        const outputs: string[] = [];
        const keyedConfig = (name: string, store: Record<string, unknown>) =>
          writeFileSync(
            join(cwd, name),
            JSON.stringify({
              embedding: {
                provider: 'openai',
                model: 'text-embedding-3-small',
                dimensions: 32,
                baseURL: keyed.baseURL,
              },
              store: { ...store, collection: 'docs' },
            }),
          );
        const keyedRun = async (args: string[], flags: string[] = []) => {
          const run = await indexWith(cwd, args, { flags, env: { OPENAI_API_KEY: sentinel } });
          expect(run.code, run.stderr).toBe(0);
          outputs.push(run.stdout, run.stderr);
          return run;
        };
        for (const store of [
          { kind: 'memory', path: 'store.json' },
          { kind: 'milvus-lite', path: 'm.db' },
        ]) {
          keyedConfig('keyed.json', store);
          for (const args of [
            ['index', ...documents],
            ['search', 'topic'],
            ['config'],
            ['info', '--json'],
          ]) {
            await keyedRun(args, ['--config', 'keyed.json']);
          }
        }
        // migrate reads both configs (each naming the key's variable) and writes a whole new
        // collection: Milvus Lite to a fresh memory-store file, then that file to a new Milvus Lite.
        keyedConfig('keyed-from.json', { kind: 'milvus-lite', path: 'm.db' });
        keyedConfig('keyed-copy.json', { kind: 'memory', path: 'copy.json' });
        keyedConfig('keyed-back.json', { kind: 'milvus-lite', path: 'back.db' });
        for (const [from, to] of [
          ['keyed-from.json', 'keyed-copy.json'],
          ['keyed-copy.json', 'keyed-back.json'],
        ]) {
          const run = await keyedRun(['migrate', '--from', from!, '--to', to!, '--json']);
          expect(JSON.parse(run.stdout)).toMatchObject({ copied: documents.length });
        }
        expect(keyed.stats.requests).toBeGreaterThan(0);
        const written = filesUnder(cwd).filter((file) => !/keyed[\w-]*\.json$/.test(file));
        expect(written.some((file) => file.includes('m.db'))).toBe(true);
        expect(written.some((file) => file.includes('back.db'))).toBe(true);
        expect(written.some((file) => file.endsWith('copy.json'))).toBe(true);
        for (const text of [...outputs, ...written.map((file) => readFileSync(file, 'latin1'))]) {
          expect(text).not.toContain(sentinel.slice(3));
        }
        return `0 hits in ${outputs.length} outputs and in every file written.`;
      } finally {
        await keyed.close();
      }
    },
  );

  row('A memory-store file of the wrong shape', 4, 'the file is left as it was', async () => {
    const cwd = scratchFolder();
    corpus(cwd);
    const damaged = JSON.stringify({ collections: { docs: { rows: 5 } } });
    files(cwd, { 'store.json': damaged });
    const run = await indexWith(cwd, ['index', ...documents]);
    expect(run.code).toBe(4);
    const message = embedkitLines(run);
    expect(message).toContain('store.json');
    expect(message).not.toContain('is not a function');
    expect(readFileSync(join(cwd, 'store.json'), 'utf8')).toBe(damaged);
    return stable(message, cwd);
  });

  row('A truncated memory-store file', 4, 'the file is left as it was', async () => {
    const cwd = scratchFolder();
    corpus(cwd);
    await indexWith(cwd, ['index', ...documents]);
    const whole = readFileSync(join(cwd, 'store.json'), 'utf8');
    files(cwd, { 'store.json': whole.slice(0, whole.length / 2) });
    const run = await indexWith(cwd, ['search', 'topic']);
    expect(run.code).toBe(4);
    expect(embedkitLines(run)).toContain('store.json cannot be read');
    return stable(embedkitLines(run), cwd);
  });

  row(
    'A collection built with another embedding space',
    5,
    'nothing written to the collection',
    async () => {
      const cwd = scratchFolder();
      corpus(cwd);
      await indexWith(cwd, ['index', ...documents], {
        flags: [...memoryStoreFlags, '--collection', 'docs'],
      });
      openaiConfig(cwd, simulator.baseURL);
      simulator.resetStats();
      const run = await openai(cwd, ['index', ...documents]);
      expect(run.code).toBe(5);
      expect(simulator.stats.requests).toBe(0);
      expect(await storedCount(cwd, [...memoryStoreFlags, '--collection', 'docs'])).toBe(3);
      return stable(embedkitLines(run), cwd);
    },
  );

  // Search edge cases.
  row(
    'Terminal escapes (`ESC]0;…`, `ESC[2J`) inside a hit',
    0,
    'printed escaped; `--json` keeps the exact text',
    async () => {
      const cwd = scratchFolder();
      const text = 'Evil \u001b]0;pwned\u0007 title and \u001b[2J clear.';
      files(cwd, { 'evil.md': text });
      await indexWith(cwd, ['index', 'evil.md']);
      const run = await indexWith(cwd, ['search', 'evil title']);
      expect(run.code).toBe(0);
      expect(run.stdout).not.toContain('\u001b');
      expect(run.stdout).toContain('\\x1b]0;pwned\\x07');
      const json = await indexWith(cwd, ['search', 'evil title', '--json']);
      expect(JSON.parse(json.stdout).results[0].text).toBe(text);
      return run.stdout.split('\n')[1]!.trim();
    },
  );

  const searchCase = (
    name: string,
    exit: number,
    kept: string,
    args: readonly string[],
    check: (run: CliRun) => void = () => {},
    observed?: string,
  ) =>
    row(name, exit, kept, async () => {
      const cwd = scratchFolder();
      corpus(cwd);
      await indexWith(cwd, ['index', ...documents]);
      const run = await indexWith(cwd, ['search', ...args]);
      expect(run.code).toBe(exit);
      check(run);
      expect(run.stderr).not.toMatch(/Cannot read properties|is not a function/);
      expect(await storedCount(cwd)).toBe(3);
      if (observed) return observed;
      const message = embedkitLines(run) || run.stderr.split('\n')[0]!;
      return stable(message || run.stdout.split('\n')[0]!, cwd);
    });

  searchCase(
    'Filter `{"n":{"gt":1}}` on a field no document has',
    0,
    'no hits, no crash',
    ['topic', '--filter', '{"n":{"gt":1}}'],
    (run) => expect(run.stdout).toContain('No results'),
  );
  searchCase(
    'Filter `{"k":{"in":"x"}}` (a string, not a list)',
    2,
    'nothing changed',
    ['topic', '--filter', '{"k":{"in":"x"}}'],
    (run) => expect(run.stderr).toContain('takes a non-empty list'),
  );
  searchCase(
    'Filter with an unknown operator `{"n":{"near":1}}`',
    2,
    'nothing changed; the supported operators are listed',
    ['topic', '--filter', '{"n":{"near":1}}'],
  );
  searchCase('Filter that is not JSON and not native on the memory store', 2, 'nothing changed', [
    'topic',
    '--filter',
    'n > 1',
  ]);
  searchCase('An empty query', 2, 'nothing changed', ['   ']);
  searchCase(
    'A 100 KB query',
    0,
    'hits printed; nothing changed',
    ['topic '.repeat(17_000), '--json'],
    (run) => expect(JSON.parse(run.stdout).results.length).toBe(3),
    '3 hits (--json).',
  );
  searchCase('`-k 0`', 2, 'nothing changed', ['topic', '-k', '0']);
  searchCase(
    '`-k 100000` on a 3-chunk collection',
    0,
    'every chunk once',
    ['topic', '-k', '100000', '--json'],
    (run) => {
      const ids = JSON.parse(run.stdout).results.map((hit: { id: string }) => hit.id);
      expect(new Set(ids).size).toBe(3);
    },
    '3 hits (--json), each chunk once.',
  );

  row('A native filter Milvus Lite cannot parse', 2, 'nothing changed', async () => {
    const cwd = scratchFolder();
    corpus(cwd);
    const flags = ['--provider', 'hashing', '--store', 'milvus-lite', '--store-path', 'm.db'];
    await indexWith(cwd, ['index', ...documents], { flags });
    const run = await indexWith(cwd, ['search', 'topic', '--filter', 'n >>> 1'], { flags });
    expect(run.code).toBe(2);
    const message = embedkitLines(run);
    expect(message).toContain('refused --filter');
    return stable(message.replace(/\s+/g, ' '), cwd);
  });

  it('docs/errors.md has these rows in its CLI faults table', () => {
    checkCliTable('cli-faults-table', rows);
  });
});
