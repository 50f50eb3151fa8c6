import { type EmbeddingSpace, InvalidInputError } from '@embedkit/core';
import type { ChunkingConfig } from '../config/cli-config-schema.js';
import { createChunker } from './chunk-text.js';
import { createDocumentHasher } from './document-hash.js';
import type { SourceFile } from './list-source-files.js';
import { readSourceDocuments } from './read-source-documents.js';
import type { ReadTextOptions, TextFileFindings } from './read-text-file.js';
import { SkippedSourceError } from './skipped-source-error.js';

/** What one document will be stored as, known before anything is embedded. */
export interface DocumentPlan {
  key: string;
  location: string;
  /** Index of its file in `ScanResult.files`, and its position in that file. */
  fileIndex: number;
  ordinal: number;
  contentHash: string;
  chunkCount: number;
}

export interface ScanOptions extends ReadTextOptions {
  chunking: ChunkingConfig;
  space: EmbeddingSpace;
  /** Keep the later of two documents with one id instead of refusing the ingest. */
  replaceDuplicates: boolean;
  signal?: AbortSignal;
}

export interface ScanResult {
  /** Files that were read (skipped ones left out), in order. */
  files: SourceFile[];
  /** Per file, its documents to store, in file order (replaced duplicates left out). */
  plans: DocumentPlan[][];
  documents: number;
  /** Earlier documents replaced by a later one with the same id (`replaceDuplicates`). */
  replaced: number;
  /** Files skipped while reading (binary, not regular, unreadable). */
  skipped: SkippedSourceError[];
  /** Documents without any text, left out. */
  empty: number;
  /** Invalid UTF-8 sequences decoded as U+FFFD (`allowInvalidUtf8`), and the files they were in. */
  invalidSequences: number;
  filesWithInvalidUtf8: string[];
}

/**
 * The first pass over the sources: reads every file once (streamed), checks it, and plans each
 * document (its id, content hash and chunk count) without keeping its text. Everything that would
 * make the ingest wrong — duplicate ids across batches and files, invalid UTF-8, bad JSONL — is
 * found here, before anything is embedded or paid for.
 */
export async function scanSources(
  files: readonly SourceFile[],
  options: ScanOptions,
): Promise<ScanResult> {
  const result: ScanResult = {
    files: [],
    plans: [],
    documents: 0,
    replaced: 0,
    skipped: [],
    empty: 0,
    invalidSequences: 0,
    filesWithInvalidUtf8: [],
  };
  const byKey = new Map<string, DocumentPlan>();
  const duplicates: [string, string, string][] = [];
  for (const file of files) {
    options.signal?.throwIfAborted();
    const findings: TextFileFindings = { invalidSequences: 0, byteOrderMark: false };
    const fileIndex = result.files.length;
    const plans: DocumentPlan[] = [];
    try {
      for await (const document of readSourceDocuments(file, options, findings)) {
        const hasher = createDocumentHasher(document.metadata, options.chunking, options.space);
        const chunker = createChunker(options.chunking);
        let chunkCount = 0;
        for await (const piece of document.text) {
          hasher.update(piece);
          chunkCount += chunker.push(piece).length;
          options.signal?.throwIfAborted();
        }
        chunkCount += chunker.end().length;
        if (chunkCount === 0) {
          result.empty++;
          continue;
        }
        result.documents++;
        const plan: DocumentPlan = {
          key: document.key,
          location: document.location,
          fileIndex,
          ordinal: document.ordinal,
          contentHash: hasher.digest(),
          chunkCount,
        };
        const earlier = byKey.get(plan.key);
        if (earlier) {
          if (!options.replaceDuplicates) {
            duplicates.push([plan.key, earlier.location, plan.location]);
            continue;
          }
          const list = earlier.fileIndex === fileIndex ? plans : result.plans[earlier.fileIndex]!;
          list.splice(list.indexOf(earlier), 1);
          result.replaced++;
          result.documents--;
        }
        byKey.set(plan.key, plan);
        plans.push(plan);
      }
    } catch (error) {
      if (error instanceof SkippedSourceError) {
        result.skipped.push(error);
        for (const plan of plans) byKey.delete(plan.key);
        result.documents -= plans.length;
        continue;
      }
      throw error;
    }
    if (findings.invalidSequences > 0) {
      result.invalidSequences += findings.invalidSequences;
      result.filesWithInvalidUtf8.push(file.shownAs);
    }
    result.files.push(file);
    result.plans.push(plans);
  }
  if (duplicates.length > 0) {
    const [key, first, second] = duplicates[0]!;
    const more = duplicates.length - 1;
    throw new InvalidInputError({
      message: `Document id ${JSON.stringify(key)} appears twice: at ${first} and at ${second}${
        more > 0
          ? ` (and ${more} more duplicate${more === 1 ? '' : 's'}: ${duplicates
              .slice(1, 4)
              .map(([, , location]) => location)
              .join(', ')}${more > 3 ? ', …' : ''})`
          : ''
      }. Ids must be unique in one index run, or one document would silently replace the other; give each its own "id", or pass --replace-duplicates to keep the later one. Nothing was embedded.`,
    });
  }
  return result;
}
