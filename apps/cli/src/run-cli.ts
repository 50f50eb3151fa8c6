import { AbortError } from '@embedkit/core';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { type CliContext, createCliContext } from './cli-context.js';
import { runConfigCommand } from './commands/config-command.js';
import { runEmbedCommand } from './commands/embed-command.js';
import { type IndexCommandOptions, runIndexCommand } from './commands/index-command.js';
import { runInfoCommand } from './commands/info-command.js';
import { runMigrateCommand } from './commands/migrate-command.js';
import { runSearchCommand } from './commands/search-command.js';
import type { ConfigOverrides } from './config/load-config.js';
import { exitCodes, reportError } from './output/report-error.js';
import { cliVersion } from './package-version.js';

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new InvalidArgumentError('expected a positive integer');
  return parsed;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** How long a first Ctrl-C waits for the batch in flight before aborting it. */
function stopTimeoutMs(): number {
  const value = Number(process.env.EMBEDKIT_STOP_TIMEOUT_MS);
  return Number.isFinite(value) && value >= 0 ? value : 10_000;
}

/**
 * Runs the `embedkit` command line and resolves to the exit code. The first Ctrl-C (SIGINT) or
 * SIGTERM stops cleanly: `index` finishes the batch in flight, waiting at most
 * `EMBEDKIT_STOP_TIMEOUT_MS` (default 10 s) before aborting it, and keeps what was stored; other
 * commands stop at once. A second signal exits at once, whatever is in flight.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  /** Aborts calls in flight. */
  const controller = new AbortController();
  /** Asks `index` to stop before its next batch. */
  const stopController = new AbortController();
  let finishBatchOnStop = false;
  const onInterrupt = () => {
    if (stopController.signal.aborted) {
      process.stderr.write('\nembedkit: exiting now.\n');
      process.exit(exitCodes.interrupted);
    }
    const reason = new AbortError({ message: 'Interrupted by Ctrl-C.' });
    if (!finishBatchOnStop) {
      process.stderr.write('\nembedkit: stopping (Ctrl-C again to exit now)…\n');
      stopController.abort(reason);
      controller.abort(reason);
      return;
    }
    const timeout = stopTimeoutMs();
    process.stderr.write(
      `\nembedkit: stopping after the current batch (at most ${timeout / 1000}s; Ctrl-C again to exit now)…\n`,
    );
    stopController.abort(reason);
    setTimeout(() => {
      process.stderr.write(
        `embedkit: the current batch did not finish within ${timeout / 1000}s; aborting it.\n`,
      );
      controller.abort(reason);
      // Whatever still runs (a store that does not answer its close) cannot hold the exit.
      setTimeout(() => process.exit(exitCodes.interrupted), 5000).unref();
    }, timeout).unref();
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);
  let context: CliContext | undefined;
  const withContext = async (
    command: Command,
    action: (context: CliContext) => Promise<void> | void,
  ) => {
    context = await createCliContext(command.optsWithGlobals<ConfigOverrides>());
    await action(context);
  };

  const program = new Command('embedkit')
    .description(
      'Index files into a vector store and search them, with the embedding provider and store chosen by config.',
    )
    .version(cliVersion)
    .option(
      '-c, --config <file>',
      'config file (default: ./embedkit.config.json, or $EMBEDKIT_CONFIG)',
    )
    .option(
      '--provider <id>',
      'embedding provider, overriding the config (hashing, jina, openai, cohere, voyage, gemini, mistral, nomic, tei, ollama, bedrock, local)',
    )
    .option('--store <kind>', 'vector store kind, overriding the config (memory, milvus-lite, …)')
    .option('--store-path <file>', 'data file of an embedded store (memory, milvus-lite, …)')
    .option('--address <uri>', 'server store address (Milvus: or $MILVUS_URI); selects that store')
    .option('--collection <name>', 'collection name')
    .showHelpAfterError(true)
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  program
    .command('index')
    .description(
      'read .txt, .md and .jsonl files and folders, chunk, embed and store them (re-runs skip unchanged documents)',
    )
    .argument('<paths...>', 'files or folders')
    .option('--json', 'print the summary as JSON')
    .option(
      '--batch-size <n>',
      'chunks embedded per pipeline step (default: from the provider limits)',
      positiveInteger,
    )
    .option(
      '--exclude <glob>',
      'leave out paths matching a gitignore-style pattern, relative to each folder (repeatable)',
      collect,
    )
    .option('--no-gitignore', 'also read files that a .gitignore in the folders excludes')
    .option(
      '--replace-duplicates',
      'when two documents have one id, keep the later one (default: refuse the run)',
    )
    .option(
      '--allow-invalid-utf8',
      'index files with invalid UTF-8, the bad bytes as U+FFFD (default: refuse the file)',
    )
    .option('--strict', 'fail (exit code 2) instead of skipping a path with a warning')
    .action(async (paths: string[], options: IndexCommandOptions, command: Command) =>
      withContext(command, async (current) => {
        finishBatchOnStop = true;
        await runIndexCommand(current, paths, options, stopController.signal, controller.signal);
      }),
    );

  program
    .command('search')
    .description('search the collection and print ranked results')
    .argument('<query>', 'what to search for')
    .option('-k, --top-k <n>', 'number of results', positiveInteger, 5)
    .option(
      '--filter <expr>',
      'metadata filter: a JSON object such as \'{"source":"a.md"}\', or a native store expression',
    )
    .option('--json', 'print results as JSON')
    .option(
      '--rerank',
      'rerank the hits with the configured reranker (the default when "rerank" is configured)',
    )
    .option('--no-rerank', 'skip the configured reranker for this search')
    .action(
      async (
        query: string,
        options: { topK: number; filter?: string; json?: boolean; rerank?: boolean },
        command: Command,
      ) => withContext(command, (current) => runSearchCommand(current, query, options)),
    );

  program
    .command('embed')
    .description('read texts from stdin (lines or JSONL) and write JSONL vectors to stdout')
    .addOption(
      new Option('--as <kind>', 'encode as')
        .choices(['documents', 'queries', 'default'])
        .default('default'),
    )
    .option('--batch <n>', 'inputs per embedding call from stdin', positiveInteger, 256)
    .action(async (options: { as: string; batch: number }, command: Command) =>
      withContext(command, async (current) => {
        await runEmbedCommand(current, options, controller.signal);
      }),
    );

  program
    .command('config')
    .description('print the resolved configuration (secrets only as the variables they come from)')
    .action(async (_options: unknown, command: Command) => withContext(command, runConfigCommand));

  program
    .command('info')
    .description('print the collection, the embedding space it was built with, and its count')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }, command: Command) =>
      withContext(command, (current) => runInfoCommand(current, options)),
    );

  program
    .command('migrate')
    .description(
      'copy a collection between stores (ids, texts, metadata and vectors) without re-embedding; re-runs copy only what is missing',
    )
    .requiredOption('--from <config>', 'config file of the store to copy from')
    .requiredOption('--to <config>', 'config file of the store to copy into (same embedding)')
    .option('--batch-size <n>', 'rows read and written per step (default 500)', positiveInteger)
    .option('--json', 'print the summary as JSON')
    .action(async (options: { from: string; to: string; batchSize?: number; json?: boolean }) => {
      await runMigrateCommand(options, controller.signal);
    });

  try {
    await program.parseAsync(argv);
    return exitCodes.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    }
    if (controller.signal.aborted || stopController.signal.aborted) {
      process.stderr.write(
        'embedkit: interrupted; everything stored so far is kept — run the same command again to continue.\n',
      );
      return exitCodes.interrupted;
    }
    return reportError(error);
  } finally {
    await context?.close().catch((error: unknown) => reportError(error));
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
  }
}
