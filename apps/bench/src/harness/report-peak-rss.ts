import { writeSync } from 'node:fs';

/**
 * Preloaded (`node --import`) into a process whose memory a scenario measures without changing
 * its code, such as the `embedkit` CLI: at exit it writes the process' peak RSS (getrusage, in
 * bytes) as JSON to file descriptor 3, which the scenario opens as a pipe.
 */
process.on('exit', () => {
  try {
    writeSync(3, JSON.stringify({ peakRss: process.resourceUsage().maxRSS * 1024 }));
  } catch {
    // No descriptor 3: run outside a scenario; nothing to report to.
  }
});
