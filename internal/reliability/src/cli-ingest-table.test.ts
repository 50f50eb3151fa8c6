import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { type OpenAISimulator, startOpenAISimulator } from '@embedkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  embedkitLines,
  indexWith,
  memoryStoreFlags,
  nobody,
  scratchFolder,
  startCliAs,
  storedCount,
} from './cli-ingest.test-helpers.js';
import { waitFor } from './cli-process.test-helpers.js';
import { type CliTableRow, checkCliTable } from './cli-table.test-helpers.js';

const paragraph = (topic: string, sentences = 3) =>
  Array.from({ length: sentences }, (_, index) => `${topic} fact ${index} is worth keeping.`).join(
    ' ',
  );

/** Writes `name → text` files under `directory`. */
function files(directory: string, entries: Record<string, string | Buffer>): void {
  for (const [name, text] of Object.entries(entries)) {
    mkdirSync(join(directory, name, '..'), { recursive: true });
    writeFileSync(join(directory, name), text);
  }
}

/** About `bytes` of text: distinct one-sentence paragraphs of 60 words, separated by blank lines. */
function bigText(bytes: number): string {
  const words = 'glacier river honey coffee market signal vector store memory batch'.split(' ');
  const paragraphs: string[] = [];
  let size = 0;
  for (let index = 0; size < bytes; index++) {
    const sentence = Array.from(
      { length: 60 },
      (_, word) => `${words[(index + word) % words.length]}${(index * 7 + word) % 89}`,
    ).join(' ');
    paragraphs.push(`${sentence}.`);
    size += sentence.length + 3;
  }
  return paragraphs.join('\n\n');
}

const jsonl = (records: readonly object[]) =>
  `${records.map((record) => JSON.stringify(record)).join('\n')}\n`;

/**
 * `embedkit index` as a user meets it: each everyday bad input to the CLI, run as a subprocess,
 * answered with a message that names the path and the fix, the documented exit code, and nothing
 * stored lost or duplicated. `docs/errors.md`'s CLI ingest table is these rows as observed:
 * `UPDATE_ERRORS_DOC=1` rewrites it.
 */
describe('CLI ingest table', () => {
  const rows: CliTableRow[] = [];
  let simulator: OpenAISimulator;
  const openaiFlags = () => ['--config', 'openai.json'];
  const openaiConfig = (cwd: string) =>
    writeFileSync(
      join(cwd, 'openai.json'),
      JSON.stringify({
        embedding: {
          provider: 'openai',
          model: 'text-embedding-3-small',
          dimensions: 32,
          baseURL: simulator.baseURL,
        },
        store: { kind: 'memory', path: 'store.json', collection: 'docs' },
      }),
    );
  const openaiEnv = () => ({ OPENAI_API_KEY: simulator.apiKey ?? '' });
  const stable = (text: string, cwd: string) =>
    text
      .split(cwd)
      .join('<dir>')
      .replace(/\d+\.\ds/g, '<t>s')
      .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>');

  beforeAll(async () => {
    simulator = await startOpenAISimulator();
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

  // 1. Ids are unique per ingest, across batches and files.
  row(
    'Duplicate id on lines 1 and 5,002 of one .jsonl',
    2,
    'nothing embedded (0 provider requests), nothing stored',
    async () => {
      const cwd = scratchFolder();
      openaiConfig(cwd);
      const records = Array.from({ length: 5002 }, (_, index) => ({
        id: index === 5001 ? 'x' : index === 0 ? 'x' : `doc-${index}`,
        text: `Record ${index} talks about topic ${index % 17}.`,
      }));
      files(cwd, { 'data.jsonl': jsonl(records) });
      simulator.resetStats();
      const run = await indexWith(cwd, ['index', 'data.jsonl'], {
        flags: openaiFlags(),
        env: openaiEnv(),
      });
      expect(run.code).toBe(2);
      const message = embedkitLines(run);
      expect(message).toContain('data.jsonl:1 and at data.jsonl:5002');
      expect(message).toContain('--replace-duplicates');
      expect(simulator.stats.requests).toBe(0);
      return stable(message, cwd);
    },
  );

  row('Duplicate id in two files', 2, 'nothing embedded, nothing stored', async () => {
    const cwd = scratchFolder();
    files(cwd, {
      'docs/a.jsonl': jsonl([{ id: 'shared', text: paragraph('alpha') }]),
      'docs/b.jsonl': jsonl([{ id: 'shared', text: paragraph('beta') }]),
    });
    const run = await indexWith(cwd, ['index', 'docs']);
    expect(run.code).toBe(2);
    const message = embedkitLines(run);
    expect(message).toContain('docs/a.jsonl:1 and at docs/b.jsonl:1');
    expect(run.stderr).not.toContain('progress:');
    return stable(message, cwd);
  });

  row(
    '`--replace-duplicates`: the later document wins',
    0,
    'one row per id; the summary counts the replaced; a re-run embeds nothing (0 requests)',
    async () => {
      const cwd = scratchFolder();
      openaiConfig(cwd);
      files(cwd, {
        'data.jsonl': jsonl([
          { id: 'x', text: 'The first version of x.' },
          { id: 'y', text: 'Document y.' },
          { id: 'x', text: 'The second version of x wins.' },
        ]),
      });
      const flags = openaiFlags();
      const env = openaiEnv();
      const run = await indexWith(cwd, ['index', 'data.jsonl', '--replace-duplicates', '--json'], {
        flags,
        env,
      });
      expect(run.code).toBe(0);
      const summary = JSON.parse(run.stdout);
      expect(summary).toMatchObject({ documents: 2, storedDocuments: 2, replacedDuplicates: 1 });
      expect(summary.collectionCount).toBe(2);
      const search = await indexWith(cwd, ['search', 'version of x', '--json'], { flags, env });
      const texts = JSON.parse(search.stdout).results.map((hit: { text: string }) => hit.text);
      expect(texts).toContain('The second version of x wins.');
      expect(texts).not.toContain('The first version of x.');
      simulator.resetStats();
      const again = await indexWith(cwd, ['index', 'data.jsonl', '--replace-duplicates'], {
        flags,
        env,
      });
      expect(again.code).toBe(0);
      expect(simulator.stats.requests).toBe(0);
      return stable(again.stdout.split('\n')[0]!, cwd);
    },
  );

  // 2. Only regular files; symlinks resolved with a loop guard; --exclude and .gitignore.
  row(
    'A FIFO named `notes.txt` in the folder',
    0,
    'the other files are indexed; the CLI never waits on the FIFO',
    async () => {
      const cwd = scratchFolder();
      files(cwd, { 'docs/real.md': paragraph('real') });
      execFileSync('mkfifo', [join(cwd, 'docs/notes.txt')]);
      const run = await indexWith(cwd, ['index', 'docs', '--json']);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ storedDocuments: 1, skippedPaths: 1 });
      const message = embedkitLines(run, /warning/);
      expect(message).toContain('docs/notes.txt: a FIFO');
      return stable(message, cwd);
    },
  );

  row('A FIFO given by name', 2, 'nothing stored', async () => {
    const cwd = scratchFolder();
    execFileSync('mkfifo', [join(cwd, 'pipe.jsonl')]);
    const run = await indexWith(cwd, ['index', 'pipe.jsonl']);
    expect(run.code).toBe(2);
    expect(embedkitLines(run)).toContain('pipe.jsonl: a FIFO');
    return stable(embedkitLines(run), cwd);
  });

  row('A unix socket named `api.md`', 0, 'the other files are indexed', async () => {
    const cwd = scratchFolder();
    files(cwd, { 'docs/real.md': paragraph('real') });
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(join(cwd, 'docs/api.md'), resolve));
    try {
      const run = await indexWith(cwd, ['index', 'docs', '--json']);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout).storedDocuments).toBe(1);
      const message = embedkitLines(run, /warning/);
      expect(message).toContain('docs/api.md: a socket');
      return stable(message, cwd);
    } finally {
      server.close();
    }
  });

  row(
    'A link to a device (`/dev/zero`) named `zero.txt`',
    0,
    'the other files are indexed',
    async () => {
      const cwd = scratchFolder();
      files(cwd, { 'docs/real.md': paragraph('real') });
      symlinkSync('/dev/zero', join(cwd, 'docs/zero.txt'));
      const run = await indexWith(cwd, ['index', 'docs', '--json']);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout).storedDocuments).toBe(1);
      const message = embedkitLines(run, /warning/);
      expect(message).toContain('docs/zero.txt: a character device');
      return stable(message, cwd);
    },
  );

  row(
    'A symlinked folder alias (`docs/alias → docs/real`)',
    0,
    'each real file stored once, under its real path',
    async () => {
      const cwd = scratchFolder();
      files(cwd, { 'docs/real/a.md': paragraph('alpha'), 'docs/real/b.md': paragraph('beta') });
      symlinkSync('real', join(cwd, 'docs/alias'));
      const run = await indexWith(cwd, ['index', 'docs', '--json']);
      expect(run.code).toBe(0);
      const summary = JSON.parse(run.stdout);
      expect(summary).toMatchObject({ files: 2, storedDocuments: 2, collectionCount: 2 });
      const search = await indexWith(cwd, ['search', 'alpha fact', '--json']);
      const sources = JSON.parse(search.stdout).results.map(
        (hit: { metadata: { source: string } }) => hit.metadata.source,
      );
      expect(sources.sort()).toEqual(['docs/real/a.md', 'docs/real/b.md']);
      return 'Indexed 2 documents from 2 files (no warning).';
    },
  );

  row(
    'A folder cycle (`docs/sub/up → ..`)',
    0,
    'each file stored once; the loop is named',
    async () => {
      const cwd = scratchFolder();
      files(cwd, { 'docs/a.md': paragraph('alpha'), 'docs/sub/b.md': paragraph('beta') });
      symlinkSync('..', join(cwd, 'docs/sub/up'));
      const run = await indexWith(cwd, ['index', 'docs', '--json']);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ files: 2, collectionCount: 2 });
      const message = embedkitLines(run, /warning/);
      expect(message).toContain('docs/sub/up: a symlink loop');
      return stable(message, cwd);
    },
  );

  row('A symlink loop given by name (`a.md → b.md → a.md`)', 2, 'nothing stored', async () => {
    const cwd = scratchFolder();
    symlinkSync('b.md', join(cwd, 'a.md'));
    symlinkSync('a.md', join(cwd, 'b.md'));
    const run = await indexWith(cwd, ['index', 'a.md']);
    expect(run.code).toBe(2);
    const message = embedkitLines(run);
    expect(message).toContain('a.md is a symlink loop');
    return stable(message, cwd);
  });

  row('A broken symlink `old.md` in the folder', 0, 'the other files are indexed', async () => {
    const cwd = scratchFolder();
    files(cwd, { 'docs/real.md': paragraph('real') });
    symlinkSync('gone.md', join(cwd, 'docs/old.md'));
    const run = await indexWith(cwd, ['index', 'docs', '--json']);
    expect(run.code).toBe(0);
    const message = embedkitLines(run, /warning/);
    expect(message).toContain('docs/old.md: a broken symlink');
    return stable(message, cwd);
  });

  row(
    '`--exclude` and `.gitignore`',
    0,
    'excluded and git-ignored files are not stored; `--no-gitignore` reads the ignored ones',
    async () => {
      const cwd = scratchFolder();
      files(cwd, {
        'docs/keep.md': paragraph('keep'),
        'docs/drafts/draft.md': paragraph('draft'),
        'docs/build/out.md': paragraph('built'),
        'docs/.gitignore': 'build/\n',
      });
      const run = await indexWith(cwd, ['index', 'docs', '--exclude', 'drafts/', '--json']);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ files: 1, collectionCount: 1 });
      const all = await indexWith(cwd, ['index', 'docs', '--no-gitignore', '--json']);
      expect(JSON.parse(all.stdout)).toMatchObject({ files: 3, collectionCount: 3 });
      return 'Indexed 1 document (docs/keep.md); with --no-gitignore 3.';
    },
  );

  // 3. Binary files, invalid UTF-8, byte-order marks.
  row(
    'An executable renamed `tool.txt` (NUL bytes)',
    0,
    'the other files are indexed; nothing of the binary is stored',
    async () => {
      const cwd = scratchFolder();
      files(cwd, {
        'docs/real.md': paragraph('real'),
        'docs/tool.txt': readFileSync(process.execPath).subarray(0, 200_000),
      });
      const run = await indexWith(cwd, ['index', 'docs', '--json']);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ storedDocuments: 1, collectionCount: 1 });
      const message = embedkitLines(run, /warning/);
      expect(message).toContain('docs/tool.txt: binary, not text');
      return stable(message, cwd);
    },
  );

  row(
    'A text file that is mostly control characters',
    0,
    'the other files are indexed',
    async () => {
      const cwd = scratchFolder();
      const noise = Buffer.alloc(4000, 'a');
      for (let index = 0; index < noise.length; index += 3) noise[index] = 0x1b;
      files(cwd, { 'docs/real.md': paragraph('real'), 'docs/screen.txt': noise });
      const run = await indexWith(cwd, ['index', 'docs', '--json']);
      expect(run.code).toBe(0);
      const message = embedkitLines(run, /warning/);
      expect(message).toContain('docs/screen.txt: binary, not text (33% control characters)');
      return stable(message, cwd);
    },
  );

  row('Invalid UTF-8 (a Latin-1 file)', 2, 'nothing embedded, nothing stored', async () => {
    const cwd = scratchFolder();
    files(cwd, {
      'docs/a.md': paragraph('alpha'),
      'docs/latin1.txt': Buffer.from(
        'Line one is fine.\nCaf\xe9 au lait, cr\xe8me br\xfbl\xe9e.\n',
        'latin1',
      ),
    });
    const run = await indexWith(cwd, ['index', 'docs']);
    expect(run.code).toBe(2);
    const message = embedkitLines(run);
    expect(message).toContain('docs/latin1.txt is not valid UTF-8');
    expect(message).toContain('at byte 21 (line 2)');
    expect(run.stderr).not.toContain('progress:');
    return stable(message, cwd);
  });

  row(
    '`--allow-invalid-utf8`',
    0,
    'stored with U+FFFD; the summary counts the replacements',
    async () => {
      const cwd = scratchFolder();
      files(cwd, {
        'latin1.txt': Buffer.from('Caf\xe9 au lait, cr\xe8me br\xfbl\xe9e.\n', 'latin1'),
      });
      const run = await indexWith(cwd, ['index', 'latin1.txt', '--allow-invalid-utf8', '--json']);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ invalidUtf8Sequences: 4, collectionCount: 1 });
      const message = embedkitLines(run, /warning/);
      expect(message).toContain('latin1.txt is not valid UTF-8');
      return stable(message, cwd);
    },
  );

  row(
    'A UTF-8 byte-order mark at the start of a `.jsonl` and a `.md`',
    0,
    'indexed; the mark is not part of the stored text',
    async () => {
      const cwd = scratchFolder();
      files(cwd, {
        'docs/data.jsonl': `\uFEFF${jsonl([{ id: 'first', text: 'Byte order marks are invisible.' }])}`,
        'docs/notes.md': '\uFEFFNotes start with a mark.',
      });
      const run = await indexWith(cwd, ['index', 'docs', '--json']);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ storedDocuments: 2 });
      const search = await indexWith(cwd, ['search', 'notes start with a mark', '--json']);
      for (const hit of JSON.parse(search.stdout).results) {
        expect(hit.text.startsWith('\uFEFF')).toBe(false);
      }
      return 'Indexed 2 documents; the byte-order marks are dropped.';
    },
  );

  row('A byte-order mark in the middle of a `.jsonl`', 2, 'nothing stored', async () => {
    const cwd = scratchFolder();
    files(cwd, {
      'joined.jsonl': `${jsonl([{ text: 'one' }])}\uFEFF${jsonl([{ text: 'two' }])}`,
    });
    const run = await indexWith(cwd, ['index', 'joined.jsonl']);
    expect(run.code).toBe(2);
    const message = embedkitLines(run);
    expect(message).toContain('joined.jsonl:2 starts with a UTF-8 byte-order mark');
    return stable(message, cwd);
  });

  // 4. Permissions: root reads everything, so these run the CLI as `nobody`.
  row('An unreadable file (run as another user)', 0, 'the readable files are indexed', async () => {
    const cwd = scratchFolder();
    files(cwd, { 'docs/open.md': paragraph('open'), 'docs/secret.md': paragraph('secret') });
    chmodSync(join(cwd, 'docs/secret.md'), 0o000);
    const run = await indexWith(cwd, ['index', 'docs', '--json'], { uid: nobody });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ storedDocuments: 1, skippedPaths: 1 });
    const message = embedkitLines(run, /warning/);
    expect(message).toContain('docs/secret.md: permission denied');
    expect(message).not.toContain('EACCES');
    return stable(message, cwd);
  });

  row(
    'An unreadable subfolder (run as another user)',
    0,
    'the rest of the folder is indexed',
    async () => {
      const cwd = scratchFolder();
      files(cwd, { 'docs/open.md': paragraph('open'), 'docs/private/hidden.md': paragraph('x') });
      chmodSync(join(cwd, 'docs/private'), 0o000);
      const run = await indexWith(cwd, ['index', 'docs', '--json'], { uid: nobody });
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ storedDocuments: 1 });
      const message = embedkitLines(run, /warning/);
      expect(message).toContain('docs/private: cannot list this folder (permission denied)');
      return stable(message, cwd);
    },
  );

  row(
    'An unreadable file with `--strict` (run as another user)',
    2,
    'nothing embedded, nothing stored',
    async () => {
      const cwd = scratchFolder();
      files(cwd, { 'docs/open.md': paragraph('open'), 'docs/secret.md': paragraph('secret') });
      chmodSync(join(cwd, 'docs/secret.md'), 0o000);
      const run = await indexWith(cwd, ['index', 'docs', '--strict'], { uid: nobody });
      expect(run.code).toBe(2);
      const message = embedkitLines(run);
      expect(message).toContain('docs/secret.md cannot be indexed: permission denied');
      return stable(message, cwd);
    },
  );

  // 5. "0 documents" says what was looked at.
  row('An empty folder', 2, 'nothing stored', async () => {
    const cwd = scratchFolder();
    mkdirSync(join(cwd, 'empty'));
    const run = await indexWith(cwd, ['index', 'empty']);
    expect(run.code).toBe(2);
    const message = embedkitLines(run);
    expect(message).toContain('No documents to index in empty (extensions .txt, .md');
    return stable(message, cwd);
  });

  row('A folder with only `.pdf` and `.html` files', 2, 'nothing stored', async () => {
    const cwd = scratchFolder();
    files(cwd, { 'docs/a.pdf': '%PDF', 'docs/b.pdf': '%PDF', 'docs/c.html': '<p>' });
    const run = await indexWith(cwd, ['index', 'docs']);
    expect(run.code).toBe(2);
    const message = embedkitLines(run);
    expect(message).toContain('other files only: 2 .pdf, 1 .html');
    return stable(message, cwd);
  });

  row('A mistyped path', 2, 'nothing stored', async () => {
    const cwd = scratchFolder();
    const run = await indexWith(cwd, ['index', 'dcos']);
    expect(run.code).toBe(2);
    return stable(embedkitLines(run), cwd);
  });

  // Signals always stop the CLI.
  const slowCorpus = (cwd: string, baseURL: string) => {
    writeFileSync(
      join(cwd, 'slow.json'),
      JSON.stringify({
        embedding: { provider: 'openai', model: 'text-embedding-3-small', dimensions: 32, baseURL },
        store: { kind: 'memory', path: 'store.json', collection: 'docs' },
      }),
    );
    const entries: Record<string, string> = {};
    for (let index = 0; index < 24; index++) {
      entries[`docs/doc${String(index).padStart(2, '0')}.md`] = `Document ${index} is short.`;
    }
    files(cwd, entries);
  };
  /** Starts an index whose sixth or so provider request never answers; resolves once it hangs. */
  const startStalledIndex = async (stopTimeoutMs: number) => {
    const slow = await startOpenAISimulator({ latency: { fixedMs: 100 } });
    const cwd = scratchFolder();
    slowCorpus(cwd, slow.baseURL);
    const env = {
      OPENAI_API_KEY: slow.apiKey ?? '',
      EMBEDKIT_STOP_TIMEOUT_MS: String(stopTimeoutMs),
    };
    const started = startCliAs(['--config', 'slow.json', 'index', 'docs', '--batch-size', '2'], {
      cwd,
      env,
    });
    await waitFor(() => slow.stats.requests >= 5);
    slow.faults.force('stall', 1);
    await waitFor(() => slow.faults.injected.stall >= 1);
    return { ...started, cwd, env, slow };
  };

  row(
    'SIGTERM while a provider call hangs',
    130,
    'the batches stored before the signal stay; the re-run stores only the rest, no duplicates',
    async () => {
      const { child, finished, cwd, env, slow } = await startStalledIndex(500);
      try {
        child.kill('SIGTERM');
        const run = await finished;
        expect(run.code).toBe(130);
        expect(run.stderr).toContain('stopping after the current batch');
        expect(run.stderr).toContain('did not finish within 0.5s; aborting it');
        const flags = ['--config', 'slow.json'];
        const kept = await storedCount(cwd, flags, env);
        expect(kept).toBeGreaterThan(0);
        expect(kept).toBeLessThan(24);
        const again = await indexWith(cwd, ['index', 'docs', '--json'], { flags, env });
        expect(again.code).toBe(0);
        const summary = JSON.parse(again.stdout);
        expect(summary.storedChunks).toBe(24 - kept);
        expect(summary.collectionCount).toBe(24);
        return stable(embedkitLines(run), cwd);
      } finally {
        await slow.close();
      }
    },
  );

  row(
    'A second SIGTERM while the first waits for the batch',
    130,
    'exits at once; a re-run completes the collection without duplicates',
    async () => {
      const { child, finished, output, cwd, env, slow } = await startStalledIndex(60_000);
      try {
        child.kill('SIGTERM');
        await waitFor(() => output().stderr.includes('stopping after the current batch'));
        child.kill('SIGTERM');
        const run = await finished;
        expect(run.code).toBe(130);
        expect(run.stderr).toContain('exiting now');
        const flags = ['--config', 'slow.json'];
        const again = await indexWith(cwd, ['index', 'docs', '--json'], { flags, env });
        expect(again.code).toBe(0);
        expect(JSON.parse(again.stdout).collectionCount).toBe(24);
        return stable(embedkitLines(run), cwd);
      } finally {
        await slow.close();
      }
    },
  );

  // 6. Big inputs stream.
  row(
    'One 8 MB text file, Ctrl-C half-way through it',
    130,
    'the stored batches of the document stay; the re-run embeds only the rest; then nothing',
    async () => {
      const cwd = scratchFolder();
      files(cwd, { 'big.txt': bigText(8 * 1024 * 1024) });
      const flags = [...memoryStoreFlags];
      const started = startCliAs([...flags, 'index', 'big.txt', '--batch-size', '256'], { cwd });
      // Progress moves inside the one document: chunks stored while 0 of 1 documents are done.
      await waitFor(() =>
        /progress: [1-9]\d*\/\d+ chunks .*, 0\/1 documents/.test(started.output().stderr),
      );
      started.child.kill('SIGINT');
      const first = await started.finished;
      expect(first.code).toBe(130);
      const kept = await storedCount(cwd);
      expect(kept).toBeGreaterThan(0);
      const again = await indexWith(cwd, ['index', 'big.txt', '--batch-size', '256', '--json']);
      expect(again.code).toBe(0);
      const summary = JSON.parse(again.stdout);
      expect(summary.storedDocuments).toBe(1);
      expect(summary.storedChunks).toBe(summary.collectionCount - kept);
      expect(summary.storedChunks).toBeGreaterThan(0);
      const third = await indexWith(cwd, ['index', 'big.txt', '--json']);
      expect(JSON.parse(third.stdout)).toMatchObject({ skipped: 1, storedChunks: 0, tokens: 0 });
      expect(JSON.parse(third.stdout).collectionCount).toBe(summary.collectionCount);
      return stable(embedkitLines(first), cwd);
    },
  );

  row(
    'One 5 MB text file into sqlite-vec, SIGINT after a few batches',
    130,
    'the batches stored before the signal stay, each chunk once; the re-run stores only the rest',
    async () => {
      // A provider that takes 300 ms per call paces the run (not the machine's speed), so the
      // signal lands after some batches and well before the last.
      const slow = await startOpenAISimulator({ latency: { fixedMs: 300 } });
      try {
        const cwd = scratchFolder();
        files(cwd, { 'big.txt': bigText(5 * 1024 * 1024) });
        /** The config, with the provider at `baseURL` (not part of the embedding space). */
        const config = (baseURL: string) =>
          writeFileSync(
            join(cwd, 'big.json'),
            JSON.stringify({
              embedding: {
                provider: 'openai',
                model: 'text-embedding-3-small',
                dimensions: 32,
                baseURL,
              },
              store: { kind: 'sqlite-vec', path: 'big.db', collection: 'docs' },
            }),
          );
        config(slow.baseURL);
        const flags = ['--config', 'big.json'];
        const env = openaiEnv();
        const args = ['index', 'big.txt', '--batch-size', '64'];
        const started = startCliAs([...flags, ...args], { cwd, env, timeoutMs: 120_000 });
        /** Stored chunks per progress line while the one document is still pending. */
        const progress = () =>
          [
            ...started
              .output()
              .stderr.matchAll(/progress: (\d+)\/(\d+) chunks .*, 0\/1 documents/g),
          ].map((match) => ({ stored: Number(match[1]), total: Number(match[2]) }));
        await waitFor(() => progress().filter((line) => line.stored > 0).length >= 2, 60_000);
        started.child.kill('SIGINT');
        const first = await started.finished;
        expect(first.code).toBe(130);
        const lines = progress();
        const total = lines[0]!.total;
        // Progress moved inside the document, in steps far smaller than the file.
        const moving = lines.map((line) => line.stored).filter((stored) => stored > 0);
        expect(new Set(moving).size).toBeGreaterThanOrEqual(2);
        expect(moving.at(-1)!).toBeLessThan(total);
        const kept = await storedCount(cwd, flags, env);
        expect(kept).toBeGreaterThanOrEqual(moving.at(-1)!);
        expect(kept).toBeLessThan(total);
        // The rest from the same model at full speed, so the re-run stays short.
        config(simulator.baseURL);
        const again = await indexWith(cwd, [...args, '--json'], { flags, env });
        expect(again.code, again.stderr).toBe(0);
        const summary = JSON.parse(again.stdout);
        // Each chunk once: the re-run stores exactly the chunks that were missing.
        expect(summary).toMatchObject({ storedDocuments: 1, storedChunks: total - kept });
        expect(summary.collectionCount).toBe(total);
        const third = await indexWith(cwd, ['index', 'big.txt', '--json'], { flags, env });
        expect(JSON.parse(third.stdout)).toMatchObject({ skipped: 1, storedChunks: 0, tokens: 0 });
        expect(JSON.parse(third.stdout).collectionCount).toBe(total);
        return stable(embedkitLines(first), cwd);
      } finally {
        await slow.close();
      }
    },
  );

  it('docs/errors.md has these rows in its CLI ingest table', () => {
    checkCliTable('cli-ingest-table', rows);
  });
});
