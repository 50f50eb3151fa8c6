import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../harness/scenario-result.js';
import { barChartSvg, median, writeBarChartPng } from './bar-chart.js';
import { writeBenchPlots } from './bench-plots.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
const temporaryFolder = () => {
  const folder = mkdtempSync(join(tmpdir(), 'bench-plot-test-'));
  folders.push(folder);
  return folder;
};

/** The PNG signature and the IHDR chunk's width and height (the first chunk of every PNG). */
function pngHeader(file: string) {
  const bytes = readFileSync(file);
  return {
    signature: bytes.subarray(0, 8).toString('hex'),
    chunk: bytes.subarray(12, 16).toString('latin1'),
    width: bytes.readUInt32BE(16),
    height: bytes.readUInt32BE(20),
    size: bytes.length,
  };
}

const chart = {
  title: 'Stores: rows/s per repetition',
  axisLabel: 'rows/s',
  logScale: true,
  bars: [
    { label: 'embedkit (sqlite-vec)', values: [9_100, 9_400, 9_300] },
    { label: 'raw (sqlite-vec)', values: [10_700, 10_800, 10_900] },
    { label: 'pymilvus (milvus-lite)', values: [], note: 'failed' },
  ],
};

describe('bar chart', () => {
  it('writes a valid PNG whose size follows from the bar count', () => {
    const file = join(temporaryFolder(), 'chart.png');
    const size = writeBarChartPng(chart, file);
    // 48 px title band + 3 bars × (22 + 8) px + 44 px axis band.
    expect(size).toEqual({ width: 900, height: 182 });
    const header = pngHeader(file);
    expect(header.signature).toBe('89504e470d0a1a0a');
    expect(header.chunk).toBe('IHDR');
    expect([header.width, header.height]).toEqual([900, 182]);
  });

  it('draws the median as the bar, every repetition as a dot, and a note for a bar without figures', () => {
    const { svg } = barChartSvg(chart);
    expect(svg.match(/<circle /g)).toHaveLength(6);
    expect(svg).toContain('>9,300<');
    expect(svg).toContain('>failed<');
    expect(svg).toContain('(log scale)');
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });

  it('escapes labels so a client name cannot break the SVG', () => {
    const { svg } = barChartSvg({
      title: 'a <b> & "c"',
      axisLabel: 's',
      bars: [{ label: '<script>', values: [1] }],
    });
    expect(svg).toContain('a &lt;b&gt; &amp; &quot;c&quot;');
    expect(svg).not.toContain('<script>');
  });
});

describe('bench plots', () => {
  it('plots wall time per client of every result with { client, outcome, wallMs } runs, and repetition series', () => {
    const result = (id: string, data: unknown): ScenarioResult => ({
      id,
      title: `${id} (details)`,
      columns: [],
      rows: [],
      targets: [],
      notes: [],
      data,
    });
    const runs = [
      { client: 'embedkit', outcome: 'completed', wallMs: 32_000 },
      { client: 'peer', outcome: 'did not finish', wallMs: 45_000 },
    ];
    const folder = temporaryFolder();
    const written = writeBenchPlots(
      [
        result('ingest-throughput', { runs }),
        result('paid-tier', { runs }),
        result('memory', { runs: [{ client: 'embedkit', peak: 1 }] }),
        result('stores', {
          repetitionSeries: [
            { title: 'rows/s', axisLabel: 'rows/s', series: [{ name: 'a', values: [1, 2, 3] }] },
          ],
        }),
      ],
      folder,
    );
    expect(written.map((plot) => plot.file)).toEqual([
      'ingest-throughput-wall-time.png',
      'paid-tier-wall-time.png',
      'stores-repetitions.png',
    ]);
    expect(pngHeader(join(folder, 'paid-tier-wall-time.png'))).toMatchObject({
      width: 900,
      height: 48 + 2 * 30 + 44,
    });
  });
});
