import { describe, expect, it } from 'vitest';
import {
  benchmarksBlock,
  generatedEnd,
  generatedStart,
  replaceGeneratedBlock,
} from './benchmarks-block.js';
import type { ScenarioResult } from './harness/scenario-result.js';

const result: ScenarioResult = {
  id: 'memory',
  title: '3. Memory',
  columns: ['client', 'x raw'],
  rows: [{ client: 'embedkit', 'x raw': '1.23×' }],
  targets: [{ target: 'peak ≤1.2× raw', met: false, detail: '1.23×' }],
  notes: [],
  data: {},
};
const block = benchmarksBlock([result], {
  machine: {
    date: '2026-12-02T22:00:00.000Z',
    cores: 2,
    cpuModel: 'AMD EPYC',
    memory: '23.5 GiB',
    node: 'v20.20.2',
    python: 'Python 3.11.7',
    platform: 'linux x64',
  },
  command: 'pnpm bench -- --write-benchmarks',
  commit: { hash: 'abc1234', dirty: true },
  totalSeconds: 600,
  loadAtStart: 1.5,
  plots: [{ scenario: 'stores', file: 'stores-repetitions.png', title: 'Stores rows/s' }],
  plotDirectory: 'docs/bench',
});

describe('BENCHMARKS.md generated block', () => {
  it('records date, machine, commit (dirty or not), command, target verdicts, plots and tables', () => {
    expect(block.startsWith(generatedStart)).toBe(true);
    expect(block.endsWith(generatedEnd)).toBe(true);
    expect(block).toContain('2026-12-02 22:00 UTC');
    expect(block).toContain('2 cores (AMD EPYC), 23.5 GiB, Node v20.20.2, Python 3.11.7');
    expect(block).toContain('`abc1234` with uncommitted changes');
    expect(block).toContain('`pnpm bench -- --write-benchmarks`');
    expect(block).toMatch(/\| memory +\| peak ≤1\.2× raw \| \*\*not met\*\* \| 1\.23× +\|/);
    expect(block).toContain('![Stores rows/s](docs/bench/stores-repetitions.png)');
    expect(block).toContain('### 3. Memory');
  });

  it('replaces only what is between the markers, keeping the hand-written text', () => {
    const document = `# Benchmarks\n\nintro\n\n${generatedStart}\nold figures\n${generatedEnd}\n\n## Hand-written\n`;
    const replaced = replaceGeneratedBlock(document, block);
    expect(replaced.startsWith('# Benchmarks\n\nintro\n\n')).toBe(true);
    expect(replaced.endsWith(`${generatedEnd}\n\n## Hand-written\n`)).toBe(true);
    expect(replaced).not.toContain('old figures');
    expect(replaceGeneratedBlock(replaced, block)).toBe(replaced);
  });

  it('appends the block when the markers are missing', () => {
    expect(replaceGeneratedBlock('# Benchmarks\n', block)).toBe(`# Benchmarks\n\n${block}\n`);
  });
});
