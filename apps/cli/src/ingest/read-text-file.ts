import { constants, type Stats } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { InvalidInputError } from '@embedkit/core';
import { describeFileError, SkippedSourceError } from './skipped-source-error.js';
import { Utf8Validator } from './utf8-validator.js';

export interface ReadTextOptions {
  /** Decode invalid UTF-8 with U+FFFD instead of refusing the file. */
  allowInvalidUtf8: boolean;
  /** Bytes per read. Default 1 MiB. */
  pieceBytes?: number;
}

/** What reading a file found besides its text. */
export interface TextFileFindings {
  /** Invalid UTF-8 sequences replaced with U+FFFD (only with `allowInvalidUtf8`). */
  invalidSequences: number;
  /** Whether a UTF-8 byte-order mark was removed from the start. */
  byteOrderMark: boolean;
}

/** Bytes at the start of a file looked at for control characters. */
const sampleBytes = 64 * 1024;
/** Share of control characters above which a file is treated as binary. */
const controlShare = 0.1;

/**
 * Reads a file as UTF-8 text, piece by piece, so memory stays bounded whatever its size. Only a
 * regular file is read: it is opened without blocking (opening a FIFO with no writer blocks a
 * thread, and then even `process.exit` waits for it) and checked with `fstat` on the open handle,
 * so a file swapped for a FIFO after listing is caught too. A byte-order mark is dropped. Throws
 * `SkippedSourceError` for anything that is not a readable regular text file (binary content
 * included) and `InvalidInputError` for invalid UTF-8 unless `allowInvalidUtf8`.
 */
export async function* readTextFile(
  path: string,
  shownAs: string,
  options: ReadTextOptions,
  findings: TextFileFindings = { invalidSequences: 0, byteOrderMark: false },
): AsyncGenerator<string> {
  const handle = await openRegularFile(path, shownAs);
  try {
    const validator = new Utf8Validator();
    const decoder = new TextDecoder('utf-8', { fatal: false });
    const buffer = new Uint8Array(options.pieceBytes ?? 1024 * 1024);
    let position = 0;
    for (;;) {
      let read: number;
      try {
        ({ bytesRead: read } = await handle.read(buffer, 0, buffer.length, position));
      } catch (error) {
        throw skipped(shownAs, error);
      }
      if (read === 0) break;
      const bytes = buffer.subarray(0, read);
      if (position === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
        findings.byteOrderMark = true;
      }
      checkNotBinary(bytes, position, shownAs);
      validator.push(bytes);
      position += read;
      if (validator.problems.count > 0 && !options.allowInvalidUtf8) continue;
      const text = decoder.decode(bytes, { stream: true });
      if (text !== '') yield text;
    }
    validator.end();
    const { count, firstOffset, firstLine } = validator.problems;
    if (count > 0 && !options.allowInvalidUtf8) {
      throw new InvalidInputError({
        message: `${shownAs} is not valid UTF-8: the first invalid byte sequence is at byte ${firstOffset} (line ${firstLine})${count > 1 ? `, and ${count - 1} more follow` : ''}. Convert the file to UTF-8 (e.g. iconv -f latin1 -t utf-8), or pass --allow-invalid-utf8 to index it with U+FFFD in place of the invalid bytes.`,
      });
    }
    findings.invalidSequences = count;
    const rest = decoder.decode();
    if (rest !== '') yield rest;
  } finally {
    await handle.close();
  }
}

/** Opens `path` for reading only if it is a regular file. */
async function openRegularFile(path: string, shownAs: string): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw skipped(shownAs, error);
  }
  let info: Stats;
  try {
    info = await handle.stat();
  } catch (error) {
    await handle.close();
    throw skipped(shownAs, error);
  }
  if (!info.isFile()) {
    await handle.close();
    throw new SkippedSourceError({
      path: shownAs,
      reason: `${fileKind(info)}, not a regular file`,
      hint: 'only regular files are read; exclude it with --exclude or remove it',
    });
  }
  return handle;
}

/** What a non-regular file is, for a message. */
export function fileKind(
  info: Pick<Stats, 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice' | 'isDirectory'>,
): string {
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isDirectory()) return 'a folder';
  return 'a special file';
}

function skipped(shownAs: string, error: unknown): SkippedSourceError {
  const reason = describeFileError(error) ?? (error as Error).message;
  return new SkippedSourceError({
    path: shownAs,
    reason,
    hint:
      reason === 'permission denied'
        ? 'give the user running embedkit read access, or exclude it with --exclude'
        : 'fix or remove it, or exclude it with --exclude',
    cause: error,
  });
}

/**
 * Refuses binary content: any NUL byte, or (in the first 64 KiB) more than 10% control
 * characters other than tab, line feed, form feed and carriage return.
 */
function checkNotBinary(bytes: Uint8Array, position: number, shownAs: string): void {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new SkippedSourceError({
      path: shownAs,
      reason: `binary, not text (a NUL byte at byte ${position + nul})`,
      hint: 'only text is indexed; exclude it with --exclude or rename it',
    });
  }
  if (position >= sampleBytes) return;
  const sample = bytes.subarray(0, sampleBytes - position);
  let control = 0;
  for (const byte of sample) {
    if (
      (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) ||
      byte === 0x7f
    ) {
      control++;
    }
  }
  if (sample.length >= 32 && control > sample.length * controlShare) {
    throw new SkippedSourceError({
      path: shownAs,
      reason: `binary, not text (${Math.round((100 * control) / sample.length)}% control characters)`,
      hint: 'only text is indexed; exclude it with --exclude or rename it',
    });
  }
}
