import { type JinaSimulatorOptions, startJinaSimulator } from '@embedkit/testing';

/**
 * Child-process entry: runs the Jina simulator on its own core, so its CPU work (token counting,
 * vector synthesis, JSON encoding) never competes with the client being measured on the event
 * loop. Talks to the parent over IPC: `ready`, then `stats` on request, `close` to stop.
 */
// A parent that dies without closing the simulator must not leave it listening.
process.once('disconnect', () => process.exit(0));

process.once('message', async (options: JinaSimulatorOptions) => {
  const simulator = await startJinaSimulator(options);
  const started = process.cpuUsage();
  process.on('message', async (message: { type: string }) => {
    if (message.type === 'stats') {
      const cpu = process.cpuUsage(started);
      process.send?.({
        type: 'stats',
        stats: simulator.stats,
        faults: simulator.faults.injected,
        cpuMs: (cpu.user + cpu.system) / 1000,
      });
    } else if (message.type === 'close') {
      await simulator.close();
      process.send?.({ type: 'closed' }, () => process.exit(0));
    }
  });
  process.send?.({ type: 'ready', url: simulator.url, apiKey: simulator.apiKey });
});
