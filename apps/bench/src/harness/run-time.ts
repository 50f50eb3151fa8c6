import { loadavg } from 'node:os';
import { formatNumber } from '../report-table.js';
import type { Cell, ScenarioResult } from './scenario-result.js';

/**
 * The budget of a full run (issues 14 and 17): every scenario on 2 cores in 15 minutes, so a
 * full run stays something one starts before a coffee rather than overnight.
 */
export const fullRunBudgetSeconds = 15 * 60;

/** One scenario's wall time, with the machine's load around it (the machine may be shared). */
export interface ScenarioTime {
  readonly scenario: string;
  readonly seconds: number;
  /** 1-minute load average when the scenario started and when it ended. */
  readonly loadAtStart: number;
  readonly loadAtEnd: number;
}

/** The 1-minute load average (`uptime`'s first figure). */
export const currentLoad = () => loadavg()[0] ?? Number.NaN;

/** Runs one scenario and records its wall time and the load around it. */
export async function timeScenario<T>(
  scenario: string,
  run: () => Promise<T>,
): Promise<{ result: T; time: ScenarioTime }> {
  const loadAtStart = currentLoad();
  const started = performance.now();
  const result = await run();
  return {
    result,
    time: {
      scenario,
      seconds: (performance.now() - started) / 1000,
      loadAtStart,
      loadAtEnd: currentLoad(),
    },
  };
}

/**
 * The run-time table printed last: each scenario's wall time and load, the total, and whether
 * the run fits the 15-minute budget. Only a full run (every scenario, full sizes) is judged;
 * the total counts this process from its start, not the build `pnpm bench` runs before it.
 */
export function runTimeReport(
  times: readonly ScenarioTime[],
  totalSeconds: number,
  { fullRun }: { readonly fullRun: boolean },
): ScenarioResult {
  const rows = times.map(
    (time): Record<string, Cell> => ({
      scenario: time.scenario,
      'wall s': formatNumber(time.seconds, 0),
      'load at start': formatNumber(time.loadAtStart, 1),
      'load at end': formatNumber(time.loadAtEnd, 1),
    }),
  );
  const scenarioSeconds = times.reduce((sum, time) => sum + time.seconds, 0);
  rows.push({
    scenario: 'total (with setup)',
    'wall s': formatNumber(totalSeconds, 0),
    'load at start': '',
    'load at end': formatNumber(currentLoad(), 1),
  });
  const minutes = `${formatNumber(totalSeconds / 60, 1)} min`;
  return {
    id: 'run-time',
    title: `Run time: ${formatNumber(totalSeconds, 0)} s (${minutes})`,
    columns: ['scenario', 'wall s', 'load at start', 'load at end'],
    rows,
    targets: [
      {
        target: `full run ≤ ${fullRunBudgetSeconds / 60} min on 2 cores`,
        met: fullRun ? totalSeconds <= fullRunBudgetSeconds : undefined,
        detail: fullRun
          ? `${minutes}, load average ${formatNumber(times[0]?.loadAtStart ?? currentLoad(), 1)} at the start (an idle 2-core machine shows about 2; a higher load makes every scenario slower)`
          : 'not a full run (--quick or --only): only a full run is judged',
      },
    ],
    notes: [
      `Scenarios ${formatNumber(scenarioSeconds, 0)} s; setup (Python environment check, machine info) and writing results make up the rest. The build that \`pnpm bench\` runs first is not counted.`,
      'Load: the 1-minute load average (`uptime`) when each scenario started and ended.',
    ],
    data: { times, totalSeconds, budgetSeconds: fullRunBudgetSeconds, fullRun },
  };
}
