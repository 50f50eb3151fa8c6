import { execFileSync } from 'node:child_process';
import type { MachineInfo } from './harness/machine-info.js';
import type { ScenarioResult } from './harness/scenario-result.js';
import type { BenchPlot } from './plots/bench-plots.js';
import { markdownTable, scenarioReport } from './report-table.js';

/** The markers around the block `--write-benchmarks` replaces; everything outside is hand-written. */
export const generatedStart = '<!-- bench:generated:start -->';
export const generatedEnd = '<!-- bench:generated:end -->';

/** What the block says about the run, besides its results. */
export interface RunDescription {
  readonly machine: MachineInfo;
  readonly command: string;
  /** `git rev-parse --short HEAD`, and whether the work tree had uncommitted changes. */
  readonly commit: { readonly hash: string; readonly dirty: boolean };
  readonly totalSeconds: number;
  /** Load average (1 min) when the run started. */
  readonly loadAtStart: number;
  readonly plots: readonly BenchPlot[];
  /** Where the PNG copies are, relative to BENCHMARKS.md. */
  readonly plotDirectory: string;
}

/** The commit of the work tree at `directory`; `unknown` outside a git checkout. */
export function currentCommit(directory: string): RunDescription['commit'] {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: directory, encoding: 'utf8' }).trim();
  try {
    return {
      hash: git('rev-parse', '--short', 'HEAD'),
      dirty: git('status', '--porcelain') !== '',
    };
  } catch {
    return { hash: 'unknown', dirty: false };
  }
}

/**
 * The generated block: when, where, on what commit and with which command the run happened,
 * every target's verdict from this run alone, the plots, then every scenario's tables (the
 * run-time table last, as the run prints it). Nothing in it comes from another run.
 */
export function benchmarksBlock(results: readonly ScenarioResult[], run: RunDescription): string {
  const { machine } = run;
  const targets = results.flatMap((result) =>
    result.targets.map((check) => ({
      scenario: result.id,
      target: check.target,
      verdict: check.met === undefined ? 'n/a' : check.met ? 'met' : '**not met**',
      'this run': check.detail,
    })),
  );
  const lines = [
    generatedStart,
    '',
    `## Latest generated run (${machine.date.slice(0, 10)})`,
    '',
    '_Written by `pnpm bench -- --write-benchmarks` from the run it describes; edits between the markers are overwritten._',
    '',
    `- **Date:** ${machine.date.slice(0, 16).replace('T', ' ')} UTC; the run took ${Math.round(run.totalSeconds)} s (${(run.totalSeconds / 60).toFixed(1)} min), load average ${run.loadAtStart.toFixed(1)} at its start (an idle 2-core machine shows about 2 while the bench runs).`,
    `- **Machine:** ${machine.cores} cores (${machine.cpuModel}), ${machine.memory}, Node ${machine.node}, ${machine.python}, ${machine.platform}.`,
    `- **Commit:** \`${run.commit.hash}\`${run.commit.dirty ? ' with uncommitted changes in the work tree' : ' (clean work tree)'}.`,
    `- **Command:** \`${run.command}\` from the repository root.`,
    ...(run.command.includes('--quick')
      ? [
          '- **Smoke run** (`--quick`, tiny sizes): its figures show that every scenario works, not what it measures.',
        ]
      : run.command.includes('--only')
        ? ['- **Partial run** (`--only`): only the scenarios below ran.']
        : []),
    '',
    '### Targets (this run alone)',
    '',
    targets.length > 0
      ? markdownTable(['scenario', 'target', 'verdict', 'this run'], targets)
      : 'No scenario of this run checks a target.',
    '',
  ];
  if (run.plots.length > 0) {
    lines.push('### Plots', '');
    for (const plot of run.plots) {
      lines.push(`![${plot.title}](${run.plotDirectory}/${plot.file})`, '');
    }
  }
  lines.push(...results.map(scenarioReport), generatedEnd);
  return lines.join('\n');
}

/**
 * `text` with its generated block replaced by `block`, or with `block` appended when the
 * markers are missing; the hand-written sections around it are kept byte for byte.
 */
export function replaceGeneratedBlock(text: string, block: string): string {
  const start = text.indexOf(generatedStart);
  const end = text.indexOf(generatedEnd);
  if (start === -1 || end === -1 || end < start) return `${text.trimEnd()}\n\n${block}\n`;
  return text.slice(0, start) + block + text.slice(end + generatedEnd.length);
}
