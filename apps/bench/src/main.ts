import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchmarksBlock, currentCommit, replaceGeneratedBlock } from './benchmarks-block.js';
import { embedkitFailures } from './harness/embedkit-failures.js';
import { machineInfo } from './harness/machine-info.js';
import { currentLoad, runTimeReport, type ScenarioTime, timeScenario } from './harness/run-time.js';
import {
  type BenchScale,
  fullScale,
  quickScale,
  type ScenarioResult,
} from './harness/scenario-result.js';
import { writeBenchPlots } from './plots/bench-plots.js';
import { benchRoot, ensurePythonEnv } from './python/python-env.js';
import { scenarioReport } from './report-table.js';
import { bigFile } from './scenarios/big-file.js';
import { clientOverhead } from './scenarios/client-overhead.js';
import { decodeCost } from './scenarios/decode-cost.js';
import { faults } from './scenarios/faults.js';
import { ingestThroughput } from './scenarios/ingest-throughput.js';
import { memory } from './scenarios/memory.js';
import { milvusIngest } from './scenarios/milvus-ingest.js';
import { paidTier } from './scenarios/paid-tier.js';
import { queryLatency } from './scenarios/query-latency.js';
import { shortDocuments } from './scenarios/short-documents.js';
import { stores } from './scenarios/stores.js';

type Scenario = (
  scale: BenchScale,
  python: string,
  log: (line: string) => void,
) => Promise<ScenarioResult>;

const scenarios: Record<string, Scenario> = {
  ingest: ingestThroughput,
  'paid-tier': paidTier,
  'short-documents': shortDocuments,
  decode: decodeCost,
  memory,
  milvus: milvusIngest,
  query: queryLatency,
  stores,
  'big-file': bigFile,
  faults,
  overhead: clientOverhead,
};

// `pnpm bench -- --only x` and `pnpm bench:quick -- --only x` hand the `--` through (after
// `--quick` in the second); drop it so every spelling works.
const argv = process.argv.slice(2).filter((argument) => argument !== '--');
const { values } = parseArgs({
  args: argv,
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    // Replace BENCHMARKS.md's generated block with this run, and copy its plots to docs/bench/.
    'write-benchmarks': { type: 'boolean', default: false },
  },
});
const scale = values.quick ? quickScale : fullScale;
const selected = values.only ? values.only.split(',') : Object.keys(scenarios);
const log = (line: string) =>
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

const started = Date.now();
const loadAtStart = currentLoad();
// Before the run writes anything: the commit and whether the tree was dirty when it started.
const commit = currentCommit(join(benchRoot, '..', '..'));
const python = await ensurePythonEnv(log);
const machine = machineInfo(python);
const results: ScenarioResult[] = [];
const times: ScenarioTime[] = [];
for (const name of selected) {
  const scenario = scenarios[name];
  if (scenario === undefined) {
    throw new Error(`Unknown scenario "${name}". Known: ${Object.keys(scenarios).join(', ')}.`);
  }
  log(`scenario ${name}…`);
  const { result, time } = await timeScenario(name, () => scenario(scale, python, log));
  results.push(result);
  times.push(time);
  console.log(scenarioReport(result));
  log(`scenario ${name} took ${time.seconds.toFixed(0)} s (load ${time.loadAtEnd.toFixed(1)})`);
}
const totalSeconds = (Date.now() - started) / 1000;
log(`done in ${totalSeconds.toFixed(0)} s`);
// Last in the printout and the results: each scenario's time and the 15-minute verdict. A run
// is full when it asked for every scenario (no --only) at full size, whatever their number.
const fullRun = !values.quick && values.only === undefined;
results.push(runTimeReport(times, totalSeconds, { fullRun }));
console.log(scenarioReport(results.at(-1)!));

const directory = join(benchRoot, 'bench-results');
mkdirSync(directory, { recursive: true });
const command = `pnpm bench${values.quick || values.only || values['write-benchmarks'] ? ' --' : ''}${values.quick ? ' --quick' : ''}${values.only ? ` --only ${values.only}` : ''}${values['write-benchmarks'] ? ' --write-benchmarks' : ''}`;
const plots = writeBenchPlots(results, directory);
const report = {
  machine,
  command,
  scale,
  totalSeconds,
  results,
};
const file = join(
  directory,
  `${values.quick ? 'quick' : 'full'}-${machine.date.replace(/[:.]/g, '-')}.json`,
);
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(join(directory, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(
  join(directory, 'latest.md'),
  [
    `Run ${machine.date}: ${machine.cores} cores (${machine.cpuModel}), ${machine.memory}, Node ${machine.node}, ${machine.python}; ${totalSeconds.toFixed(0)} s total.`,
    '',
    ...results.map(scenarioReport),
  ].join('\n'),
);
log(`results written to ${file}; plots: ${plots.map((plot) => plot.file).join(', ') || 'none'}`);

if (values['write-benchmarks']) {
  const repository = join(benchRoot, '..', '..');
  const plotDirectory = 'docs/bench';
  mkdirSync(join(repository, plotDirectory), { recursive: true });
  for (const plot of plots) {
    copyFileSync(join(directory, plot.file), join(repository, plotDirectory, plot.file));
  }
  const benchmarks = join(repository, 'BENCHMARKS.md');
  const block = benchmarksBlock(results, {
    machine,
    command,
    commit,
    totalSeconds,
    loadAtStart,
    plots,
    plotDirectory,
  });
  writeFileSync(benchmarks, replaceGeneratedBlock(readFileSync(benchmarks, 'utf8'), block));
  log(`BENCHMARKS.md: generated block replaced; plots copied to ${plotDirectory}/`);
}

const failures = embedkitFailures(results, { countBridges: values.quick });
if (failures.length > 0) {
  log(`embedkit did not complete ${failures.length} run(s):\n${failures.join('\n')}`);
  process.exitCode = 1;
}
