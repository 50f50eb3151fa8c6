import type { DownloadProgress } from './hub-download.js';

const megabytes = (bytes: number) => (bytes / 1_000_000).toFixed(1);

/**
 * The default download reporter: one line per file on stderr, rewritten in place on a terminal
 * (at most every 250 ms) and written once when done elsewhere, so CI logs stay short.
 */
export function createDownloadProgressLine(
  stream: NodeJS.WriteStream = process.stderr,
): (progress: DownloadProgress) => void {
  let lastWrite = 0;
  return (progress) => {
    const total = progress.totalBytes === undefined ? '?' : megabytes(progress.totalBytes);
    const line = `› downloading ${progress.repository}/${progress.file}: ${megabytes(progress.receivedBytes)} / ${total} MB`;
    if (stream.isTTY) {
      const now = Date.now();
      if (!progress.done && now - lastWrite < 250) return;
      lastWrite = now;
      stream.write(`\r${line}${progress.done ? '\n' : ''}`);
    } else if (progress.done) {
      stream.write(`${line}\n`);
    }
  };
}
