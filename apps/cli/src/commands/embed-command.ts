import { createInterface } from 'node:readline';
import { InvalidInputError } from '@embedkit/core';
import type { CliContext } from '../cli-context.js';

export interface EmbedCommandOptions {
  /** `documents`, `queries` or `default` (the configured task). */
  as: string;
  batch: number;
}

/**
 * `embedkit embed`: texts from stdin (one per line, or JSONL `{ "id"?, "text" }` / JSON strings)
 * to JSONL vectors on stdout, `{ "index", "id"?, "vector" }` per input, in input order.
 */
export async function runEmbedCommand(
  context: CliContext,
  options: EmbedCommandOptions,
  signal: AbortSignal,
  input: NodeJS.ReadableStream = process.stdin,
): Promise<number> {
  const method =
    options.as === 'queries'
      ? 'encodeQueries'
      : options.as === 'documents'
        ? 'encodeDocuments'
        : 'embed';
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let pending: { index: number; id?: string; text: string }[] = [];
  let count = 0;
  let lineNumber = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    const vectors = await context.embedding[method](
      pending.map((entry) => entry.text),
      { signal },
    );
    const output = pending
      .map((entry, position) =>
        JSON.stringify({
          index: entry.index,
          ...(entry.id === undefined ? {} : { id: entry.id }),
          vector: Array.from(vectors[position]!),
        }),
      )
      .join('\n');
    process.stdout.write(`${output}\n`);
    pending = [];
  };
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    pending.push({ index: count++, ...parseLine(line, lineNumber) });
    if (pending.length >= options.batch) await flush();
  }
  await flush();
  return count;
}

function parseLine(line: string, lineNumber: number): { id?: string; text: string } {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('"')) return { text: line };
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return { text: line };
  }
  if (typeof value === 'string') return { text: value };
  const record = value as { id?: unknown; text?: unknown };
  if (typeof record.text !== 'string') {
    throw new InvalidInputError({
      message: `stdin line ${lineNumber} is a JSON object without a "text" string.`,
    });
  }
  return { ...(record.id === undefined ? {} : { id: String(record.id) }), text: record.text };
}
