import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ScenarioResult } from '../harness/scenario-result.js';
import { type BarChart, type ChartBar, writeBarChartPng } from './bar-chart.js';

/** A run of the ingest scenarios (`ingest-throughput`, `paid-tier`, `short-documents`): one client's wall time. */
interface WallTimeRun {
  readonly client: string;
  readonly outcome: string;
  readonly wallMs: number;
}

/**
 * Named series of repetitions, the shape a scenario puts in `data.repetitionSeries` to be
 * plotted (the stores scenario's rows/s per repetition; any other scenario may add its own).
 */
export interface RepetitionSeries {
  readonly title: string;
  readonly axisLabel: string;
  readonly logScale?: boolean;
  readonly series: readonly { readonly name: string; readonly values: readonly number[] }[];
}

/** A plot the bench wrote: the scenario it shows and the PNG's file name. */
export interface BenchPlot {
  readonly scenario: string;
  readonly file: string;
  readonly title: string;
}

const isWallTimeRun = (run: unknown): run is WallTimeRun =>
  typeof run === 'object' &&
  run !== null &&
  typeof (run as WallTimeRun).client === 'string' &&
  typeof (run as WallTimeRun).outcome === 'string' &&
  typeof (run as WallTimeRun).wallMs === 'number';

const isRepetitionSeries = (value: unknown): value is RepetitionSeries =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as RepetitionSeries).title === 'string' &&
  Array.isArray((value as RepetitionSeries).series);

/**
 * The charts a run's results give: wall time per client for every result whose `data.runs` are
 * `{ client, outcome, wallMs }` items (the ingest scenarios), and one chart per entry of
 * `data.repetitionSeries` (rows/s per repetition for the stores). Keyed by file name.
 */
export function benchCharts(results: readonly ScenarioResult[]): Map<string, BarChart> {
  const charts = new Map<string, BarChart>();
  for (const result of results) {
    const data = result.data as { runs?: unknown; repetitionSeries?: unknown } | undefined;
    const runs = data?.runs;
    if (Array.isArray(runs) && runs.length > 0 && runs.every(isWallTimeRun)) {
      charts.set(`${result.id}-wall-time.png`, {
        title: `${result.title.replace(/\s*\(.*$/, '')}: wall time per client`,
        axisLabel: 'wall time, s (shorter is better)',
        bars: runs.map(
          (run): ChartBar =>
            run.outcome === 'completed'
              ? { label: run.client, values: [run.wallMs / 1000] }
              : run.outcome === 'did not finish'
                ? {
                    label: run.client,
                    values: [],
                    note: `did not finish in ${Math.round(run.wallMs / 1000)} s`,
                  }
                : {
                    label: run.client,
                    values: [],
                    note: `failed after ${(run.wallMs / 1000).toFixed(1)} s`,
                  },
        ),
      });
    }
    const series = data?.repetitionSeries;
    if (Array.isArray(series)) {
      series.filter(isRepetitionSeries).forEach((entry, index) => {
        charts.set(`${result.id}-repetitions${series.length > 1 ? `-${index + 1}` : ''}.png`, {
          title: entry.title,
          axisLabel: entry.axisLabel,
          logScale: entry.logScale,
          bars: entry.series.map((item) => ({
            label: item.name,
            values: item.values.filter(Number.isFinite),
            note: item.values.some(Number.isFinite) ? undefined : 'no figure',
          })),
        });
      });
    }
  }
  return charts;
}

/** Writes every chart of `results` as a PNG into `directory`; returns what it wrote. */
export function writeBenchPlots(
  results: readonly ScenarioResult[],
  directory: string,
): BenchPlot[] {
  mkdirSync(directory, { recursive: true });
  const written: BenchPlot[] = [];
  for (const [file, chart] of benchCharts(results)) {
    writeBarChartPng(chart, join(directory, file));
    const scenario = file.replace(/-(wall-time|repetitions)(-\d+)?\.png$/, '');
    written.push({ scenario, file, title: chart.title });
  }
  return written;
}
