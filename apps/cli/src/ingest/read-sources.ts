import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, relative, resolve, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { InvalidInputError, type Metadata } from '@embedkit/core';

/** One document found on disk, before chunking. */
export interface SourceDocument {
  /** Stable identity: the JSONL `id`, else `path` or `path:line`. */
  key: string;
  /** Where it came from, relative to the working directory. */
  source: string;
  text: string;
  metadata: Metadata;
}

const textExtensions = new Set(['.txt', '.md', '.markdown']);
const extensions = new Set([...textExtensions, '.jsonl']);

/** Lists the files under `paths` that the CLI reads (`.txt`, `.md`, `.jsonl`), sorted. */
export async function listSourceFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  const visit = async (path: string, explicit: boolean): Promise<void> => {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch {
      throw new InvalidInputError({ message: `No such file or folder: ${path}` });
    }
    if (info.isDirectory()) {
      const entries = await readdir(path);
      for (const entry of entries.sort()) {
        if (entry.startsWith('.') || entry === 'node_modules') continue;
        await visit(join(path, entry), false);
      }
      return;
    }
    const extension = extname(path).toLowerCase();
    if (extensions.has(extension)) files.push(path);
    else if (explicit) {
      throw new InvalidInputError({
        message: `${path} is not a .txt, .md or .jsonl file; the CLI reads only those.`,
      });
    }
  };
  for (const path of paths) await visit(path, true);
  return [...new Set(files.map((file) => resolve(file)))].sort();
}

/** Reads the documents of one file: the whole text of `.txt`/`.md`, one per line of `.jsonl`. */
export async function* readSourceFile(file: string): AsyncGenerator<SourceDocument> {
  const source = relative(process.cwd(), file).split(sep).join('/');
  if (textExtensions.has(extname(file).toLowerCase())) {
    const text = await readFile(file, 'utf8');
    if (text.trim() !== '') yield { key: source, source, text, metadata: {} };
    return;
  }
  const lines = createInterface({
    input: createReadStream(file, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      throw new InvalidInputError({ message: `${source}:${lineNumber} is not valid JSON.` });
    }
    const { id, text, metadata } = (record ?? {}) as {
      id?: unknown;
      text?: unknown;
      metadata?: unknown;
    };
    if (typeof text !== 'string' || text.trim() === '') {
      throw new InvalidInputError({
        message: `${source}:${lineNumber} needs a non-empty "text" string.`,
      });
    }
    if (id !== undefined && typeof id !== 'string' && typeof id !== 'number') {
      throw new InvalidInputError({
        message: `${source}:${lineNumber} has an "id" that is not a string or number.`,
      });
    }
    if (
      metadata !== undefined &&
      (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))
    ) {
      throw new InvalidInputError({
        message: `${source}:${lineNumber} has "metadata" that is not an object.`,
      });
    }
    yield {
      key: id === undefined ? `${source}:${lineNumber}` : String(id),
      source,
      text,
      metadata: (metadata ?? {}) as Metadata,
    };
  }
}
