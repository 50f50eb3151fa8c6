import { extname } from 'node:path';
import { InvalidInputError, type Metadata } from '@embedkit/core';
import { type SourceFile, textExtensions } from './list-source-files.js';
import { type ReadTextOptions, readTextFile, type TextFileFindings } from './read-text-file.js';

/** One document of a source file, its text still to be read. */
export interface SourceDocument {
  /** Stable identity: the JSONL `id`, else `path` or `path:line`. */
  key: string;
  /** The file it came from, as the user sees it. */
  source: string;
  /** Where exactly: `path` for a text file, `path:line` for a JSONL line. */
  location: string;
  /** Position of the document in its file, from 0. */
  ordinal: number;
  metadata: Metadata;
  /**
   * The text, in pieces: a text file's streams from disk (read it before asking for the next
   * document), a JSONL line's is one piece.
   */
  text: AsyncIterable<string> | readonly string[];
}

/**
 * Reads the documents of one file: the whole text of `.txt`/`.md`/`.markdown` (streamed), one per
 * line of `.jsonl`. Bad lines are `InvalidInputError`s naming `path:line`; see `readTextFile`
 * for what is refused or skipped about the file itself.
 */
export async function* readSourceDocuments(
  file: SourceFile,
  options: ReadTextOptions,
  findings?: TextFileFindings,
): AsyncGenerator<SourceDocument> {
  const source = file.shownAs;
  const pieces = readTextFile(file.path, source, options, findings);
  if (textExtensions.has(extname(file.path).toLowerCase())) {
    yield { key: source, source, location: source, ordinal: 0, metadata: {}, text: pieces };
    // A consumer that stopped reading early leaves the file open: close it.
    await pieces.return(undefined);
    return;
  }
  let pending = '';
  let lineNumber = 0;
  let ordinal = 0;
  const parse = (raw: string): SourceDocument | undefined => {
    lineNumber++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return undefined;
    const location = `${source}:${lineNumber}`;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      throw new InvalidInputError({
        message: line.startsWith('\uFEFF')
          ? `${location} starts with a UTF-8 byte-order mark (U+FEFF) in the middle of the file (two files joined?); remove it.`
          : `${location} is not valid JSON; each line must be one object such as {"id":"a","text":"…"}.`,
      });
    }
    const { id, text, metadata } = (record ?? {}) as {
      id?: unknown;
      text?: unknown;
      metadata?: unknown;
    };
    if (typeof text !== 'string' || text.trim() === '') {
      throw new InvalidInputError({ message: `${location} needs a non-empty "text" string.` });
    }
    if (id !== undefined && typeof id !== 'string' && typeof id !== 'number') {
      throw new InvalidInputError({
        message: `${location} has an "id" that is not a string or number.`,
      });
    }
    if (
      metadata !== undefined &&
      (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))
    ) {
      throw new InvalidInputError({ message: `${location} has "metadata" that is not an object.` });
    }
    return {
      key: id === undefined ? location : String(id),
      source,
      location,
      ordinal: ordinal++,
      metadata: (metadata ?? {}) as Metadata,
      text: [text],
    };
  };
  for await (const piece of pieces) {
    pending += piece;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const document = parse(line);
      if (document) yield document;
    }
  }
  const last = parse(pending);
  if (last) yield last;
}
