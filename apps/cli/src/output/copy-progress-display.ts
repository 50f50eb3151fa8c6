import type { CopyCollectionProgress } from '@embedkit/core';
import cliProgress from 'cli-progress';

/** Shows a copy's progress: a live bar on a terminal, a plain line every few seconds otherwise. */
export interface CopyProgressDisplay {
  update(progress: CopyCollectionProgress): void;
  stop(progress?: CopyCollectionProgress): void;
}

export function createCopyProgressDisplay(
  stream: NodeJS.WriteStream = process.stderr,
  intervalMs = 2000,
): CopyProgressDisplay {
  const started = Date.now();
  const rate = (copied: number) => {
    const seconds = (Date.now() - started) / 1000;
    return seconds > 0 ? (copied / seconds).toFixed(0) : '0';
  };
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format:
          ' {bar} {percentage}% | rows {value}/{total} | {skipped} already there | {speed} rows/s | ETA {eta_formatted}',
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    let begun = false;
    return {
      update(progress) {
        const done = progress.copied + progress.skipped;
        const payload = { skipped: progress.skipped, speed: rate(progress.copied) };
        if (!begun) {
          bar.start(Math.max(1, progress.total), done, payload);
          begun = true;
        }
        bar.update(done, payload);
      },
      stop() {
        if (begun) bar.stop();
      },
    };
  }
  let last = 0;
  const line = (progress: CopyCollectionProgress) => {
    const done = progress.copied + progress.skipped;
    const percent = progress.total === 0 ? 100 : Math.floor((100 * done) / progress.total);
    stream.write(
      `progress: ${done}/${progress.total} rows (${percent}%), ${progress.copied} copied, ${progress.skipped} already there, ${rate(progress.copied)} rows/s\n`,
    );
  };
  return {
    update(progress) {
      const now = Date.now();
      if (now - last >= intervalMs) {
        last = now;
        line(progress);
      }
    },
    stop(progress) {
      if (progress) line(progress);
    },
  };
}
