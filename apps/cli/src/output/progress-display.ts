import cliProgress from 'cli-progress';
import type { IndexStats } from '../ingest/index-documents.js';

/** Shows indexing progress: a live bar on a terminal, a plain line every few seconds otherwise. */
export interface ProgressDisplay {
  update(stats: IndexStats): void;
  stop(stats?: IndexStats): void;
}

export function createProgressDisplay(
  stream: NodeJS.WriteStream = process.stderr,
  intervalMs = 2000,
): ProgressDisplay {
  const started = Date.now();
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format:
          ' {bar} {percentage}% | docs {docs}/{docsTotal} | chunks {value}/{total} | {tokens} tokens | {speed} chunks/s | ETA {eta_formatted}',
        hideCursor: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    let begun = false;
    return {
      update(stats) {
        const payload = {
          docs: stats.storedDocuments,
          docsTotal: stats.pendingDocuments,
          tokens: stats.tokens.toLocaleString('en-US'),
          speed: rate(stats.storedChunks, started),
        };
        if (!begun) {
          bar.start(Math.max(1, stats.pendingChunks), stats.storedChunks, payload);
          begun = true;
        }
        bar.setTotal(Math.max(1, stats.pendingChunks));
        bar.update(stats.storedChunks, payload);
      },
      stop() {
        if (begun) bar.stop();
      },
    };
  }
  let last = 0;
  const line = (stats: IndexStats) => {
    const percent =
      stats.pendingChunks === 0
        ? 100
        : Math.floor((100 * stats.storedChunks) / stats.pendingChunks);
    const speed = rate(stats.storedChunks, started);
    const remaining = stats.pendingChunks - stats.storedChunks;
    const eta = Number(speed) > 0 ? `${Math.ceil(remaining / Number(speed))}s` : '?';
    stream.write(
      `progress: ${stats.storedChunks}/${stats.pendingChunks} chunks (${percent}%), ${stats.storedDocuments}/${stats.pendingDocuments} documents, ${stats.tokens.toLocaleString('en-US')} tokens, ${speed} chunks/s, ETA ${eta}\n`,
    );
  };
  return {
    update(stats) {
      const now = Date.now();
      if (stats.pendingChunks > 0 && now - last >= intervalMs) {
        last = now;
        line(stats);
      }
    },
    stop(stats) {
      if (stats && stats.pendingChunks > 0) line(stats);
    },
  };
}

function rate(count: number, started: number): string {
  const seconds = (Date.now() - started) / 1000;
  return seconds > 0 ? (count / seconds).toFixed(1) : '0.0';
}
